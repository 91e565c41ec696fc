//! The native half of the `spotdraft` npm package. It only translates: types to and from
//! JavaScript, core errors to a payload `lib/errors.js` turns into error classes, and
//! core futures to Promises on napi's tokio runtime. All behaviour is core's.

mod cancel;
mod client;
mod credential;
mod download;
mod errors;
mod ops;
mod pager;
mod response;
mod sandbox;
mod store;
// Public so that the `#[napi]` functions in it count as used (napi registers them).
pub mod webhook;

use napi_derive::napi;

/// Every error kind's stable text, in core's numeric order.
#[napi]
pub fn error_kinds() -> Vec<String> {
    spotdraft::ErrorKind::ALL.iter().map(|k| k.as_str().to_string()).collect()
}

/// The marker that starts an encoded error message.
#[napi]
pub fn error_marker() -> String {
    errors::MARKER.to_string()
}

/// The names of the catalogue operations `client.call` knows.
#[napi]
pub fn operation_names() -> Vec<String> {
    spotdraft::catalogue::operations().iter().map(|op| op.name.to_string()).collect()
}
