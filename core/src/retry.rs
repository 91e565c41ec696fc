//! Which failures are retried, and how long to wait before the next attempt.
//!
//! The rule: a request that may have reached the server is repeated only when its method
//! is idempotent (GET, HEAD, PUT, DELETE). POST and PATCH are repeated only when the
//! connection was never established, so SpotDraft cannot have seen them. A reused pooled
//! connection that turns out to be dead before the request is written is retried once by
//! the connection pool itself (hyper-util's `retry_canceled_requests`), for every method.

use std::time::{Duration, SystemTime};

use rand::Rng;

use crate::config::RetryPolicy;

/// What went wrong with one attempt, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The connection could not be established: the request was never sent.
    NotSent,
    /// Sent (or maybe sent), then the connection broke or the attempt timed out.
    MaybeSent,
    /// The server answered with this status.
    Status(u16),
}

pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// Whether a failure of a request may be retried at all (attempt budget aside).
/// `idempotent` is the operation's, which defaults to its method's (see `Request::idempotent`).
pub(crate) fn may_retry(idempotent: bool, failure: Failure) -> bool {
    match failure {
        Failure::NotSent => true,
        Failure::MaybeSent => idempotent,
        Failure::Status(status) => idempotent && is_retryable_status(status),
    }
}

/// Full-jitter exponential backoff: uniform in `0..=min(max, initial * 2^(retry-1))`.
pub(crate) fn backoff(policy: &RetryPolicy, retry_number: u32) -> Duration {
    let exponent = retry_number.saturating_sub(1).min(20);
    let ceiling = policy.initial_backoff.saturating_mul(1u32 << exponent).min(policy.max_backoff);
    let millis = ceiling.as_millis() as u64;
    if millis == 0 {
        return Duration::ZERO;
    }
    Duration::from_millis(rand::thread_rng().gen_range(0..=millis))
}

/// Parses `Retry-After` as delay-seconds or an HTTP-date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        if seconds.is_finite() && seconds >= 0.0 {
            return Some(Duration::from_secs_f64(seconds.min(86_400.0)));
        }
        return None;
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::Method;

    #[test]
    fn post_is_retried_only_when_never_sent() {
        assert!(may_retry(Method::Post.is_idempotent(), Failure::NotSent));
        assert!(!may_retry(Method::Post.is_idempotent(), Failure::MaybeSent));
        assert!(!may_retry(Method::Post.is_idempotent(), Failure::Status(503)));
        assert!(!may_retry(Method::Patch.is_idempotent(), Failure::Status(429)));
        assert!(may_retry(Method::Get.is_idempotent(), Failure::Status(503)));
        assert!(may_retry(Method::Delete.is_idempotent(), Failure::MaybeSent));
        assert!(!may_retry(Method::Get.is_idempotent(), Failure::Status(400)));
        assert!(!may_retry(Method::Get.is_idempotent(), Failure::Status(501)));
    }

    #[test]
    fn backoff_is_bounded_by_the_ceiling() {
        let policy = RetryPolicy::default();
        for retry in 1..30 {
            let ceiling = policy.initial_backoff.saturating_mul(1 << (retry - 1).min(20)).min(policy.max_backoff);
            for _ in 0..20 {
                assert!(backoff(&policy, retry) <= ceiling);
            }
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("0.5", now), Some(Duration::from_millis(500)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }
}
