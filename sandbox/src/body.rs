//! Response bodies and small constructors for the usual answers.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Empty, Full};
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use hyper::{Response, StatusCode};
use serde_json::{json, Value};

/// Every response body of the sandbox.
pub(crate) type Body = BoxBody<Bytes, io::Error>;
pub(crate) type HttpResponse = Response<Body>;

fn infallible(never: Infallible) -> io::Error {
    match never {}
}

pub(crate) fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).map_err(infallible).boxed()
}

pub(crate) fn empty_body() -> Body {
    Empty::new().map_err(infallible).boxed()
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A JSON answer.
pub(crate) fn json_response(status: u16, value: &Value) -> HttpResponse {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let mut response = Response::new(full(bytes));
    *response.status_mut() = status_code(status);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// `{"detail": message}` — the 401/403/404/429 shape.
pub(crate) fn detail(status: u16, message: &str) -> HttpResponse {
    json_response(status, &json!({ "detail": message }))
}

/// The richer SpotDraft error shape `{detail, status_code, code, message}`.
pub(crate) fn sd_error(status: u16, code: &str, message: &str) -> HttpResponse {
    json_response(status, &json!({ "detail": message, "status_code": status, "code": code, "message": message }))
}

/// An answer without a body (e.g. 204).
pub(crate) fn empty(status: u16) -> HttpResponse {
    let mut response = Response::new(empty_body());
    *response.status_mut() = status_code(status);
    response
}

/// A 302 to `location`.
pub(crate) fn redirect(location: &str) -> HttpResponse {
    let mut response = empty(302);
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// Rewrite a response so that it declares more bytes than it sends: the body
/// is cut to half its length (or, when shorter than 2 bytes, kept whole and
/// 16 extra bytes are declared). The server then closes the connection.
pub(crate) fn truncate(response: HttpResponse) -> HttpResponse {
    let (mut parts, body) = response.into_parts();
    let length = body.size_hint().exact().unwrap_or(0);
    let (declared, sent) = if length >= 2 { (length, length / 2) } else { (length + 16, length) };
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(declared));
    let body = TruncatedBody { inner: body, remaining: sent, linger: None };
    Response::from_parts(parts, body.boxed())
}

/// Passes through at most `remaining` bytes and reports no size, so hyper
/// trusts the (larger) Content-Length header and errors out at the end. Before
/// ending it pauses briefly, so hyper flushes what was sent before it closes.
struct TruncatedBody {
    inner: Body,
    remaining: u64,
    linger: Option<Pin<Box<tokio::time::Sleep>>>,
}

const TRUNCATE_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

impl HttpBody for TruncatedBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if self.remaining == 0 {
            let sleep = self.linger.get_or_insert_with(|| Box::pin(tokio::time::sleep(TRUNCATE_PAUSE)));
            return sleep.as_mut().poll(cx).map(|()| None);
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                Ok(mut data) => {
                    if data.len() as u64 > self.remaining {
                        data.truncate(self.remaining as usize);
                    }
                    self.remaining -= data.len() as u64;
                    Poll::Ready(Some(Ok(Frame::data(data))))
                }
                Err(_trailers) => Poll::Ready(None),
            },
            other => other,
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

/// An answer with a JSON content type and `text` as its body, parseable or not.
pub(crate) fn raw_json(status: u16, text: &str) -> HttpResponse {
    let mut response = Response::new(full(text.to_string()));
    *response.status_mut() = status_code(status);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Rewrite a response so that, after the status, the headers (with the full
/// Content-Length) and the first half of the body, it sends nothing for `pause`,
/// then the rest: a server stalled mid-body.
pub(crate) fn stall(response: HttpResponse, pause: std::time::Duration) -> HttpResponse {
    let (mut parts, body) = response.into_parts();
    let length = body.size_hint().exact().unwrap_or(0);
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    let body = StalledBody { inner: body, before_pause: length / 2, pause, held: None, sleep: None };
    Response::from_parts(parts, body.boxed())
}

/// Passes through `before_pause` bytes, sleeps for `pause`, then passes the rest. It
/// reports no size, so hyper sends what it has without waiting for the whole body.
struct StalledBody {
    inner: Body,
    before_pause: u64,
    pause: std::time::Duration,
    /// The part of a frame held back for after the pause.
    held: Option<Bytes>,
    /// The silence, started once the first part is out; `Some(None)` after it ended.
    sleep: Option<Option<Pin<Box<tokio::time::Sleep>>>>,
}

impl HttpBody for StalledBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if self.before_pause == 0 {
            let pause = self.pause;
            if let Some(sleep) = self.sleep.get_or_insert_with(|| Some(Box::pin(tokio::time::sleep(pause)))) {
                if sleep.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                self.sleep = Some(None);
            }
            if let Some(held) = self.held.take() {
                return Poll::Ready(Some(Ok(Frame::data(held))));
            }
            return Pin::new(&mut self.inner).poll_frame(cx);
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                Ok(mut data) => {
                    if data.len() as u64 > self.before_pause {
                        self.held = Some(data.split_off(self.before_pause as usize));
                    }
                    self.before_pause -= data.len() as u64;
                    Poll::Ready(Some(Ok(Frame::data(data))))
                }
                Err(_trailers) => Poll::Ready(None),
            },
            other => other,
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}
