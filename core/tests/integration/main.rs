//! Core client against the in-process sandbox. One test binary (one link) with a module
//! per concern.

mod common;

mod auth;
mod bindings_ready;
mod conformance;
mod errors;
mod paging;
mod rate_limit;
mod requests;
mod retries;
mod secrets;
mod verify;
