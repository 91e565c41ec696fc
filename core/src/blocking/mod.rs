//! A blocking face over the async client, for the CLI, C, Python's sync client and other
//! synchronous callers. The work runs on a shared runtime (see [`crate::runtime`]); the
//! calling thread only waits, so small stacks and foreign threads are fine.

mod download;
mod resources;

use std::future::Future;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

pub use self::download::BlockingDownload;
pub use self::resources::{
    BlockingContractTypes, BlockingContracts, BlockingCounterparties, BlockingRoles, BlockingTemplates, BlockingUsers,
    BlockingWebhooks,
};
use crate::cancel::CancellationToken;
use crate::client::{Client, ClientBuilder};
use crate::download::{Download, DownloadProgress, ProgressControl};
use crate::error::Result;
use crate::paging::{Page, Pager};
use crate::request::Request;
use crate::response::Response;
use crate::runtime::{Executor, Pending};
use crate::verify::Verification;

/// The blocking client. Cheap to clone, safe to share between threads; every method
/// blocks the calling thread only.
///
/// ```no_run
/// # fn demo() -> spotdraft::Result<()> {
/// use spotdraft::{BlockingClient, Client, ContractQuery, Credential};
/// let credential = Credential::new("client-id", std::env::var("SPOTDRAFT_CLIENT_SECRET").unwrap())?;
/// let client = BlockingClient::new(Client::builder(credential))?;
/// for contract in client.contracts().list_all(&ContractQuery::new())? {
///     println!("{:?}", contract?.id);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct BlockingClient {
    client: Client,
    executor: Executor,
}

impl std::fmt::Debug for BlockingClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BlockingClient").field(&self.client).finish()
    }
}

impl BlockingClient {
    /// A blocking client on the process's shared runtime.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`].
    pub fn new(builder: ClientBuilder) -> Result<BlockingClient> {
        Ok(BlockingClient { client: builder.build()?, executor: Executor::Shared })
    }

    /// A blocking face over an existing client (sharing its pool and rate limiter).
    pub fn from_client(client: Client) -> BlockingClient {
        BlockingClient { client, executor: Executor::Shared }
    }

    /// A blocking client whose work runs on the caller's own multi-thread runtime.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`]; `invalid_argument` for a current-thread runtime.
    pub fn with_runtime(builder: ClientBuilder, handle: tokio::runtime::Handle) -> Result<BlockingClient> {
        Ok(BlockingClient { client: builder.build()?, executor: Executor::supplied(handle)? })
    }

    /// The async client underneath (for code that has its own runtime).
    pub fn async_client(&self) -> &Client {
        &self.client
    }

    /// Runs any future on the client's runtime and waits for it: the escape hatch for
    /// async API this type does not mirror.
    ///
    /// # Errors
    /// `invalid_argument` when called from async code; otherwise what `future` returns.
    pub fn run<T, F>(&self, future: F) -> Result<T>
    where
        F: Future<Output = Result<T>> + Send + 'static,
        T: Send + 'static,
    {
        self.executor.run(future)?
    }

    /// Runs a future that borrows from the caller, polling it on the calling thread (which
    /// therefore needs an ordinary stack; prefer [`run`](Self::run) or the typed methods
    /// from foreign threads).
    ///
    /// # Errors
    /// `invalid_argument` when called from async code; otherwise what `future` returns.
    pub fn block_on<T>(&self, future: impl Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(crate::Error::new(
                crate::ErrorKind::InvalidArgument,
                "a blocking call was made from async code, which would stall the runtime; use spotdraft::Client there",
            ));
        }
        self.executor.handle()?.block_on(future)
    }

    /// Starts a future on the client's runtime without waiting: wait on the [`Pending`]
    /// in slices (to notice Ctrl-C between them) or drop it to cancel.
    ///
    /// # Errors
    /// `invalid_argument` when called from async code.
    pub fn spawn<T, F>(&self, future: F) -> Result<Pending<Result<T>>>
    where
        F: Future<Output = Result<T>> + Send + 'static,
        T: Send + 'static,
    {
        self.executor.spawn(future)
    }

    /// A clone acting as another workspace user.
    ///
    /// # Errors
    /// As [`Client::as_user`].
    pub fn as_user(&self, email: &str) -> Result<BlockingClient> {
        Ok(BlockingClient { client: self.client.as_user(email)?, executor: self.executor.clone() })
    }

    /// A clone whose every call stops with `cancelled` once `token` is cancelled.
    pub fn with_cancellation(&self, token: CancellationToken) -> BlockingClient {
        BlockingClient { client: self.client.with_cancellation(token), executor: self.executor.clone() }
    }

    /// Sends a request. See [`Client::send`].
    ///
    /// # Errors
    /// As [`Client::send`].
    pub fn send(&self, request: Request) -> Result<Response> {
        let client = self.client.clone();
        self.run(async move { client.send(request).await })
    }

    /// Calls a catalogue operation by name. See [`Client::call`].
    ///
    /// # Errors
    /// As [`Client::call`].
    pub fn call(&self, name: &str, params: &Map<String, Value>, body: Option<Value>) -> Result<Response> {
        self.send(crate::call::build_call(name, params, body)?)
    }

    /// Checks the credential. See [`Client::verify`].
    ///
    /// # Errors
    /// As [`Client::verify`].
    pub fn verify(&self) -> Result<Verification> {
        let client = self.client.clone();
        self.run(async move { client.verify().await })
    }

    /// One page of a paged GET. See [`Client::get_page`].
    ///
    /// # Errors
    /// As [`Client::get_page`].
    pub fn get_page<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        page: u32,
        limit: u32,
    ) -> Result<Page<T>> {
        let request = Request::new(crate::Method::Get, path).extend_query(query.iter().copied());
        let request = crate::paging::page_request(request, page, limit)?;
        self.send(request)?.json()
    }

    /// An iterator over every item of a paged GET; it yields an error once and then ends.
    pub fn pages<T: DeserializeOwned + Send + 'static>(&self, path: &str, query: &[(&str, &str)]) -> BlockingPager<T> {
        BlockingPager::new(self.clone(), self.client.pages(path, query))
    }

    /// Opens a download as a `std::io::Read`.
    ///
    /// # Errors
    /// As [`Client::open_download`].
    pub fn open_download(&self, request: Request) -> Result<BlockingDownload> {
        let client = self.client.clone();
        let stream = self.run(async move { client.open_download(request).await })?;
        Ok(BlockingDownload::new(self.executor.clone(), stream))
    }

    /// Streams the answer's body into `writer`, calling `progress` after each chunk (which
    /// may stop the download).
    ///
    /// # Errors
    /// As [`Client::download`].
    pub fn download<P: ProgressControl>(
        &self,
        request: Request,
        writer: &mut dyn std::io::Write,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download> {
        self.open_download(request)?.copy_to(writer, progress)
    }

    /// Streams the answer's body into a file that appears only when complete. See
    /// [`Client::download_to_file`].
    ///
    /// # Errors
    /// As [`Client::download_to_file`].
    pub fn download_to_file<P: ProgressControl>(
        &self,
        request: Request,
        path: &std::path::Path,
        overwrite: bool,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download> {
        let partial = crate::download::PartialFile::create(path, overwrite)?;
        let mut file = std::io::BufWriter::with_capacity(256 * 1024, &partial.file);
        let download = self.download(request, &mut file, progress)?;
        let file = file.into_inner().map_err(|e| crate::download::write_error(e.into_error()))?;
        file.sync_all().map_err(crate::download::write_error)?;
        partial.commit(overwrite)?;
        Ok(download)
    }

    pub(crate) fn executor(&self) -> &Executor {
        &self.executor
    }
}

/// An iterator over every item of a paged list, one request per page; it yields an error
/// once and then ends.
pub struct BlockingPager<T> {
    client: BlockingClient,
    pager: Option<Pager<T>>,
    buffer: std::collections::VecDeque<T>,
    done: bool,
}

impl<T: DeserializeOwned + Send + 'static> BlockingPager<T> {
    pub(crate) fn new(client: BlockingClient, pager: Pager<T>) -> BlockingPager<T> {
        BlockingPager { client, pager: Some(pager), buffer: Default::default(), done: false }
    }

    fn map_pager(mut self, change: impl FnOnce(Pager<T>) -> Result<Pager<T>>) -> Result<Self> {
        if let Some(pager) = self.pager.take() {
            self.pager = Some(change(pager)?);
        }
        Ok(self)
    }

    /// Items per page (1 to 100).
    ///
    /// # Errors
    /// `invalid_argument` outside 1 to 100.
    pub fn page_size(self, limit: u32) -> Result<Self> {
        self.map_pager(|p| p.page_size(limit))
    }

    /// Stop with an error after this many pages.
    pub fn max_pages(self, max_pages: u32) -> Self {
        self.map_pager(|p| Ok(p.max_pages(max_pages))).unwrap_or_else(|_| unreachable!("max_pages cannot fail"))
    }

    /// The next whole page, or `None` at the end.
    ///
    /// # Errors
    /// As [`Pager::next_page`].
    pub fn next_page(&mut self) -> Result<Option<Page<T>>> {
        let Some(mut pager) = self.pager.take() else {
            return Ok(None);
        };
        let (pager, page) = self.client.executor().run(async move {
            let page = pager.next_page().await;
            (pager, page)
        })?;
        self.pager = Some(pager);
        page
    }
}

impl<T: DeserializeOwned + Send + 'static> Iterator for BlockingPager<T> {
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
