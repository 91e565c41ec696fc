//! Client-side rate limiting behind one interface: the transport only asks to
//! [`acquire`](Limiter::acquire) a send slot before the call's deadline. The slot comes
//! from this process's own sliding window ([`local`]) or from one window that a whole
//! fleet of processes shares in Redis ([`shared`]).

mod local;
mod shared;
mod url;

use std::time::Duration;

use tokio::time::Instant;

use crate::error::Error;

pub(crate) use local::LocalLimiter;
pub(crate) use shared::SharedLimiter;
pub use url::RateLimitUrl;

/// Why no slot was handed out.
pub(crate) enum Refused {
    /// The next free slot is after the call's deadline.
    PastDeadline,
    /// The shared limiter failed and the client was told not to fall back (a
    /// `connection` error naming the store, password removed).
    Failed(Error),
}

/// The limiter every clone of a client shares.
pub(crate) enum Limiter {
    Local(LocalLimiter),
    Shared(SharedLimiter),
}

impl Limiter {
    /// The shared limiter's URL, when the limit is fleet-wide.
    pub fn shared_url(&self) -> Option<&RateLimitUrl> {
        match self {
            Limiter::Local(_) => None,
            Limiter::Shared(shared) => Some(shared.url()),
        }
    }

    /// Waits until a request may be sent. Returns at once with `PastDeadline` when the
    /// slot would come after `deadline`. Dropping the future (the call was cancelled)
    /// stops the wait.
    pub async fn acquire(&self, deadline: Instant) -> Result<(), Refused> {
        match self {
            Limiter::Local(local) => wait_for(local.reserve(), deadline).await,
            Limiter::Shared(shared) => shared.acquire(deadline).await,
        }
    }
}

/// Sleeps until `slot` unless it is past `deadline`.
pub(crate) async fn wait_for(slot: Instant, deadline: Instant) -> Result<(), Refused> {
    if slot > deadline {
        return Err(Refused::PastDeadline);
    }
    tokio::time::sleep_until(slot).await;
    Ok(())
}

/// Slack added to the one-second window so that jitter between deciding and arriving
/// cannot squeeze N+1 requests into the server's window.
pub(crate) fn window(slack: Duration) -> Duration {
    Duration::from_secs(1) + slack
}
