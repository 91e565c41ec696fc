//! libspotdraft: the C face of the SpotDraft API client.
//!
//! This crate only translates: C strings and handles to core types, core errors to
//! `spotdraft_status` codes and `spotdraft_error` handles, and ownership across the
//! boundary. Every behaviour (credentials, retries, rate limits, paging, downloads, the
//! credential store) comes from the `spotdraft` core crate.
//!
//! Conventions every function follows (rustls-ffi is the model):
//! - every entry point catches panics and returns `SPOTDRAFT_INTERNAL` instead;
//! - a NULL pointer where a value is required, or a string that is not UTF-8, gives
//!   `SPOTDRAFT_INVALID_ARGUMENT`;
//! - fallible functions take a last `spotdraft_error **err` that may be NULL and is
//!   written only on failure; out-parameters are set to NULL on failure;
//! - every handle and string handed out has one documented free function, and every
//!   `_free` accepts NULL.
//!
//! The functions are `unsafe extern "C"`: their safety contract is the C header's (valid
//! pointers from this library, NUL-terminated strings, buffers of the stated length).
#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]

mod builder;
mod client;
mod credential;
mod download;
mod error;
mod ffi;
mod pager;
mod response;
mod sandbox;
mod stack;
mod status;
mod store;
mod strings;
mod version;
mod webhook;
