//! SpotDraft's paging envelope and an auto-pager that cannot loop forever.

use std::collections::VecDeque;

use futures_util::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::method::Method;
use crate::request::Request;

/// One page of a paged list: `{"page", "limit", "total_results", "results"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(default)]
    pub page: u32,
    #[serde(default)]
    pub limit: u32,
    #[serde(default)]
    pub total_results: u64,
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
}

/// Largest page SpotDraft serves.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Default guard: an auto-pager stops with an error after this many pages.
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// Walks every page of a paged GET, one request per page.
pub struct Pager<T> {
    client: Client,
    path: String,
    query: Vec<(String, String)>,
    limit: u32,
    next_page: Option<u32>,
    pages_fetched: u32,
    max_pages: u32,
    items_seen: u64,
    _items: std::marker::PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pager<T> {
    pub(crate) fn new(client: Client, path: String, query: Vec<(String, String)>) -> Pager<T> {
        Pager {
            client,
            path,
            query: query.into_iter().filter(|(k, _)| k != "page" && k != "limit").collect(),
            limit: MAX_PAGE_SIZE,
            next_page: Some(1),
            pages_fetched: 0,
            max_pages: DEFAULT_MAX_PAGES,
            items_seen: 0,
            _items: std::marker::PhantomData,
        }
    }

    /// Items per page (1 to 100).
    pub fn page_size(mut self, limit: u32) -> Result<Self> {
        if !(1..=MAX_PAGE_SIZE).contains(&limit) {
            return Err(Error::invalid_argument(format!(
                "page size must be between 1 and {MAX_PAGE_SIZE}, not {limit}"
            )));
        }
        self.limit = limit;
        Ok(self)
    }

    /// The page to start from (1 is the first).
    pub fn start_page(mut self, page: u32) -> Result<Self> {
        if page == 0 {
            return Err(Error::invalid_argument("pages are numbered from 1"));
        }
        self.next_page = Some(page);
        Ok(self)
    }

    /// Stop with an error after this many pages instead of paging on forever.
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// The next page, or `None` when the list is exhausted.
    pub async fn next_page(&mut self) -> Result<Option<Page<T>>> {
        let Some(page_number) = self.next_page else {
            return Ok(None);
        };
        if self.pages_fetched >= self.max_pages {
            self.next_page = None;
            return Err(Error::invalid_argument(format!(
                "stopped after {} pages ({} items) of {}: raise max_pages if the list really is that long",
                self.pages_fetched, self.items_seen, self.path
            )));
        }
        let mut request = Request::new(Method::Get, self.path.clone());
        request.query = self.query.clone();
        request = request.query("page", page_number.to_string()).query("limit", self.limit.to_string());
        let page: Page<T> = match self.client.send(request).await?.json() {
            Ok(page) => page,
            Err(e) => {
                self.next_page = None;
                return Err(e);
            }
        };
        self.pages_fetched += 1;
        if page.page != 0 && page.page != page_number {
            self.next_page = None;
            return Err(Error::new(
                ErrorKind::Decode,
                format!("asked {} for page {page_number} but got page {}; stopped paging", self.path, page.page),
            ));
        }
        let count = page.results.len() as u64;
        self.items_seen += count;
        let served_limit = if page.limit == 0 { self.limit } else { page.limit } as u64;
        let exhausted =
            count == 0 || self.items_seen >= page.total_results || count < served_limit.min(self.limit as u64);
        self.next_page = if exhausted { None } else { Some(page_number + 1) };
        Ok(Some(page))
    }

    /// Every remaining item, in order.
    pub async fn collect_all(mut self) -> Result<Vec<T>> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await? {
            items.extend(page.results);
        }
        Ok(items)
    }

    /// The remaining items as a stream; an error ends it.
    pub fn into_stream(self) -> impl Stream<Item = Result<T>> {
        futures_util::stream::unfold((self, VecDeque::new(), false), |(mut pager, mut buffer, done)| async move {
            loop {
                if let Some(item) = buffer.pop_front() {
                    return Some((Ok(item), (pager, buffer, done)));
                }
                if done {
                    return None;
                }
                match pager.next_page().await {
                    Ok(Some(page)) => buffer.extend(page.results),
                    Ok(None) => return None,
                    Err(e) => return Some((Err(e), (pager, buffer, true))),
                }
            }
        })
    }
}

impl Client {
    /// One page of a paged GET.
    pub async fn get_page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        page: u32,
        limit: u32,
    ) -> Result<Page<T>> {
        if page == 0 {
            return Err(Error::invalid_argument("pages are numbered from 1"));
        }
        if !(1..=MAX_PAGE_SIZE).contains(&limit) {
            return Err(Error::invalid_argument(format!("limit must be between 1 and {MAX_PAGE_SIZE}, not {limit}")));
        }
        let mut request = Request::new(Method::Get, path);
        for (k, v) in query {
            request = request.query(*k, *v);
        }
        request = request.query("page", page.to_string()).query("limit", limit.to_string());
        self.send(request).await?.json()
    }

    /// An auto-pager over a paged GET (`page`/`limit` are managed by the pager).
    pub fn pages<T: DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> Pager<T> {
        let query = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Pager::new(self.clone(), path.to_string(), query)
    }
}
