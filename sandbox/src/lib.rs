//! An offline emulator of the SpotDraft public REST API.
//!
//! The sandbox is a small HTTP/1.1 server on the loopback interface that
//! behaves like a seeded SpotDraft workspace: header authentication, the
//! per-workspace rate limit, trailing-slash redirects, paged lists with
//! filters, and contract downloads. Tests can inject faults (error statuses,
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
mod config;
mod control;
mod dispatch;
mod faults;
mod handlers;
mod params;
mod pdf;
mod rate_limit;
mod request_log;
mod router;
mod sandbox;
mod seed;
mod server;
mod state;

pub use config::SandboxConfig;
pub use faults::{Fault, FaultRule};
pub use pdf::pdf_chunks;
pub use request_log::LoggedRequest;
pub use sandbox::Sandbox;
pub use seed::{DEMO_USER_EMAIL, INACTIVE_USER_EMAIL, WORKSPACE_ID};

/// The documented demo client id accepted by a sandbox unless
/// [`SandboxConfig::credential`] replaces it.
pub const DEMO_CLIENT_ID: &str = "sandbox-demo-client-id";

/// The documented demo client secret paired with [`DEMO_CLIENT_ID`].
pub const DEMO_CLIENT_SECRET: &str = "sandbox-demo-client-secret";

/// Default size in bytes of a downloaded contract PDF (64 KiB).
pub const DEFAULT_PDF_SIZE: u64 = 64 * 1024;

/// Requests per second accepted per workspace before answering 429.
pub const RATE_LIMIT_PER_SECOND: usize = 10;
