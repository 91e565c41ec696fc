//! What a successful call answers.

use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::identity::Identity;

/// A successful (2xx) answer with its whole body.
#[derive(Clone)]
pub struct Response {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) attempts: u32,
    /// Decode errors quote the body, which may echo the secret: they are redacted too.
    pub(crate) identity: Arc<Identity>,
}

impl std::fmt::Debug for Response {
    // Sizes, not contents: bodies carry HMAC keys, webhook headers and personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers.len())
            .field("body_bytes", &self.body.len())
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// The first value of header `name` (ASCII case-insensitive) as text, if it is text.
/// Every header lookup in the crate goes through here.
pub(crate) fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

impl Response {
    /// The HTTP status (2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Response headers with text values, names lowercased (`set-cookie` is left out).
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.headers
            .iter()
            .filter(|(name, _)| *name != reqwest::header::SET_COOKIE)
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        if name.eq_ignore_ascii_case("set-cookie") {
            return None;
        }
        header_str(&self.headers, &name.to_ascii_lowercase())
    }

    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body bytes, without copying.
    pub fn into_body(self) -> Bytes {
        self.body
    }

    /// Attempts it took (1 when the first one succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The body as UTF-8 text.
    ///
    /// # Errors
    /// `decode` when the body is not UTF-8.
    pub fn text(&self) -> Result<&str> {
        std::str::from_utf8(&self.body).map_err(|e| Error::decode(format!("response body is not UTF-8 text: {e}")))
    }

    /// The body as JSON (`null` for an empty body, e.g. a 204).
    ///
    /// # Errors
    /// `decode` when the body is not JSON.
    pub fn json_value(&self) -> Result<serde_json::Value> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(serde_json::Value::Null);
        }
        self.json()
    }

    /// The body decoded as `T`.
    ///
    /// # Errors
    /// `decode` when the body is not JSON or does not have the shape of `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| self.decode_error(e))
    }

    /// A decode error about this body, redacted like every error of the crate.
    pub(crate) fn decode_error(&self, e: serde_json::Error) -> Error {
        let what = if e.is_data() { "does not have the expected shape" } else { "is not valid JSON" };
        let message = format!("response body (HTTP {}) {what}: {e}", self.status);
        self.identity.redact(Error::decode(message).with_source(e))
    }

    /// An error about this answer, redacted (for checks made after decoding).
    pub(crate) fn redact(&self, error: Error) -> Error {
        self.identity.redact(error)
    }
}
