//! How a sandbox is configured before it starts.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use crate::{DEFAULT_PDF_SIZE, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

/// Settings for [`crate::Sandbox::start`]. Build it with [`SandboxConfig::new`]
/// and the chaining methods; the fields are public for callers that prefer
/// struct syntax.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The accepted `client-id`.
    pub client_id: String,
    /// The accepted `client-secret` (never logged, never printed by `Debug`).
    pub client_secret: String,
    /// Extra active workspace users, besides the seeded ones.
    pub extra_user_emails: Vec<String>,
    /// Whether the 10 requests/second workspace limit is enforced.
    pub rate_limit: bool,
    /// Address to bind.
    pub host: IpAddr,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// Exact size in bytes of every downloaded contract file.
    pub pdf_size: u64,
}

impl SandboxConfig {
    /// The demo credential, rate limiting on, `127.0.0.1`, a free port and
    /// 64 KiB downloads.
    pub fn new() -> Self {
        SandboxConfig {
            client_id: DEMO_CLIENT_ID.to_string(),
            client_secret: DEMO_CLIENT_SECRET.to_string(),
            extra_user_emails: Vec::new(),
            rate_limit: true,
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            pdf_size: DEFAULT_PDF_SIZE,
        }
    }

    /// Accept this credential pair instead of the demo pair.
    pub fn credential(mut self, client_id: &str, client_secret: &str) -> Self {
        self.client_id = client_id.to_string();
        self.client_secret = client_secret.to_string();
        self
    }

    /// Add an extra active workspace user that `user-email` may name.
    pub fn user_email(mut self, email: &str) -> Self {
        self.extra_user_emails.push(email.to_string());
        self
    }

    /// Enforce (true) or disable (false) the per-workspace rate limit.
    pub fn rate_limit(mut self, enabled: bool) -> Self {
        self.rate_limit = enabled;
        self
    }

    /// Address to listen on (default `127.0.0.1`).
    pub fn host(mut self, host: IpAddr) -> Self {
        self.host = host;
        self
    }

    /// Port to listen on (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Size in bytes of downloaded contract files.
    pub fn pdf_size(mut self, bytes: u64) -> Self {
        self.pdf_size = bytes;
        self
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("extra_user_emails", &self.extra_user_emails)
            .field("rate_limit", &self.rate_limit)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("pdf_size", &self.pdf_size)
            .finish()
    }
}
