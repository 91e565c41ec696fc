//! An offline emulator of the SpotDraft public REST API.
//!
//! The sandbox is a small HTTP/1.1 server on the loopback interface that
//! behaves like a seeded SpotDraft workspace: header authentication, the
//! per-workspace rate limit, trailing-slash redirects, paged lists with
//! filters, contract downloads, and in-memory state for the operations the
//! core client types (see [`emulated_operations`]). Every other catalogue
//! operation answers 501 `SD_SANDBOX_NOT_EMULATED`. Tests can inject faults (error statuses,
//! connection resets, delays, truncated bodies, redirects) and read back a log
//! of what the client sent — without ever storing a secret value.
//!
//! ```no_run
//! use spotdraft_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false)).unwrap();
//! println!("{}", sandbox.base_url());
//! ```
//!
//! The server runs on its own thread with its own tokio runtime, so it can be
//! used from synchronous tests, from any `#[tokio::test]` flavor and from the
//! `spotdraft-sandbox` binary alike. Dropping the [`Sandbox`] stops it.

mod auth;
mod body;
mod catalogue;
mod config;
mod control;
mod dispatch;
mod documented;
mod faults;
mod fields;
mod handlers;
mod params;
mod pdf;
mod rate_limit;
mod request_log;
mod router;
mod sandbox;
mod seed;
mod server;
mod signal;
mod state;
mod timestamp;

pub use config::SandboxConfig;
pub use faults::{Fault, FaultRule};
pub use pdf::pdf_chunks;
pub use request_log::LoggedRequest;
pub use sandbox::Sandbox;
pub use seed::{DEMO_USER_EMAIL, INACTIVE_USER_EMAIL, WORKSPACE_ID};
pub use signal::{wait_for_shutdown_signal, ShutdownSignal};

/// The documented demo client id accepted by a sandbox unless
/// [`SandboxConfig::credential`] replaces it.
pub const DEMO_CLIENT_ID: &str = "sandbox-demo-client-id";

/// The documented demo client secret paired with [`DEMO_CLIENT_ID`].
pub const DEMO_CLIENT_SECRET: &str = "sandbox-demo-client-secret";

/// Default size in bytes of a downloaded contract PDF (64 KiB).
pub const DEFAULT_PDF_SIZE: u64 = 64 * 1024;

/// Requests per second accepted per workspace before answering 429.
pub const RATE_LIMIT_PER_SECOND: usize = 10;

/// The workspace's webhook signing key, as `GET webhooks/hmac_key/` answers it:
/// base64 of 64 fixed bytes. Tests sign sample webhook calls with it.
pub const WEBHOOK_HMAC_KEY: &str =
    "7can7ymPbGlCwMSMfnTDjnhiLGsVntMAbF/+azlBkHtHW0uvbclGjykf+gp6DI5tREoy70FPKsfa22oyEvAMwA==";

/// The catalogue operations this sandbox answers with state, as
/// `(name, METHOD, path template)`; every other catalogue operation answers
/// 501 with code `SD_SANDBOX_NOT_EMULATED` (after authentication).
pub fn emulated_operations() -> Vec<(&'static str, &'static str, &'static str)> {
    router::routes().into_iter().filter(|r| r.emulated).map(|r| (r.name, r.method_name, r.template)).collect()
}

/// The query parameters the sandbox accepts for an emulated operation, as the
/// schema names them (`filter_custom__<custom_field_name>` stands for any custom
/// field); any other parameter is answered with a 400 naming it.
pub fn documented_query_parameters(method: &str, template: &str) -> Vec<String> {
    documented::documented(method, template).iter().map(documented::Documented::schema_name).collect()
}
