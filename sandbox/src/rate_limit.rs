//! The per-workspace rate limit: a sliding one-second window.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Counts accepted requests of the workspace in the last second. Throttled
/// requests are not counted, like Django REST framework's throttles.
pub(crate) struct RateLimiter {
    enabled: bool,
    limit: usize,
    window: Duration,
    accepted: VecDeque<Instant>,
}

impl RateLimiter {
    pub fn new(enabled: bool, limit: usize) -> Self {
        RateLimiter { enabled, limit, window: Duration::from_secs(1), accepted: VecDeque::new() }
    }

    pub fn set_enabled(&mut self, enabled: bool) {
        self.enabled = enabled;
        self.accepted.clear();
    }

    /// Record a request at `now`; false when it must be throttled.
    pub fn allow(&mut self, now: Instant) -> bool {
        if !self.enabled {
            return true;
        }
        while let Some(&oldest) = self.accepted.front() {
            if now.duration_since(oldest) >= self.window {
                self.accepted.pop_front();
            } else {
                break;
            }
        }
        if self.accepted.len() >= self.limit {
            return false;
        }
        self.accepted.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window() {
        let mut limiter = RateLimiter::new(true, 3);
        let t0 = Instant::now();
        assert!(limiter.allow(t0));
        assert!(limiter.allow(t0 + Duration::from_millis(100)));
        assert!(limiter.allow(t0 + Duration::from_millis(200)));
        assert!(!limiter.allow(t0 + Duration::from_millis(300)));
        assert!(limiter.allow(t0 + Duration::from_millis(1000)));
        assert!(!limiter.allow(t0 + Duration::from_millis(1050)));
        limiter.set_enabled(false);
        assert!(limiter.allow(t0 + Duration::from_millis(1060)));
    }
}
