//! HTTP methods the SpotDraft API uses, and which of them are safe to repeat.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// An HTTP method of a SpotDraft API operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: reads; idempotent.
    Get,
    /// `HEAD`: reads headers only; idempotent.
    Head,
    /// `POST`: creates or acts; not idempotent.
    Post,
    /// `PUT`: replaces; idempotent.
    Put,
    /// `PATCH`: partly updates; not idempotent.
    Patch,
    /// `DELETE`: removes; idempotent.
    Delete,
}

impl Method {
    /// The method as sent on the wire, e.g. `"GET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Repeating the request has the same effect as sending it once (RFC 9110 §9.2.2), so
    /// it may be retried after it reached the server.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Head | Method::Put | Method::Delete)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Head => reqwest::Method::HEAD,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Method {
    type Err = Error;
    fn from_str(text: &str) -> Result<Method> {
        match text.trim().to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "HEAD" => Ok(Method::Head),
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            "DELETE" => Ok(Method::Delete),
            _ => Err(Error::invalid_argument(format!(
                "unknown HTTP method {text:?}: expected GET, HEAD, POST, PUT, PATCH or DELETE"
            ))),
        }
    }
}
