//! The async client: a credential, where to send it, and how to behave when things fail.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::config::{check_duration, RetryPolicy, Timeouts, DEFAULT_REQUESTS_PER_SECOND};
use crate::credential::{validate_email, Credential};
use crate::error::{Error, Result};
use crate::method::Method;
use crate::rate_limit::RateLimiter;
use crate::region::{BaseUrl, Endpoint, Region};
use crate::request::Request;
use crate::response::Response;

/// The part every clone shares: connection pool, rate limiter, settings.
pub(crate) struct Shared {
    pub http: reqwest::Client,
    pub endpoint: Endpoint,
    pub timeouts: Timeouts,
    pub retry: RetryPolicy,
    pub limiter: Option<RateLimiter>,
}

/// Who the requests are sent as: the credential and its headers, built once.
pub(crate) struct Identity {
    pub credential: Credential,
    pub headers: HeaderMap,
}

/// A SpotDraft API client. Cheap to clone: clones share one connection pool and one rate
/// limiter (SpotDraft's limit is per workspace).
#[derive(Clone)]
pub struct Client {
    pub(crate) shared: Arc<Shared>,
    pub(crate) identity: Arc<Identity>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.shared.endpoint.base_url())
            .field("credential", &self.identity.credential)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn builder(credential: Credential) -> ClientBuilder {
        ClientBuilder::new(credential)
    }

    /// A client with default settings for a region.
    pub fn new(credential: Credential, region: Region) -> Result<Client> {
        ClientBuilder::new(credential).region(region).build()
    }

    pub fn credential(&self) -> &Credential {
        &self.identity.credential
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.shared.endpoint
    }

    pub fn timeouts(&self) -> Timeouts {
        self.shared.timeouts
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        self.shared.retry
    }

    /// A clone that acts as another workspace user (`user-email` header). It shares the
    /// connection pool and rate limiter.
    pub fn as_user(&self, email: &str) -> Result<Client> {
        validate_email(email)?;
        let credential = self.identity.credential.with_user_email(Some(email))?;
        Ok(Client { shared: self.shared.clone(), identity: Arc::new(Identity::new(credential)?) })
    }

    /// A clone that acts as the credential's own user (no `user-email` header).
    pub fn as_credential_user(&self) -> Result<Client> {
        let credential = self.identity.credential.with_user_email(None)?;
        Ok(Client { shared: self.shared.clone(), identity: Arc::new(Identity::new(credential)?) })
    }

    /// Starts a request to a path relative to the endpoint, e.g. `/api/v2.1/public/contracts/`.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RequestBuilder {
        RequestBuilder { client: self.clone(), request: Request::new(method, path) }
    }

    /// Sends a request with authentication, rate limiting and retries.
    pub async fn send(&self, request: Request) -> Result<Response> {
        crate::transport::send(self, request).await
    }

    /// GET a path and decode the JSON answer.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> Result<T> {
        let mut request = Request::new(Method::Get, path);
        for (k, v) in query {
            request = request.query(*k, *v);
        }
        self.send(request).await?.json()
    }
}

impl Identity {
    pub fn new(credential: Credential) -> Result<Identity> {
        let mut headers = HeaderMap::new();
        let value = |text: &str, field: &str| {
            HeaderValue::from_str(text)
                .map_err(|_| Error::invalid_credential(format!("{field} is not a valid HTTP header value")))
        };
        headers.insert(HeaderName::from_static("client-id"), value(credential.client_id(), "client_id")?);
        let mut secret = value(credential.client_secret().expose_secret(), "client_secret")?;
        secret.set_sensitive(true);
        headers.insert(HeaderName::from_static("client-secret"), secret);
        if let Some(email) = credential.user_email() {
            let mut email_value = value(email, "user_email")?;
            email_value.set_sensitive(true);
            headers.insert(HeaderName::from_static("user-email"), email_value);
        }
        Ok(Identity { credential, headers })
    }
}

/// A request being put together; `send()` sends it.
pub struct RequestBuilder {
    client: Client,
    request: Request,
}

impl RequestBuilder {
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.request = self.request.query(name, value);
        self
    }
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.request = self.request.json(body);
        self
    }
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request = self.request.timeout(timeout);
        self
    }
    pub fn into_request(self) -> Request {
        self.request
    }
    pub async fn send(self) -> Result<Response> {
        self.client.send(self.request).await
    }
}

/// Settings for a [`Client`]; `build()` validates them all at once.
pub struct ClientBuilder {
    credential: Credential,
    endpoint: Result<Endpoint>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    requests_per_second: Option<u32>,
    user_agent_suffix: Option<String>,
}

impl ClientBuilder {
    pub fn new(credential: Credential) -> ClientBuilder {
        ClientBuilder {
            credential,
            endpoint: Ok(Endpoint::default()),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            requests_per_second: Some(DEFAULT_REQUESTS_PER_SECOND),
            user_agent_suffix: None,
        }
    }

    pub fn region(mut self, region: Region) -> Self {
        self.endpoint = Ok(Endpoint::Region(region));
        self
    }
    /// A custom base URL: `https://...`, or `http://` for a loopback host only.
    pub fn base_url(mut self, url: &str) -> Self {
        self.endpoint = BaseUrl::parse(url).map(Endpoint::Custom);
        self
    }
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Ok(endpoint);
        self
    }
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.attempt = timeout;
        self
    }
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.total = timeout;
        self
    }
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
        if self.retry.max_attempts == 0 || self.retry.max_attempts > 20 {
            return Err(Error::invalid_argument("retry max_attempts must be between 1 and 20"));
        }
        if self.requests_per_second == Some(0) {
            return Err(Error::invalid_argument(
                "rate limit must be at least 1 request per second (or None to turn it off)",
            ));
        }
        let mut user_agent = format!("spotdraft-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = &self.user_agent_suffix {
            if suffix.is_empty() || suffix.len() > 200 || !suffix.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                return Err(Error::invalid_argument("user agent suffix must be 1 to 200 visible ASCII characters"));
            }
            user_agent = format!("{user_agent} {suffix}");
        }
        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.timeouts.connect)
            .pool_idle_timeout(Duration::from_secs(60))
            .tcp_nodelay(true)
            .user_agent(user_agent)
            .referer(false);
        if endpoint.is_loopback() {
            // A proxy from the environment must not capture traffic meant for a local sandbox.
            http = http.no_proxy();
        }
        let http =
            http.build().map_err(|e| Error::invalid_argument(format!("could not set up the HTTP client: {e}")))?;
        let identity = Identity::new(self.credential)?;
        Ok(Client {
            shared: Arc::new(Shared {
                http,
                endpoint,
                timeouts: self.timeouts,
                retry: self.retry,
                limiter: self.requests_per_second.map(RateLimiter::new),
            }),
            identity: Arc::new(identity),
        })
    }
}
