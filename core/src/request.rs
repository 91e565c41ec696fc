//! A request to send, and the checks that keep it on the configured host.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::method::Method;

#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    /// Overrides the client's total timeout for this call.
    pub timeout: Option<Duration>,
    /// Whether sending this request twice has the same effect as once. `None` means the
    /// method decides (GET, HEAD, PUT, DELETE are; POST, PATCH are not). Operations such
    /// as `POST .../download` are reads in POST clothing and say so here.
    pub idempotent: Option<bool>,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        Request { method, path: path.into(), query: Vec::new(), body: None, timeout: None, idempotent: None }
    }
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Request {
        self.query.push((name.into(), value.into()));
        self
    }
    pub fn json(mut self, body: serde_json::Value) -> Request {
        self.body = Some(body);
        self
    }
    pub fn timeout(mut self, timeout: Duration) -> Request {
        self.timeout = Some(timeout);
        self
    }
    /// Declares the request safe (or not) to repeat after it reached the server.
    pub fn idempotent(mut self, idempotent: bool) -> Request {
        self.idempotent = Some(idempotent);
        self
    }
    pub fn is_idempotent(&self) -> bool {
        self.idempotent.unwrap_or_else(|| self.method.is_idempotent())
    }
}

/// Checks that `path` is a path on the configured host (never an absolute URL, which is
/// how a secret would reach another host), and splits off a query string written inline.
pub(crate) fn validate_path(path: &str) -> Result<(String, Vec<(String, String)>)> {
    let refuse = |why: &str| Error::invalid_argument(format!("path {path:?} {why}"));
    if path.contains("://") || path.starts_with("//") || path.starts_with("\\\\") {
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
    let (path_part, inline_query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    if path_part.split('/').any(|segment| segment == ".." || segment == ".") {
        return Err(refuse("contains . or .. segments"));
    }
    let query =
        inline_query.map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
    Ok((path_part.to_string(), query))
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
        ] {
            let err = validate_path(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument, "{bad}");
        }
        assert!(validate_path("https://evil.example/api").unwrap_err().to_string().contains("absolute URL"));
    }

    #[test]
    fn inline_query_is_split_off() {
        let (path, query) = validate_path("/api/v2.1/public/contracts/?page=2&query=a%20b").unwrap();
        assert_eq!(path, "/api/v2.1/public/contracts/");
        assert_eq!(query, vec![("page".into(), "2".into()), ("query".into(), "a b".into())]);
    }
}
