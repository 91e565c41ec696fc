//! Client settings: timeouts, retry policy, rate limit, user agent.

use std::time::Duration;

/// Timeouts. All finite by default so that no call can hang forever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a TCP + TLS connection.
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Duration,
    /// The whole call, including retries, backoff and rate-limit waits.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { connect: Duration::from_secs(10), attempt: Duration::from_secs(30), total: Duration::from_secs(120) }
    }
}

/// When and how often to retry. Which requests are retried is not configurable: only what
/// is safe (see `retry.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included. 1 disables retries.
    pub max_attempts: u32,
    /// Backoff ceiling of the first retry; doubles each retry (full jitter picks 0..=ceiling).
    pub initial_backoff: Duration,
    /// Largest backoff ceiling.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the call fails with `rate_limited`.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> RetryPolicy {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }
}

/// SpotDraft allows 10 requests per second per workspace.
pub const DEFAULT_REQUESTS_PER_SECOND: u32 = 10;

/// The longest any timeout or wait may be: long enough for any real call, short enough that
/// deadline arithmetic can never overflow.
pub const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);

/// Checks a user-supplied duration; `allow_zero` for waits that may be skipped.
pub(crate) fn check_duration(name: &str, value: Duration, allow_zero: bool) -> crate::Result<()> {
    if value.is_zero() && !allow_zero {
        return Err(crate::Error::invalid_argument(format!("{name} must be greater than zero")));
    }
    if value > MAX_DURATION {
        return Err(crate::Error::invalid_argument(format!("{name} must be at most 24 hours")));
    }
    Ok(())
}
