//! The in-process limiter: at most N requests in any one-second window, shared by every
//! clone of a client. A sliding window (not a token bucket) because SpotDraft counts
//! requests per second; a burst of N followed by a steady N/s would trip its limit.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Slack added to the window so that network jitter cannot squeeze N+1 requests into
/// the server's one-second window.
/// 15 ms keeps a sustained 9.85 requests/second against a 10/s server window.
const WINDOW_SLACK: Duration = Duration::from_millis(15);

#[derive(Debug)]
pub(crate) struct LocalLimiter {
    per_second: usize,
    window: Duration,
    slots: Mutex<VecDeque<Instant>>,
}

impl LocalLimiter {
    pub fn new(per_second: u32) -> LocalLimiter {
        LocalLimiter {
            per_second: per_second.max(1) as usize,
            window: super::window(WINDOW_SLACK),
            slots: Mutex::new(VecDeque::new()),
        }
    }

    /// Reserves the next send slot and returns when it may be used. Reserving before
    /// sleeping keeps waiters in order and never lets two of them take the same slot.
    pub fn reserve(&self) -> Instant {
        let now = Instant::now();
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slots.len() < self.per_second {
            slots.push_back(now);
            return now;
        }
        let oldest = slots.pop_front().expect("window is full");
        let at = (oldest + self.window).max(now);
        slots.push_back(at);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_more_than_n_in_a_window() {
        let limiter = LocalLimiter::new(10);
        let start = Instant::now();
        let times: Vec<Instant> = (0..35).map(|_| limiter.reserve()).collect();
        for (i, t) in times.iter().enumerate() {
            if i >= 10 {
                assert!(*t - times[i - 10] >= Duration::from_secs(1), "slot {i} too early");
            }
        }
        assert!(times[34] - start >= Duration::from_secs(3));
    }
}
