//! Lazy paging: core's `Pager` behind a lock, one page per op, so `Client.paginate` is a
//! plain iterator and `AsyncClient.paginate` an async iterator over the same work.

use std::sync::Arc;

use futures_util::future::BoxFuture;
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

use crate::errors::IntoPyResult;
use crate::op::{job, Op, Out};

/// Any core pager, its items re-encoded as JSON for Python.
pub trait AnyPager: Send {
    /// The next page as `{"page", "limit", "total_results", "results"}`, or `None` at the end.
    fn next_json(&mut self) -> BoxFuture<'_, spotdraft::Result<Option<String>>>;
    /// Sets the page size (checked by core).
    fn set_page_size(self: Box<Self>, limit: u32) -> spotdraft::Result<Box<dyn AnyPager>>;
    /// Stops after this many pages.
    fn set_max_pages(self: Box<Self>, pages: u32) -> Box<dyn AnyPager>;
}

impl<T: DeserializeOwned + Serialize + Send + 'static> AnyPager for spotdraft::Pager<T> {
    fn next_json(&mut self) -> BoxFuture<'_, spotdraft::Result<Option<String>>> {
        Box::pin(async move {
            let Some(page) = self.next_page().await? else { return Ok(None) };
            let text = serde_json::to_string(&json!({
                "page": page.page, "limit": page.limit, "total_results": page.total_results, "results": page.results,
            }))
            .map_err(|e| {
                spotdraft::Error::new(spotdraft::ErrorKind::Decode, format!("could not encode a page: {e}"))
            })?;
            Ok(Some(text))
        })
    }

    fn set_page_size(self: Box<Self>, limit: u32) -> spotdraft::Result<Box<dyn AnyPager>> {
        Ok(Box::new((*self).page_size(limit)?))
    }

    fn set_max_pages(self: Box<Self>, pages: u32) -> Box<dyn AnyPager> {
        Box::new((*self).max_pages(pages))
    }
}

type Shared = Arc<tokio::sync::Mutex<Box<dyn AnyPager>>>;

/// A pager started by `NativeClient.pages` or `resource_pages`.
#[pyclass(module = "spotdraft._native", frozen)]
pub struct NativePager {
    pager: Shared,
    runner: spotdraft::BlockingClient,
}

impl NativePager {
    /// Applies the optional page size and page cap.
    pub fn configure(
        py: Python<'_>,
        mut pager: Box<dyn AnyPager>,
        page_size: Option<u32>,
        max_pages: Option<u32>,
        runner: spotdraft::BlockingClient,
    ) -> PyResult<NativePager> {
        if let Some(limit) = page_size {
            pager = pager.set_page_size(limit).py_err(py)?;
        }
        if let Some(pages) = max_pages {
            pager = pager.set_max_pages(pages);
        }
        Ok(NativePager { pager: Arc::new(tokio::sync::Mutex::new(pager)), runner })
    }
}

#[pymethods]
impl NativePager {
    /// The op fetching the next page (JSON text), or `None` when there are no more.
    fn next_page(&self) -> Op {
        let pager = self.pager.clone();
        let work = job(async move {
            let mut pager = pager.lock().await;
            Ok(match pager.next_json().await? {
                Some(text) => Out::Json(text),
                None => Out::Unit,
            })
        });
        Op::new(work, spotdraft::CancellationToken::new(), self.runner.clone())
    }
}
