//! SpotDraft's paging envelope and an auto-pager that cannot loop forever.

use std::collections::VecDeque;

use futures_util::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::cancel::CancellationToken;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::method::Method;
use crate::request::Request;

/// One page of a paged list: `{"page", "limit", "total_results", "results"}`. An answer
/// without `results` or `total_results` is not a page: it fails to decode rather than
/// reading as an empty list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// The page number (from 1); 0 when the server did not say.
    #[serde(default)]
    pub page: u32,
    /// The page size the server used; 0 when it did not say.
    #[serde(default)]
    pub limit: u32,
    /// How many items the whole list has.
    pub total_results: u64,
    /// The items of this page.
    pub results: Vec<T>,
}

impl<T> Page<T> {
    /// A page (for tests and emulators).
    pub fn new(page: u32, limit: u32, total_results: u64, results: Vec<T>) -> Page<T> {
        Page { page, limit, total_results, results }
    }
}

/// Checks a page number and size; every paged call goes through here.
pub(crate) fn check_page_args(page: u32, limit: u32) -> Result<()> {
    if page == 0 {
        return Err(Error::invalid_argument("pages are numbered from 1"));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&limit) {
        return Err(Error::invalid_argument(format!(
            "page size (limit) must be between 1 and {MAX_PAGE_SIZE}, not {limit}"
        )));
    }
    Ok(())
}

/// `request` for one page.
pub(crate) fn page_request(request: Request, page: u32, limit: u32) -> Result<Request> {
    check_page_args(page, limit)?;
    Ok(request.query("page", page.to_string()).query("limit", limit.to_string()))
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
    cancel: Option<CancellationToken>,
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
            cancel: None,
            _items: std::marker::PhantomData,
        }
    }

    /// Items per page (1 to 100).
    ///
    /// # Errors
    /// `invalid_argument` outside 1 to 100.
    pub fn page_size(mut self, limit: u32) -> Result<Self> {
        check_page_args(1, limit)?;
        self.limit = limit;
        Ok(self)
    }

    /// The page to start from (1 is the first).
    ///
    /// # Errors
    /// `invalid_argument` for 0.
    pub fn start_page(mut self, page: u32) -> Result<Self> {
        check_page_args(page, self.limit)?;
        self.next_page = Some(page);
        Ok(self)
    }

    /// Stops paging with a `cancelled` error once `token` is cancelled.
    pub fn cancel_on(mut self, token: CancellationToken) -> Self {
        self.cancel = Some(token);
        self
    }

    /// Stop with an error after this many pages instead of paging on forever.
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// The next page, or `None` when the list is exhausted.
    ///
    /// # Errors
    /// As [`Client::send`]; `decode` when an answer is not a page, is the wrong page, or is
    /// empty before `total_results` items arrived (after which the pager is finished);
    /// `invalid_argument` past `max_pages`. After a failed request, calling again retries
    /// the same page.
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
        let mut request = Request::new(Method::Get, self.path.clone())
            .extend_query(self.query.iter().cloned())
            .query("page", page_number.to_string())
            .query("limit", self.limit.to_string());
        if let Some(token) = &self.cancel {
            request = request.cancel_on(token.clone());
        }
        // A failed request can be tried again by calling this again; a bad answer ends paging.
        let response = self.client.send(request).await?;
        self.next_page = None;
        let page: Page<T> = response.json()?;
        self.pages_fetched += 1;
        if page.page != 0 && page.page != page_number {
            return Err(response.redact(Error::decode(format!(
                "asked {} for page {page_number} but got page {}; stopped paging",
                self.path, page.page
            ))));
        }
        let count = page.results.len() as u64;
        self.items_seen += count;
        if count == 0 && self.items_seen < page.total_results {
            return Err(response.redact(Error::decode(format!(
                "page {page_number} of {} was empty after {} of {} items; stopped paging rather than return a short list",
                self.path, self.items_seen, page.total_results
            ))));
        }
        let served_limit = if page.limit == 0 { self.limit } else { page.limit } as u64;
        let exhausted =
            count == 0 || self.items_seen >= page.total_results || count < served_limit.min(self.limit as u64);
        if !exhausted {
            self.next_page = Some(page_number + 1);
        }
        Ok(Some(page))
    }

    /// Every remaining item, in order.
    ///
    /// # Errors
    /// As [`next_page`](Self::next_page).
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
    ///
    /// # Errors
    /// `invalid_argument` for a page of 0 or a limit outside 1 to 100; as [`Client::send`];
    /// `decode` when the answer is not a page.
    pub async fn get_page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        page: u32,
        limit: u32,
    ) -> Result<Page<T>> {
        let request = Request::new(Method::Get, path).extend_query(query.iter().copied());
        self.send(page_request(request, page, limit)?).await?.json()
    }

    /// An auto-pager over a paged GET (`page`/`limit` are managed by the pager).
    pub fn pages<T: DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> Pager<T> {
        let query = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Pager::new(self.clone(), path.to_string(), query)
    }
}
