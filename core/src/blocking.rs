//! A blocking face over the async client, for the CLI, C and other synchronous callers.
//! It owns a small runtime; every call blocks the calling thread only.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::client::{Client, ClientBuilder};
use crate::download::{write_error, Download, DownloadProgress};
use crate::error::{Error, Result};
use crate::paging::{Page, Pager};
use crate::request::Request;
use crate::response::Response;
use crate::verify::Verification;

/// Owns the runtime and shuts it down without blocking if dropped on a runtime thread.
struct Runtime(Option<tokio::runtime::Runtime>);

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

#[derive(Clone)]
pub struct BlockingClient {
    client: Client,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for BlockingClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BlockingClient").field(&self.client).finish()
    }
}

impl BlockingClient {
    pub fn new(builder: ClientBuilder) -> Result<BlockingClient> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("spotdraft-io")
            .enable_all()
            .build()
            .map_err(|e| Error::invalid_argument(format!("could not start the I/O runtime: {e}")))?;
        let client = {
            let _guard = runtime.enter();
            builder.build()?
        };
        Ok(BlockingClient { client, runtime: Arc::new(Runtime(Some(runtime))) })
    }

    /// The async client underneath (for code that has its own runtime).
    pub fn async_client(&self) -> &Client {
        &self.client
    }

    /// Runs a future of this client to completion on its own runtime.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> Result<F::Output> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::invalid_argument(
                "the blocking client was called from async code; use spotdraft::Client there",
            ));
        }
        let runtime = self.runtime.0.as_ref().expect("runtime lives as long as the client");
        Ok(runtime.block_on(future))
    }

    pub fn as_user(&self, email: &str) -> Result<BlockingClient> {
        Ok(BlockingClient { client: self.client.as_user(email)?, runtime: self.runtime.clone() })
    }

    pub fn send(&self, request: Request) -> Result<Response> {
        self.block_on(self.client.send(request))?
    }

    pub fn verify(&self) -> Result<Verification> {
        self.block_on(self.client.verify())?
    }

    pub fn get_page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        page: u32,
        limit: u32,
    ) -> Result<Page<T>> {
        self.block_on(self.client.get_page(path, query, page, limit))?
    }

    /// Streams the answer's body into `writer`, calling `progress` after each chunk.
    pub fn download(
        &self,
        request: Request,
        writer: &mut dyn std::io::Write,
        mut progress: impl FnMut(DownloadProgress),
    ) -> Result<Download> {
        self.block_on(async {
            let mut reader = self.client.open_download(&request).await?;
            while let Some(chunk) = reader.next_chunk().await? {
                writer.write_all(&chunk).map_err(|e| write_error(&e))?;
                progress(reader.progress());
            }
            writer.flush().map_err(|e| write_error(&e))?;
            Ok(reader.info)
        })?
    }

    /// Streams the answer's body into a file that appears only when complete.
    pub fn download_to_file(
        &self,
        request: Request,
        path: &std::path::Path,
        overwrite: bool,
        progress: impl FnMut(DownloadProgress),
    ) -> Result<Download> {
        self.block_on(self.client.download_to_file(request, path, overwrite, progress))?
    }

    /// An iterator over every item of a paged GET; it yields an error once and then ends.
    pub fn pages<T: DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> BlockingPager<T> {
        BlockingPager {
            client: self.clone(),
            pager: self.client.pages(path, query),
            buffer: Default::default(),
            done: false,
        }
    }
}

pub struct BlockingPager<T> {
    client: BlockingClient,
    pager: Pager<T>,
    buffer: std::collections::VecDeque<T>,
    done: bool,
}

impl<T: DeserializeOwned> BlockingPager<T> {
    pub fn page_size(mut self, limit: u32) -> Result<Self> {
        self.pager = self.pager.page_size(limit)?;
        Ok(self)
    }
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.pager = self.pager.max_pages(max_pages);
        self
    }
    /// The next whole page, or `None` at the end.
    pub fn next_page(&mut self) -> Result<Option<Page<T>>> {
        self.client.block_on(self.pager.next_page())?
    }
}

impl<T: DeserializeOwned> Iterator for BlockingPager<T> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match self.next_page() {
                Ok(Some(page)) => self.buffer.extend(page.results),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}
