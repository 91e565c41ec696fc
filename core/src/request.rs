//! A request to send, and the checks that keep it on the configured host.

use std::time::Duration;

use bytes::Bytes;

use crate::cancel::CancellationToken;
use crate::error::{Error, Result};
use crate::method::Method;

/// A request for [`Client::send`](crate::Client::send): a method, a path relative to the
/// endpoint, query pairs, an optional JSON body and per-call options. Built with chained
/// methods:
///
/// ```
/// use spotdraft::{Method, Request};
/// let request = Request::new(Method::Get, "/api/v2.1/public/contracts/").query("page", "2");
/// assert_eq!(request.path(), "/api/v2.1/public/contracts/");
/// ```
#[derive(Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    /// Serialized once, when the body is set: retries resend the same bytes.
    pub(crate) body: Option<Bytes>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) idempotent: Option<bool>,
    pub(crate) cancel: Option<CancellationToken>,
}

impl std::fmt::Debug for Request {
    // Sizes, not contents: bodies carry HMAC keys, webhook headers and personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query_pairs", &self.query.len())
            .field("body_bytes", &self.body.as_ref().map(Bytes::len))
            .field("timeout", &self.timeout)
            .field("idempotent", &self.is_idempotent())
            .finish_non_exhaustive()
    }
}

impl Request {
    /// A request for `path` (e.g. `/api/v2.1/public/contracts/`); the path is checked when
    /// the request is sent.
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            timeout: None,
            idempotent: None,
            cancel: None,
        }
    }
    /// Adds a query pair (values are percent-encoded when sent).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Request {
        self.query.push((name.into(), value.into()));
        self
    }
    /// Adds several query pairs.
    pub fn extend_query<I, K, V>(mut self, pairs: I) -> Request
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.query.extend(pairs.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }
    /// Sets a JSON body.
    pub fn json(mut self, body: serde_json::Value) -> Request {
        // A `Value` always serializes: its map keys are strings.
        self.body = Some(Bytes::from(serde_json::to_vec(&body).unwrap_or_default()));
        self
    }
    /// Sets a JSON body from any serializable value.
    ///
    /// # Errors
    /// `invalid_argument` when `body` cannot be serialized as JSON.
    pub fn json_from<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Result<Request> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::invalid_argument(format!("the body cannot be sent as JSON: {e}")))?;
        self.body = Some(Bytes::from(bytes));
        Ok(self)
    }
    /// Sets a body that is already JSON text (as bindings receive it).
    ///
    /// # Errors
    /// `invalid_argument` when `text` is not valid JSON.
    pub fn json_text(mut self, text: impl Into<Bytes>) -> Result<Request> {
        let bytes = text.into();
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
            .map_err(|e| Error::invalid_argument(format!("the body is not valid JSON: {e}")))?;
        self.body = Some(bytes);
        Ok(self)
    }
    /// Overrides the client's total timeout for this call.
    pub fn timeout(mut self, timeout: Duration) -> Request {
        self.timeout = Some(timeout);
        self
    }
    /// Declares the request safe (or not) to repeat after it reached the server. Without
    /// it the method decides (GET, HEAD, PUT, DELETE are; POST, PATCH are not).
    pub fn idempotent(mut self, idempotent: bool) -> Request {
        self.idempotent = Some(idempotent);
        self
    }
    /// Cancels the call when `token` is cancelled.
    pub fn cancel_on(mut self, token: CancellationToken) -> Request {
        self.cancel = Some(token);
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }
    /// The path as given (an inline `?query` is split off when sent).
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The query pairs added so far.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }
    /// The serialized JSON body, if any.
    pub fn body(&self) -> Option<&Bytes> {
        self.body.as_ref()
    }
    /// The per-call total timeout, if set.
    pub fn timeout_override(&self) -> Option<Duration> {
        self.timeout
    }
    /// Whether sending the request twice has the same effect as once.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent.unwrap_or_else(|| self.method.is_idempotent())
    }
}

/// A path checked to stay on the configured host, and its inline query if it had one.
pub(crate) struct CheckedPath<'a> {
    pub path: &'a str,
    pub inline_query: Option<&'a str>,
}

/// Checks that `path` is a path on the configured host (never an absolute URL, which is
/// how a secret would reach another host, and no dot segment, literal or percent-encoded,
/// that would climb out of a base URL's prefix). Allocates only to report a refusal.
pub(crate) fn check_path(path: &str) -> Result<CheckedPath<'_>> {
    let refuse = |why: &str| Error::invalid_argument(format!("path {path:?} {why}"));
    let (path_part, inline_query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    if path_part.contains("://") || path.starts_with("//") || path.starts_with("\\\\") {
        return Err(refuse(
            "is an absolute URL; pass a path such as /api/v2.1/public/contracts/ and the client adds its own host (the credential is never sent to another host)",
        ));
    }
    if !path.starts_with('/') {
        return Err(refuse("must start with / (for example /api/v2.1/public/contracts/)"));
    }
    if path.chars().any(|c| c.is_control() || c == ' ' || c == '\\') {
        return Err(refuse("contains a space, backslash or control character"));
    }
    if path.contains('#') {
        return Err(refuse("contains a # fragment"));
    }
    if path_part.split('/').any(is_dot_segment) {
        return Err(refuse("contains . or .. segments (literal or percent-encoded)"));
    }
    Ok(CheckedPath { path: path_part, inline_query })
}

/// `.` or `..`, also when spelled `%2e` (any case), as URL parsers resolve them alike.
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        if rest[0] == b'.' {
            rest = &rest[1..];
        } else if rest.len() >= 3 && rest[0] == b'%' && rest[1] == b'2' && (rest[2] | 0x20) == b'e' {
            rest = &rest[3..];
        } else {
            return false;
        }
        dots += 1;
    }
    dots == 1 || dots == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_and_odd_paths_are_refused() {
        for bad in [
            "https://evil.example/api",
            "http://127.0.0.1/x",
            "//evil.example/api",
            "api/v2.1/public/contracts/",
            "/api/../x",
            "/a b",
            "/a\r\nHost: evil",
            "/a#frag",
            "\\\\evil\\x",
            "/%2e%2e/%2E%2E/outside",
            "/a/%2e/b",
            "/a/.%2E/b",
            "/a/%2e.",
        ] {
            let err = check_path(bad).err().unwrap_or_else(|| panic!("{bad} was accepted"));
            assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument, "{bad}");
        }
        assert!(check_path("https://evil.example/api").err().unwrap().to_string().contains("absolute URL"));
        assert!(check_path("/%2e%2e/x").err().unwrap().to_string().contains("percent-encoded"));
    }

    #[test]
    fn dots_inside_names_are_fine() {
        for good in ["/a/...", "/a/.b", "/a/b.", "/a/%2e%2e%2e", "/a/%2f", "/v2.1/x"] {
            assert!(check_path(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn inline_query_is_split_off_and_may_hold_urls() {
        let checked = check_path("/api/v2.1/public/contracts/?page=2&query=a%20b").unwrap();
        assert_eq!(checked.path, "/api/v2.1/public/contracts/");
        assert_eq!(checked.inline_query, Some("page=2&query=a%20b"));
        let checked = check_path("/api/x/?redirect_url=https://example.com/cb").unwrap();
        assert_eq!(checked.inline_query, Some("redirect_url=https://example.com/cb"));
    }

    #[test]
    fn debug_shows_sizes_not_bodies() {
        let request = Request::new(Method::Post, "/x").json(serde_json::json!({"hmac_key": "very-secret-key"}));
        let shown = format!("{request:?}");
        assert!(!shown.contains("very-secret-key"), "{shown}");
        assert!(shown.contains("body_bytes"), "{shown}");
    }
}
