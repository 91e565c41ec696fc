//! The async client: a credential, where to send it, and how to behave when things fail.

use std::sync::Arc;
use std::time::Duration;

use crate::cancel::CancellationToken;
use crate::config::{check_duration, RetryPolicy, Timeouts, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUESTS_PER_SECOND};
use crate::credential::{validate_email, Credential};
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::method::Method;
use crate::rate_limit::RateLimiter;
use crate::region::{BaseUrl, Endpoint, Region};
use crate::request::Request;
use crate::response::Response;
use crate::runtime::ForkAwarePool;
use crate::transport::{Pipeline, Transport};

/// A SpotDraft API client. Cheap to clone: clones share one connection pool and one rate
/// limiter (SpotDraft's limit is per workspace).
///
/// ```
/// # fn demo() -> spotdraft::Result<()> {
/// use spotdraft::{Client, Credential, Region};
/// let credential = Credential::new("client-id", "a-client-secret")?;
/// let client = Client::builder(credential).region(Region::Eu).build()?;
/// assert_eq!(client.endpoint().base_url(), "https://api.eu.spotdraft.com");
/// # Ok(()) }
/// # demo().unwrap();
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    cancel: Option<CancellationToken>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint().base_url())
            .field("credential", self.credential())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Settings for a client with this credential.
    pub fn builder(credential: Credential) -> ClientBuilder {
        ClientBuilder::new(credential)
    }

    /// A client with default settings for a region.
    ///
    /// # Errors
    /// `invalid_credential` when the credential cannot be sent as headers.
    pub fn new(credential: Credential, region: Region) -> Result<Client> {
        ClientBuilder::new(credential).region(region).build()
    }

    /// The credential requests are sent with.
    pub fn credential(&self) -> &Credential {
        self.transport.identity().credential()
    }

    /// Where requests go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.transport.pipeline().endpoint
    }

    /// The client's timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.transport.pipeline().timeouts
    }

    /// The client's retry policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.transport.pipeline().retry
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    pub(crate) fn cancel_token(&self) -> Option<&CancellationToken> {
        self.cancel.as_ref()
    }

    /// A clone that acts as another workspace user (`user-email` header). It shares the
    /// connection pool and rate limiter.
    ///
    /// # Errors
    /// `invalid_credential` when `email` is not a valid address.
    pub fn as_user(&self, email: &str) -> Result<Client> {
        validate_email(email)?;
        let credential = self.credential().with_user_email(Some(email))?;
        Ok(Client { transport: self.transport.with_identity(Identity::new(credential)?), cancel: self.cancel.clone() })
    }

    /// A clone that acts as the credential's own user (no `user-email` header).
    ///
    /// # Errors
    /// `invalid_credential` if the credential cannot be rebuilt (it was valid before).
    pub fn as_credential_user(&self) -> Result<Client> {
        let credential = self.credential().with_user_email(None)?;
        Ok(Client { transport: self.transport.with_identity(Identity::new(credential)?), cancel: self.cancel.clone() })
    }

    /// A clone whose every call (requests, pagers, downloads, typed operations) stops with
    /// a `cancelled` error as soon as `token` is cancelled.
    pub fn with_cancellation(&self, token: CancellationToken) -> Client {
        Client { transport: self.transport.clone(), cancel: Some(token) }
    }

    /// Starts a request to a path relative to the endpoint, e.g. `/api/v2.1/public/contracts/`.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RequestBuilder {
        RequestBuilder { client: self.clone(), request: Request::new(method, path) }
    }

    /// Sends a request with authentication, rate limiting and retries.
    ///
    /// # Errors
    /// Any [`ErrorKind`](crate::ErrorKind): the path is refused (`invalid_argument`), the
    /// server refused (`authentication`, `validation`, ...), or the call failed
    /// (`connection`, `timeout`, `cancelled`, ...). A 2xx answer whose Content-Type says
    /// JSON but whose body does not parse is a `decode` error, not retried.
    pub async fn send(&self, request: Request) -> Result<Response> {
        self.transport.send(&request, self.cancel.as_ref()).await
    }

    /// GET a path and decode the JSON answer.
    ///
    /// # Errors
    /// As [`send`](Self::send), and `decode` when the answer does not have the shape of `T`.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> Result<T> {
        let request = Request::new(Method::Get, path).extend_query(query.iter().copied());
        self.send(request).await?.json()
    }
}

/// A request being put together; `send()` sends it.
pub struct RequestBuilder {
    client: Client,
    request: Request,
}

impl RequestBuilder {
    /// Adds a query pair.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.request = self.request.query(name, value);
        self
    }
    /// Sets a JSON body.
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.request = self.request.json(body);
        self
    }
    /// Overrides the client's total timeout for this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request = self.request.timeout(timeout);
        self
    }
    /// Cancels the call when `token` is cancelled.
    pub fn cancel_on(mut self, token: CancellationToken) -> Self {
        self.request = self.request.cancel_on(token);
        self
    }
    /// The request, unsent.
    pub fn into_request(self) -> Request {
        self.request
    }
    /// Sends it.
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn send(self) -> Result<Response> {
        self.client.send(self.request).await
    }
}

/// Settings for a [`Client`]; `build()` validates them all at once.
#[derive(Debug)]
pub struct ClientBuilder {
    credential: Credential,
    endpoint: Result<Endpoint>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    requests_per_second: Option<u32>,
    user_agent_suffix: Option<String>,
    max_body_bytes: u64,
}

impl ClientBuilder {
    /// Default settings: region `us`, finite timeouts, safe retries, 10 requests/second.
    pub fn new(credential: Credential) -> ClientBuilder {
        ClientBuilder {
            credential,
            endpoint: Ok(Endpoint::default()),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            requests_per_second: Some(DEFAULT_REQUESTS_PER_SECOND),
            user_agent_suffix: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Sends to a SpotDraft region.
    pub fn region(mut self, region: Region) -> Self {
        self.endpoint = Ok(Endpoint::Region(region));
        self
    }
    /// A custom base URL: `https://...`, or `http://` for a loopback host only.
    pub fn base_url(mut self, url: &str) -> Self {
        self.endpoint = BaseUrl::parse(url).map(Endpoint::Custom);
        self
    }
    /// A region or a base URL.
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Ok(endpoint);
        self
    }
    /// All timeouts at once.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }
    /// Establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }
    /// One attempt: sending the request and reading the whole answer.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.attempt = timeout;
        self
    }
    /// The whole call, retries and waits included.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.total = timeout;
        self
    }
    /// When and how often to retry.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
    /// Client-side limit in requests per second (`None` turns it off).
    pub fn rate_limit(mut self, requests_per_second: Option<u32>) -> Self {
        self.requests_per_second = requests_per_second;
        self
    }
    /// Appended to the user agent, e.g. `spotdraft-python/0.1.0`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }
    /// The largest answer body buffered in memory (default 64 MiB); larger answers fail
    /// with a `decode` error. Downloads stream and are not limited.
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Checks every setting and builds the client.
    ///
    /// # Errors
    /// `invalid_argument` naming the first setting out of range (a zero or over-24-hour
    /// timeout, 0 or more than 20 attempts, a zero rate limit, a bad base URL or user agent
    /// suffix); `invalid_credential` when the credential cannot be sent as headers.
    pub fn build(self) -> Result<Client> {
        let endpoint = self.endpoint?;
        for (name, value) in [
            ("connect timeout", self.timeouts.connect),
            ("attempt timeout", self.timeouts.attempt),
            ("total timeout", self.timeouts.total),
        ] {
            check_duration(name, value, false)?;
        }
        for (name, value) in [
            ("retry initial_backoff", self.retry.initial_backoff),
            ("retry max_backoff", self.retry.max_backoff),
            ("retry max_retry_after", self.retry.max_retry_after),
        ] {
            check_duration(name, value, true)?;
        }
        if self.retry.initial_backoff > self.retry.max_backoff {
            return Err(Error::invalid_argument("retry initial_backoff must not exceed max_backoff"));
        }
        if self.retry.max_attempts == 0 || self.retry.max_attempts > 20 {
            return Err(Error::invalid_argument("retry max_attempts must be between 1 and 20"));
        }
        if self.requests_per_second == Some(0) {
            return Err(Error::invalid_argument(
                "rate limit must be at least 1 request per second (or None to turn it off)",
            ));
        }
        if self.max_body_bytes == 0 {
            return Err(Error::invalid_argument("max body size must be at least 1 byte"));
        }
        let mut user_agent = format!("spotdraft-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = &self.user_agent_suffix {
            if suffix.is_empty() || suffix.len() > 200 || !suffix.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                return Err(Error::invalid_argument("user agent suffix must be 1 to 200 visible ASCII characters"));
            }
            user_agent = format!("{user_agent} {suffix}");
        }
        let identity = Identity::new(self.credential)?;
        let connect_timeout = self.timeouts.connect;
        let loopback = endpoint.is_loopback();
        let pool = ForkAwarePool::new(Box::new(move || {
            let mut http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(connect_timeout)
                .pool_idle_timeout(Duration::from_secs(60))
                .tcp_nodelay(true)
                .user_agent(user_agent.clone())
                .referer(false);
            if loopback {
                // A proxy from the environment must not capture traffic meant for a local sandbox.
                http = http.no_proxy();
            }
            http.build().map_err(|e| Error::invalid_argument(format!("could not set up the HTTP client: {e}")))
        }))?;
        let pipeline = Pipeline::new(
            pool,
            endpoint,
            self.timeouts,
            self.retry,
            self.requests_per_second.map(RateLimiter::new),
            self.max_body_bytes,
        )?;
        Ok(Client { transport: Transport::new(Arc::new(pipeline), Arc::new(identity)), cancel: None })
    }
}
