//! The request log: what arrived and what the sandbox answered, never the
//! value of a secret.

use std::collections::VecDeque;

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
    /// When the request arrived, in microseconds since the sandbox started (its own
    /// monotonic clock, the one its rate limiter uses), so a test can check every
    /// one-second window. 0 in logs from sandboxes that did not record it.
    #[serde(default)]
    pub at_micros: u64,
}

/// Upper bound on kept entries, so a long-running binary does not grow forever.
const MAX_ENTRIES: usize = 100_000;

/// A ring: once full, every push drops the oldest entry. A `Vec` shifted 100,000 entries per request under the
/// state lock, which cut a long load run from 18.5k to 566 requests/second.
pub(crate) struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    max_entries: usize,
}

impl Default for RequestLog {
    fn default() -> Self {
        RequestLog::with_capacity_limit(MAX_ENTRIES)
    }
}

impl RequestLog {
    fn with_capacity_limit(max_entries: usize) -> Self {
        RequestLog { entries: VecDeque::new(), max_entries: max_entries.max(1) }
    }

    pub fn push(&mut self, entry: LoggedRequest) {
        while self.entries.len() >= self.max_entries {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub fn snapshot(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> LoggedRequest {
        LoggedRequest {
            method: "GET".into(),
            path: format!("/{n}"),
            query: None,
            header_names: Vec::new(),
            client_id_present: false,
            client_id_matched: false,
            client_secret_present: false,
            client_secret_matched: false,
            user_email: None,
            user_agent: None,
            body_len: n,
            status: 200,
            fault: None,
            at_micros: n as u64,
        }
    }

    #[test]
    fn past_the_cap_the_oldest_entries_go_and_order_is_kept() {
        let mut log = RequestLog::default();
        let extra = 100_000;
        let started = std::time::Instant::now();
        for n in 0..MAX_ENTRIES + extra {
            log.push(entry(n));
        }
        // A push that shifts the whole log (about 18 MB) takes a third of a millisecond or more: 100,000 of them take
        // half a minute, while constant-time pushes take well under a second even unoptimized on a busy machine.
        let elapsed = started.elapsed();
        assert!(elapsed < std::time::Duration::from_secs(10), "pushing past the cap is not O(1): {elapsed:?}");
        let kept = log.snapshot();
        assert_eq!(kept.len(), MAX_ENTRIES);
        assert_eq!(kept.first().map(|e| e.body_len), Some(extra));
        assert_eq!(kept.last().map(|e| e.body_len), Some(MAX_ENTRIES + extra - 1));
        assert!(kept.windows(2).all(|w| w[0].body_len + 1 == w[1].body_len), "entries out of order");
        log.clear();
        assert!(log.snapshot().is_empty());
    }

    #[test]
    fn a_small_log_keeps_the_newest() {
        let mut log = RequestLog::with_capacity_limit(3);
        for n in 0..10 {
            log.push(entry(n));
        }
        let kept: Vec<usize> = log.snapshot().iter().map(|e| e.body_len).collect();
        assert_eq!(kept, [7, 8, 9]);
    }
}
