//! Core errors cross into JavaScript as one JSON payload in the message, behind a marker;
//! `lib/errors.js` turns it into a `SpotDraftError` (or `TypeError`/`RangeError`) there.
//! One encoding for sync throws and async rejections, since napi builds the JS error of
//! an async rejection itself, with room for a message only.

use serde_json::{json, Map, Value};
use spotdraft::{Error, ErrorKind};

/// Starts every encoded message; nothing else the addon throws starts with it.
pub const MARKER: &str = "\u{0}spotdraft:";

/// Everything a JavaScript caller can inspect about a core error. The core has already
/// scrubbed the secret from every text.
pub fn payload(error: &Error) -> Value {
    let mut fields = Map::new();
    for (name, problems) in error.field_errors() {
        fields.insert(name.clone(), json!(problems));
    }
    json!({
        "code": error.kind_str(),
        "message": error.to_string(),
        "status": error.status(),
        "sdCode": error.spotdraft_code(),
        "serverMessage": error.server_message(),
        "detail": error.detail(),
        "fieldErrors": fields,
        "location": error.location(),
        "hint": error.hint(),
        "requestId": error.request_id(),
        "attempts": error.attempts(),
        "retryable": error.is_retryable(),
        "wasSent": error.was_sent(),
    })
}

/// A core error as the napi error JavaScript receives.
pub fn to_napi(error: Error) -> napi::Error {
    napi::Error::new(napi::Status::GenericFailure, format!("{MARKER}{}", payload(&error)))
}

/// A binding-side refusal of an argument, shaped like core's.
pub fn invalid(message: impl Into<String>) -> napi::Error {
    to_napi(Error::new(ErrorKind::InvalidArgument, message))
}

/// `Result<T, spotdraft::Error>` into napi's.
pub trait IntoNapi<T> {
    /// Converts the error side.
    fn napi(self) -> napi::Result<T>;
}

impl<T> IntoNapi<T> for spotdraft::Result<T> {
    fn napi(self) -> napi::Result<T> {
        self.map_err(to_napi)
    }
}

/// Parses JSON text handed over by the JavaScript layer.
pub fn parse_args(text: &str) -> napi::Result<Value> {
    serde_json::from_str(text).map_err(|e| invalid(format!("arguments are not valid JSON: {e}")))
}

/// Serializes a result for the JavaScript layer, which `JSON.parse`s it (faster than
/// building the object through napi calls, and unknown fields survive as they came).
pub fn to_json_text<T: serde::Serialize>(value: &T) -> napi::Result<String> {
    serde_json::to_string(value).map_err(|e| to_napi(Error::new(ErrorKind::Decode, e.to_string())))
}

/// Redacts `secret` from an error the binding built itself (core scrubs its own): an
/// argument echoed in a message could be, by mistake, the secret.
pub fn scrub(error: napi::Error, secret: &str) -> napi::Error {
    if secret.is_empty() || !error.reason.contains(secret) {
        return error;
    }
    napi::Error::new(error.status, error.reason.replace(secret, "[REDACTED]"))
}
