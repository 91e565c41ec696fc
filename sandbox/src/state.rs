//! State shared by the server tasks and the [`crate::Sandbox`] handle.

use std::sync::{Mutex, MutexGuard};

use crate::config::SandboxConfig;
use crate::faults::FaultBook;
use crate::rate_limit::RateLimiter;
use crate::request_log::RequestLog;
use crate::seed::Workspace;
use crate::RATE_LIMIT_PER_SECOND;

/// The accepted credential. Its `Debug` never shows the secret.
pub(crate) struct Credential {
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential").field("client_id", &self.client_id).field("client_secret", &"<redacted>").finish()
    }
}

pub(crate) struct AppState {
    pub credential: Credential,
    pub pdf_size: u64,
    /// `http://HOST:PORT` of this sandbox, for the URLs it hands out.
    pub base_url: String,
    pub workspace: Mutex<Workspace>,
    pub faults: Mutex<FaultBook>,
    pub log: Mutex<RequestLog>,
    pub rate_limiter: Mutex<RateLimiter>,
    /// Connections accepted and connections ended, so tests can see a client hang up.
    pub connections: ConnectionCounts,
    /// When the sandbox started: logged requests carry their arrival time from here.
    pub started: std::time::Instant,
}

/// Counters of the connections the sandbox served.
#[derive(Default)]
pub(crate) struct ConnectionCounts {
    pub opened: std::sync::atomic::AtomicU64,
    pub closed: std::sync::atomic::AtomicU64,
}

impl AppState {
    pub fn new(config: &SandboxConfig, base_url: String) -> Self {
        AppState {
            credential: Credential { client_id: config.client_id.clone(), client_secret: config.client_secret.clone() },
            pdf_size: config.pdf_size,
            base_url,
            workspace: Mutex::new(Workspace::seeded(&config.extra_user_emails)),
            faults: Mutex::new(FaultBook::default()),
            log: Mutex::new(RequestLog::default()),
            rate_limiter: Mutex::new(RateLimiter::new(config.rate_limit, RATE_LIMIT_PER_SECOND)),
            connections: ConnectionCounts::default(),
            started: std::time::Instant::now(),
        }
    }

    pub fn workspace(&self) -> MutexGuard<'_, Workspace> {
        lock(&self.workspace)
    }

    pub fn faults(&self) -> MutexGuard<'_, FaultBook> {
        lock(&self.faults)
    }

    pub fn log(&self) -> MutexGuard<'_, RequestLog> {
        lock(&self.log)
    }

    pub fn rate_limiter(&self) -> MutexGuard<'_, RateLimiter> {
        lock(&self.rate_limiter)
    }
}

/// Lock, ignoring poisoning: a panicking handler must not wedge the sandbox.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
