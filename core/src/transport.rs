//! The request path every call takes: validate, rate-limit, send, classify, retry.

use std::time::SystemTime;

use bytes::Bytes;
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use tokio::time::Instant;
use tracing::Instrument;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::http_error::{human, root_cause, CallContext};
use crate::request::{validate_path, Request};
use crate::response::Response;
use crate::retry::{backoff, may_retry, parse_retry_after, Failure};

/// Response headers that may appear in traces. Everything else (cookies, anything a proxy
/// adds) stays out of logs.
const TRACED_HEADERS: &[&str] = &["content-type", "content-length", "retry-after", "location"];

/// A request checked and serialized once, ready to be sent as many times as allowed.
pub(crate) struct Prepared {
    pub url: url::Url,
    pub body: Option<Bytes>,
    pub path: String,
}

pub(crate) fn prepare(client: &Client, request: &Request) -> Result<Prepared> {
    if let Some(timeout) = request.timeout {
        crate::config::check_duration("request timeout", timeout, false)?;
    }
    let (path, mut query) = validate_path(&request.path)?;
    query.extend(request.query.iter().cloned());
    let base = client.shared.endpoint.base_url();
    let mut url = url::Url::parse(&format!("{base}{path}"))
        .map_err(|e| Error::invalid_argument(format!("path {path:?} does not form a valid URL: {e}")))?;
    let base_url = url::Url::parse(base).expect("endpoint base URL was validated");
    if url.origin() != base_url.origin() {
        return Err(Error::invalid_argument(format!(
            "path {path:?} would leave {base}; the credential is only sent to the configured host"
        )));
    }
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query.iter());
    }
    let body = match &request.body {
        Some(value) => Some(Bytes::from(
            serde_json::to_vec(value).map_err(|e| Error::invalid_argument(format!("body is not serializable: {e}")))?,
        )),
        None => None,
    };
    Ok(Prepared { url, body, path })
}

/// One attempt's result: an answer (any status) or a transport failure.
enum Attempt {
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Bytes,
    },
    /// A 2xx whose body is left on the wire for the caller to stream.
    Streaming {
        status: u16,
        headers: Vec<(String, String)>,
        response: reqwest::Response,
    },
    Failed {
        failure: Failure,
        error: Error,
    },
}

/// Whether a successful body is read whole, or handed over unread for streaming.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyMode {
    Buffer,
    Stream,
}

/// A successful answer: buffered, or with its body still to be streamed.
pub(crate) enum Answered {
    Buffered(Response),
    Streaming(StreamingResponse),
}

/// A 2xx answer whose body has not been read yet.
pub(crate) struct StreamingResponse {
    pub headers: Vec<(String, String)>,
    pub attempts: u32,
    pub response: reqwest::Response,
}

pub(crate) async fn send(client: &Client, request: Request) -> Result<Response> {
    match send_with(client, &request, BodyMode::Buffer).await? {
        Answered::Buffered(response) => Ok(response),
        Answered::Streaming(_) => unreachable!("buffered mode never streams"),
    }
}

/// Sends with retries; on success the body is left unread. Streaming is never retried
/// once the body has started, so the caller sees every byte exactly once.
pub(crate) async fn send_streaming(client: &Client, request: &Request) -> Result<StreamingResponse> {
    match send_with(client, request, BodyMode::Stream).await? {
        Answered::Streaming(response) => Ok(response),
        Answered::Buffered(_) => unreachable!("stream mode never buffers a 2xx"),
    }
}

async fn send_with(client: &Client, request: &Request, mode: BodyMode) -> Result<Answered> {
    let secret = client.identity.credential.client_secret().expose_secret();
    let span = tracing::debug_span!("spotdraft.request", method = %request.method, path = tracing::field::Empty);
    async {
        let prepared = prepare(client, request)?;
        tracing::Span::current().record("path", prepared.path.as_str());
        send_prepared(client, request, &prepared, mode).await
    }
    .instrument(span)
    .await
    .map_err(|e| e.scrub(secret))
}

async fn send_prepared(client: &Client, request: &Request, prepared: &Prepared, mode: BodyMode) -> Result<Answered> {
    let shared = &client.shared;
    let ctx = CallContext {
        idempotent: request.is_idempotent(),
        method: request.method,
        path: &prepared.path,
        endpoint: &shared.endpoint,
        user_email: client.identity.credential.user_email(),
    };
    let total = request.timeout.unwrap_or(shared.timeouts.total);
    let started = Instant::now();
    let deadline = started + total;
    let policy = shared.retry;
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        if let Some(limiter) = &shared.limiter {
            let slot = limiter.reserve();
            if slot > deadline {
                return Err(ctx
                    .timeout_error(total, "waiting for the client-side rate limit would pass the total timeout")
                    .with_attempts(attempt - 1));
            }
            tokio::time::sleep_until(slot).await;
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(ctx.timeout_error(total, "total timeout").with_attempts(attempt - 1));
        }
        let attempt_timeout = shared.timeouts.attempt.min(remaining);
        let attempt_started = Instant::now();
        let outcome = match tokio::time::timeout(attempt_timeout, attempt_once(client, request, prepared, &ctx, mode))
            .await
        {
            Ok(outcome) => outcome,
            Err(_) => {
                let what = if attempt_timeout < shared.timeouts.attempt { "total timeout" } else { "attempt timeout" };
                Attempt::Failed { failure: Failure::MaybeSent, error: ctx.timeout_error(attempt_timeout, what) }
            }
        };
        let elapsed_ms = attempt_started.elapsed().as_millis() as u64;
        let (failure, error, retry_after) = match outcome {
            Attempt::Answer { status, headers, body } => {
                trace_answer(attempt, status, elapsed_ms, &headers);
                if (200..300).contains(&status) {
                    return Ok(Answered::Buffered(Response { status, headers, body, attempts: attempt }));
                }
                if (300..400).contains(&status) {
                    let location = header(&headers, "location");
                    return Err(ctx.redirect_error(status, location).with_attempts(attempt));
                }
                let retry_after = header(&headers, "retry-after").and_then(|v| parse_retry_after(v, SystemTime::now()));
                (Failure::Status(status), ctx.status_error(status, &body), retry_after)
            }
            Attempt::Streaming { status, headers, response } => {
                trace_answer(attempt, status, elapsed_ms, &headers);
                return Ok(Answered::Streaming(StreamingResponse { headers, attempts: attempt, response }));
            }
            Attempt::Failed { failure, error } => {
                tracing::debug!(attempt, elapsed_ms, kind = error.code_str(), "attempt failed");
                (failure, error, None)
            }
        };
        let retryable = may_retry(request.is_idempotent(), failure);
        let error = error.with_attempts(attempt).with_retryable(retryable);
        if !retryable || attempt >= policy.max_attempts {
            return Err(finish(error, attempt));
        }
        let delay = match retry_after {
            Some(wanted) if wanted > policy.max_retry_after => {
                let note = format!(
                    "the server asked to wait {}, more than the {} allowed",
                    human(wanted),
                    human(policy.max_retry_after)
                );
                return Err(finish(error, attempt).prefix_message(&note));
            }
            Some(wanted) => wanted,
            None => backoff(&policy, attempt),
        };
        if Instant::now() + delay >= deadline {
            let note =
                format!("gave up: waiting {} more would pass the total timeout of {}", human(delay), human(total));
            return Err(finish(error, attempt).prefix_message(&note));
        }
        tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
        tokio::time::sleep(delay).await;
    }
}

fn finish(error: Error, attempts: u32) -> Error {
    if attempts > 1 {
        let note = format!("after {attempts} attempts");
        error.prefix_message(&note)
    } else {
        error
    }
}

async fn attempt_once(
    client: &Client,
    request: &Request,
    prepared: &Prepared,
    ctx: &CallContext<'_>,
    mode: BodyMode,
) -> Attempt {
    let shared = &client.shared;
    let mut builder = shared
        .http
        .request(request.method.to_reqwest(), prepared.url.clone())
        .headers(client.identity.headers.clone())
        .header(ACCEPT, HeaderValue::from_static("application/json"));
    if let Some(body) = &prepared.body {
        builder = builder.header(CONTENT_TYPE, HeaderValue::from_static("application/json")).body(body.clone());
    }
    let response = match builder.send().await {
        Ok(response) => response,
        Err(e) => return classify(e, ctx),
    };
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str() != "set-cookie")
        .map(|(name, value)| (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    if mode == BodyMode::Stream && (200..300).contains(&status) {
        return Attempt::Streaming { status, headers, response };
    }
    match response.bytes().await {
        Ok(body) => Attempt::Answer { status, headers, body },
        Err(e) => Attempt::Failed {
            failure: Failure::MaybeSent,
            error: ctx.broken_error(&format!("the response body was cut off (HTTP {status}): {}", root_cause(&e))),
        },
    }
}

fn classify(error: reqwest::Error, ctx: &CallContext<'_>) -> Attempt {
    let cause = root_cause(&error);
    if error.is_connect() {
        Attempt::Failed { failure: Failure::NotSent, error: ctx.not_sent_error(&cause) }
    } else if error.is_timeout() {
        Attempt::Failed { failure: Failure::MaybeSent, error: ctx.transport_timeout_error(&cause) }
    } else {
        Attempt::Failed { failure: Failure::MaybeSent, error: ctx.broken_error(&cause) }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn trace_answer(attempt: u32, status: u16, elapsed_ms: u64, headers: &[(String, String)]) {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    let shown: Vec<String> = headers
        .iter()
        .filter(|(k, _)| TRACED_HEADERS.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    tracing::debug!(attempt, status, elapsed_ms, headers = %shown.join(", "), "response");
}
