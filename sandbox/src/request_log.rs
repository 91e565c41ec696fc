//! The request log: what arrived and what the sandbox answered, never the
//! value of a secret.

use serde::{Deserialize, Serialize};

/// One request as seen by the sandbox. Header values other than `user-email`
/// and `user-agent` are not kept; the credential is reduced to
/// present/matched flags.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LoggedRequest {
    pub method: String,
    /// Path without the query string.
    pub path: String,
    /// Raw query string, if any.
    pub query: Option<String>,
    /// Lowercased names of the headers that arrived.
    pub header_names: Vec<String>,
    pub client_id_present: bool,
    pub client_id_matched: bool,
    pub client_secret_present: bool,
    pub client_secret_matched: bool,
    /// The `user-email` header value, if sent.
    pub user_email: Option<String>,
    /// The `user-agent` header value, if sent.
    pub user_agent: Option<String>,
    /// Bytes in the request body.
    pub body_len: usize,
    /// The status answered; 0 when the connection was reset.
    pub status: u16,
    /// The label of the fault applied, if any (e.g. `status:503`, `reset`).
    pub fault: Option<String>,
}

/// Upper bound on kept entries, so a long-running binary does not grow forever.
const MAX_ENTRIES: usize = 100_000;

#[derive(Default)]
pub(crate) struct RequestLog {
    entries: Vec<LoggedRequest>,
}

impl RequestLog {
    pub fn push(&mut self, entry: LoggedRequest) {
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push(entry);
    }

    pub fn snapshot(&self) -> Vec<LoggedRequest> {
        self.entries.clone()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
