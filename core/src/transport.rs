//! The one pipeline every request goes through: check the path, rate-limit, send with the
//! identity's headers, classify the answer, retry what is safe, redact what leaves.
//! `Client` holds a [`Transport`]; paging, downloads, typed calls and `call` all send
//! through its methods and never reach around it.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use tokio::time::Instant;
use tracing::Instrument;

use crate::cancel::{or_cancelled, CancellationToken};
use crate::config::{RetryPolicy, Timeouts};
use crate::error::{Error, ErrorKind, Result};
use crate::http_error::{human, root_cause, CallContext};
use crate::identity::Identity;
use crate::rate_limit::RateLimiter;
use crate::region::Endpoint;
use crate::request::{check_path, Request};
use crate::response::{header_str, Response};
use crate::retry::{backoff, may_retry, parse_retry_after, Failure};
use crate::runtime::ForkAwarePool;

/// Response headers that may appear in traces. Everything else (cookies, anything a proxy
/// adds) stays out of logs.
const TRACED_HEADERS: &[&str] = &["content-type", "content-length", "retry-after", "location"];

/// Headers servers use for a request id, in order of preference.
const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"];

/// A `Retry-After` or backoff at least this long is announced as a warning: a caller
/// watching a silent terminal deserves to know why nothing happens.
const ANNOUNCED_WAIT: Duration = Duration::from_secs(2);

/// What every clone of a client shares: the connection pool, the endpoint, the settings
/// and the rate limiter (SpotDraft's limit is per workspace).
pub(crate) struct Pipeline {
    pub pool: ForkAwarePool,
    pub endpoint: Endpoint,
    /// The endpoint's base URL, parsed once; requests only replace its path and query.
    base: url::Url,
    pub timeouts: Timeouts,
    pub retry: RetryPolicy,
    pub limiter: Option<RateLimiter>,
    pub max_body_bytes: u64,
}

impl Pipeline {
    pub fn new(
        pool: ForkAwarePool,
        endpoint: Endpoint,
        timeouts: Timeouts,
        retry: RetryPolicy,
        limiter: Option<RateLimiter>,
        max_body_bytes: u64,
    ) -> Result<Pipeline> {
        let base = url::Url::parse(endpoint.base_url())
            .map_err(|e| Error::invalid_argument(format!("the endpoint's base URL does not parse: {e}")))?;
        Ok(Pipeline { pool, endpoint, base, timeouts, retry, limiter, max_body_bytes })
    }
}

/// The pipeline plus the identity requests are sent as. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Transport {
    pipeline: Arc<Pipeline>,
    identity: Arc<Identity>,
}

/// Whether a successful body is read whole, or handed over unread for streaming.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyMode {
    Buffer,
    Stream,
}

/// A successful answer: buffered, or with its body still to be streamed.
enum Answered {
    Buffered(Response),
    Streaming(StreamingResponse),
}

/// A 2xx answer whose body has not been read yet.
pub(crate) struct StreamingResponse {
    pub headers: HeaderMap,
    pub attempts: u32,
    pub response: reqwest::Response,
}

/// One attempt's result: an answer (any status) or a transport failure.
enum Attempt {
    Answer { status: u16, headers: HeaderMap, body: Bytes },
    Streaming { status: u16, headers: HeaderMap, response: reqwest::Response },
    Failed { failure: Failure, error: Error },
}

/// What the attempts so far did, kept outside the attempt loop so that a cancelled call
/// can still say how far it got.
#[derive(Default)]
struct Progress {
    attempts: u32,
    was_sent: bool,
    /// An attempt is under way: if it is abandoned now, it may have reached the server.
    in_flight: bool,
}

/// A request checked once, ready to be sent as many times as allowed.
struct Prepared {
    url: url::Url,
    path: String,
}

impl Transport {
    pub fn new(pipeline: Arc<Pipeline>, identity: Arc<Identity>) -> Transport {
        Transport { pipeline, identity }
    }

    /// The same pipeline (pool, limiter) acting as another identity.
    pub fn with_identity(&self, identity: Identity) -> Transport {
        Transport { pipeline: self.pipeline.clone(), identity: Arc::new(identity) }
    }

    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    pub fn identity(&self) -> &Arc<Identity> {
        &self.identity
    }

    /// The error with the secret removed from all its text.
    pub fn redact(&self, error: Error) -> Error {
        self.identity.redact(error)
    }

    /// Sends and reads the whole answer.
    pub async fn send(&self, request: &Request, cancel: Option<&CancellationToken>) -> Result<Response> {
        match self.send_with(request, cancel, BodyMode::Buffer).await? {
            Answered::Buffered(response) => Ok(response),
            Answered::Streaming(_) => unreachable!("buffered mode never streams"),
        }
    }

    /// Sends with retries; on success the body is left unread. Streaming is never retried
    /// once the body has started, so the caller sees every byte exactly once.
    pub async fn send_streaming(
        &self,
        request: &Request,
        cancel: Option<&CancellationToken>,
    ) -> Result<StreamingResponse> {
        match self.send_with(request, cancel, BodyMode::Stream).await? {
            Answered::Streaming(response) => Ok(response),
            Answered::Buffered(_) => unreachable!("stream mode never buffers a 2xx"),
        }
    }

    async fn send_with(
        &self,
        request: &Request,
        cancel: Option<&CancellationToken>,
        mode: BodyMode,
    ) -> Result<Answered> {
        let span = tracing::debug_span!("spotdraft.request", method = %request.method, path = tracing::field::Empty);
        let result = async {
            let prepared = self.prepare(request)?;
            tracing::Span::current().record("path", &*self.identity.redact_text(&prepared.path));
            let tokens: Vec<&CancellationToken> = request.cancel.iter().chain(cancel).collect();
            let mut progress = Progress::default();
            let started = Instant::now();
            match or_cancelled(&tokens, self.attempts(request, &prepared, mode, &mut progress)).await {
                Some(result) => result,
                None => {
                    tracing::debug!(attempts = progress.attempts, "cancelled");
                    Err(cancelled_error(request, &prepared.path, &progress, started.elapsed()))
                }
            }
        }
        .instrument(span)
        .await;
        result.map_err(|e| self.redact(e))
    }

    fn prepare(&self, request: &Request) -> Result<Prepared> {
        if let Some(timeout) = request.timeout {
            crate::config::check_duration("request timeout", timeout, false)?;
        }
        let checked = check_path(&request.path)?;
        let mut url = self.pipeline.base.clone();
        let prefix = url.path().trim_end_matches('/');
        if prefix.is_empty() {
            url.set_path(checked.path);
        } else {
            let full = format!("{prefix}{}", checked.path);
            url.set_path(&full);
        }
        // A checked path starts with one '/', has no scheme and no dot segment, so it can
        // neither change the origin nor climb out of the base URL's prefix.
        debug_assert_eq!(url.origin(), self.pipeline.base.origin());
        if checked.inline_query.is_some() || !request.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            if let Some(inline) = checked.inline_query {
                pairs.extend_pairs(url::form_urlencoded::parse(inline.as_bytes()));
            }
            pairs.extend_pairs(request.query.iter());
        }
        Ok(Prepared { url, path: checked.path.to_string() })
    }

    async fn attempts(
        &self,
        request: &Request,
        prepared: &Prepared,
        mode: BodyMode,
        progress: &mut Progress,
    ) -> Result<Answered> {
        let pipeline = &*self.pipeline;
        let ctx = CallContext {
            idempotent: request.is_idempotent(),
            method: request.method,
            path: &prepared.path,
            endpoint: &pipeline.endpoint,
            user_email: self.identity.credential().user_email(),
        };
        let total = request.timeout.unwrap_or(pipeline.timeouts.total);
        let started = Instant::now();
        let deadline = started + total;
        let policy = pipeline.retry;
        // When the deadline ends the retries, the last real failure says more than "timeout".
        let mut last_error: Option<Error> = None;
        let out_of_time = |last: Option<Error>, doing: &str, progress: &Progress| match last {
            Some(error) => {
                let note = format!("gave up at the total timeout of {}", human(total));
                finish(error, progress, started).prefix_message(&note)
            }
            None => finish(ctx.deadline_error(total, started.elapsed(), doing), progress, started),
        };
        loop {
            let attempt = progress.attempts + 1;
            if let Some(limiter) = &pipeline.limiter {
                let slot = limiter.reserve();
                if slot > deadline {
                    return Err(out_of_time(last_error, "waiting for the client-side rate limit", progress));
                }
                tokio::time::sleep_until(slot).await;
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(out_of_time(last_error, "before the next attempt", progress));
            }
            progress.attempts = attempt;
            let cut_by_total = remaining < pipeline.timeouts.attempt;
            let attempt_timeout = pipeline.timeouts.attempt.min(remaining);
            tracing::debug!(attempt, method = %request.method, path = %self.identity.redact_text(&prepared.path), "request");
            let attempt_started = Instant::now();
            progress.in_flight = true;
            let outcome =
                match tokio::time::timeout(attempt_timeout, self.attempt_once(request, prepared, &ctx, mode)).await {
                    Ok(outcome) => outcome,
                    Err(_) => {
                        let error = if cut_by_total {
                            ctx.deadline_error(total, started.elapsed(), "waiting for an answer")
                        } else {
                            ctx.attempt_timeout_error(pipeline.timeouts.attempt)
                        };
                        Attempt::Failed { failure: Failure::MaybeSent, error }
                    }
                };
            progress.in_flight = false;
            let elapsed_ms = attempt_started.elapsed().as_millis() as u64;
            let (failure, error, retry_after) = match outcome {
                Attempt::Answer { status, headers, body } => {
                    progress.was_sent = true;
                    self.trace_answer(attempt, status, elapsed_ms, &headers);
                    if (200..300).contains(&status) {
                        return Ok(Answered::Buffered(Response {
                            status,
                            headers,
                            body,
                            attempts: attempt,
                            identity: self.identity.clone(),
                        }));
                    }
                    let request_id = request_id(&headers);
                    if (300..400).contains(&status) {
                        let location = header_str(&headers, "location");
                        let error = ctx.redirect_error(status, location).with_request_id(request_id);
                        return Err(finish(error, progress, started));
                    }
                    let retry_after =
                        header_str(&headers, "retry-after").and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let error = ctx.status_error(status, &body).with_request_id(request_id);
                    (Failure::Status(status), error, retry_after)
                }
                Attempt::Streaming { status, headers, response } => {
                    progress.was_sent = true;
                    self.trace_answer(attempt, status, elapsed_ms, &headers);
                    return Ok(Answered::Streaming(StreamingResponse { headers, attempts: attempt, response }));
                }
                Attempt::Failed { failure, error } => {
                    if failure != Failure::NotSent {
                        progress.was_sent = true;
                    }
                    tracing::debug!(attempt, elapsed_ms, kind = error.kind_str(), "attempt failed");
                    (failure, error, None)
                }
            };
            let retryable = may_retry(request.is_idempotent(), failure);
            let error = error.with_retryable(retryable);
            if !retryable || attempt >= policy.max_attempts {
                return Err(finish(error, progress, started));
            }
            let delay = match retry_after {
                Some(wanted) if wanted > policy.max_retry_after => {
                    let note = format!(
                        "the server asked to wait {} before retrying, more than the {} allowed",
                        human(wanted),
                        human(policy.max_retry_after)
                    );
                    return Err(finish(error, progress, started).prefix_message(&note));
                }
                Some(wanted) => wanted,
                None => backoff(&policy, attempt),
            };
            if Instant::now() + delay >= deadline {
                let note =
                    format!("gave up: waiting {} more would pass the total timeout of {}", human(delay), human(total));
                return Err(finish(error, progress, started).prefix_message(&note));
            }
            if delay >= ANNOUNCED_WAIT {
                let why = if retry_after.is_some() { "as the server asked (Retry-After)" } else { "backing off" };
                tracing::warn!(
                    attempt,
                    "{} {}: waiting {} before retrying, {why}",
                    request.method,
                    prepared.path,
                    human(delay)
                );
            } else {
                let why = self.identity.redact_text(error.message());
                tracing::info!(attempt, delay_ms = delay.as_millis() as u64, "retrying after: {why}");
            }
            tokio::time::sleep(delay).await;
            last_error = Some(error);
        }
    }

    async fn attempt_once(
        &self,
        request: &Request,
        prepared: &Prepared,
        ctx: &CallContext<'_>,
        mode: BodyMode,
    ) -> Attempt {
        let mut outgoing = reqwest::Request::new(request.method.to_reqwest(), prepared.url.clone());
        *outgoing.headers_mut() = self.identity.headers().clone();
        if let Some(body) = &request.body {
            outgoing.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            *outgoing.body_mut() = Some(body.clone().into());
        }
        let response = match self.pipeline.pool.client().execute(outgoing).await {
            Ok(response) => response,
            Err(e) => return classify(e, ctx),
        };
        let status = response.status().as_u16();
        if mode == BodyMode::Stream && (200..300).contains(&status) {
            let headers = response.headers().clone();
            return Attempt::Streaming { status, headers, response };
        }
        let mut response = response;
        let headers = std::mem::take(response.headers_mut());
        match read_capped(response, self.pipeline.max_body_bytes).await {
            Ok(body) => match malformed_json(status, &headers, &body) {
                // Decoded later by whoever asked, but checked now so every face gets the
                // same `decode` error from the call itself, counted as one attempt.
                Some((content_type, e)) => Attempt::Failed {
                    failure: Failure::Status(status),
                    error: ctx.malformed_json_error(status, &content_type, &e).with_source(e),
                },
                None => Attempt::Answer { status, headers, body },
            },
            Err(BodyFailure::TooLarge(size)) => Attempt::Failed {
                // Repeating would fetch the same oversized answer.
                failure: Failure::Status(status),
                error: ctx.too_large_error(status, size, self.pipeline.max_body_bytes),
            },
            Err(BodyFailure::Broken(e)) => Attempt::Failed {
                failure: Failure::MaybeSent,
                error: ctx
                    .broken_error(&format!("the response body was cut off (HTTP {status}): {}", root_cause(&e)))
                    .with_source(e),
            },
        }
    }

    fn trace_answer(&self, attempt: u32, status: u16, elapsed_ms: u64, headers: &HeaderMap) {
        if !tracing::enabled!(tracing::Level::DEBUG) {
            return;
        }
        let shown: Vec<String> = TRACED_HEADERS
            .iter()
            .filter_map(|name| header_str(headers, name).map(|v| format!("{name}: {}", self.identity.redact_text(v))))
            .collect();
        tracing::debug!(attempt, status, elapsed_ms, headers = %shown.join(", "), "response");
    }
}

enum BodyFailure {
    /// Larger than allowed: the size known so far (at least).
    TooLarge(u64),
    Broken(reqwest::Error),
}

/// Reads a whole body, refusing to hold more than `cap` bytes.
async fn read_capped(mut response: reqwest::Response, cap: u64) -> std::result::Result<Bytes, BodyFailure> {
    match response.content_length() {
        Some(length) if length > cap => return Err(BodyFailure::TooLarge(length)),
        // The transport stops at Content-Length, so the body cannot grow past it.
        Some(_) => return response.bytes().await.map_err(BodyFailure::Broken),
        None => {}
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyFailure::Broken)? {
        let size = body.len() as u64 + chunk.len() as u64;
        if size > cap {
            return Err(BodyFailure::TooLarge(size));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// For a 2xx answer whose Content-Type says JSON (`application/json` or `...+json`) but
/// whose non-empty body does not parse: the declared type, and the parser's error.
fn malformed_json(status: u16, headers: &HeaderMap, body: &[u8]) -> Option<(String, serde_json::Error)> {
    if !(200..300).contains(&status) || body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let content_type = header_str(headers, "content-type")?;
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if media != "application/json" && !media.ends_with("+json") {
        return None;
    }
    let error = serde_json::from_slice::<serde::de::IgnoredAny>(body).err()?;
    Some((content_type.chars().take(100).collect(), error))
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|name| header_str(headers, name)).map(|v| v.chars().take(200).collect())
}

/// The final error: how many attempts, how long, and whether anything reached the server.
fn finish(error: Error, progress: &Progress, started: Instant) -> Error {
    let error = error.with_attempts(progress.attempts).with_was_sent(progress.was_sent);
    if progress.attempts > 1 {
        let note = format!("after {} attempts in {}", progress.attempts, human(started.elapsed()));
        error.prefix_message(&note)
    } else {
        error
    }
}

fn cancelled_error(request: &Request, path: &str, progress: &Progress, spent: Duration) -> Error {
    let was_sent = progress.was_sent || progress.in_flight;
    let mut message = format!("{} {path} was cancelled after {}", request.method, human(spent));
    if progress.attempts > 0 {
        message.push_str(&format!(" ({} attempt{})", progress.attempts, if progress.attempts == 1 { "" } else { "s" }));
    }
    let error = Error::new(ErrorKind::Cancelled, message).with_attempts(progress.attempts).with_was_sent(was_sent);
    if was_sent && !request.is_idempotent() {
        error.with_hint(format!("the {} may already have taken effect; check before sending it again", request.method))
    } else {
        error
    }
}

fn classify(error: reqwest::Error, ctx: &CallContext<'_>) -> Attempt {
    let cause = root_cause(&error);
    let (failure, described) = if error.is_connect() {
        (Failure::NotSent, ctx.not_sent_error(&cause))
    } else if error.is_timeout() {
        (Failure::MaybeSent, ctx.transport_timeout_error(&cause))
    } else {
        (Failure::MaybeSent, ctx.broken_error(&cause))
    };
    Attempt::Failed { failure, error: described.with_source(error) }
}
