//! What a successful call answers.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind, Result};

#[derive(Clone, Debug)]
pub struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Bytes,
    pub(crate) attempts: u32,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Response headers, names lowercased, in arrival order (`set-cookie` is left out).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn body(&self) -> &Bytes {
        &self.body
    }

    pub fn into_body(self) -> Bytes {
        self.body
    }

    /// Attempts it took (1 when the first one succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    pub fn text(&self) -> Result<&str> {
        std::str::from_utf8(&self.body)
            .map_err(|e| Error::new(ErrorKind::Decode, format!("response body is not UTF-8 text: {e}")))
    }

    /// The body as JSON (`null` for an empty body, e.g. a 204).
    pub fn json_value(&self) -> Result<serde_json::Value> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(serde_json::Value::Null);
        }
        self.json()
    }

    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let kind = if e.is_data() { "does not have the expected shape" } else { "is not valid JSON" };
            Error::new(ErrorKind::Decode, format!("response body (HTTP {}) {kind}: {e}", self.status))
        })
    }
}
