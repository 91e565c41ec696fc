//! Client settings: timeouts, retry policy, rate limit, user agent.

use std::time::Duration;

/// Timeouts. All finite by default so that no call can hang forever.
///
/// ```
/// use std::time::Duration;
/// let timeouts = spotdraft::Timeouts::default().with_total(Duration::from_secs(30));
/// assert_eq!(timeouts.total, Duration::from_secs(30));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
///
/// ```
/// let policy = spotdraft::RetryPolicy::default().with_max_attempts(2);
/// assert_eq!(policy.max_attempts, 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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

impl Timeouts {
    /// All three timeouts at once.
    pub fn new(connect: Duration, attempt: Duration, total: Duration) -> Timeouts {
        Timeouts { connect, attempt, total }
    }
    /// With another connect timeout.
    pub fn with_connect(mut self, connect: Duration) -> Timeouts {
        self.connect = connect;
        self
    }
    /// With another per-attempt timeout.
    pub fn with_attempt(mut self, attempt: Duration) -> Timeouts {
        self.attempt = attempt;
        self
    }
    /// With another total timeout.
    pub fn with_total(mut self, total: Duration) -> Timeouts {
        self.total = total;
        self
    }
}

impl RetryPolicy {
    /// One attempt only.
    pub fn none() -> RetryPolicy {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }
    /// With another attempt count (the first attempt included; 1 to 20).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> RetryPolicy {
        self.max_attempts = max_attempts;
        self
    }
    /// With another first backoff ceiling.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> RetryPolicy {
        self.initial_backoff = initial_backoff;
        self
    }
    /// With another largest backoff ceiling.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> RetryPolicy {
        self.max_backoff = max_backoff;
        self
    }
    /// With another longest `Retry-After` that is waited for.
    pub fn with_max_retry_after(mut self, max_retry_after: Duration) -> RetryPolicy {
        self.max_retry_after = max_retry_after;
        self
    }
}

/// Largest answer body the client buffers by default (downloads stream and have no cap).
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

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
