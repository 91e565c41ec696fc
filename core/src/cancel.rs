//! Cancellation a caller can trigger from any thread: a Python task being cancelled, a Node
//! `AbortSignal`, a C program's other thread, Ctrl-C. Cancelling drops the request in
//! flight, which closes its connection (it is never returned to the pool half-read).

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

/// A cancellation flag shared by clones. Once cancelled it stays cancelled.
///
/// ```
/// let token = spotdraft::CancellationToken::new();
/// let for_other_thread = token.clone();
/// for_other_thread.cancel();
/// assert!(token.is_cancelled());
/// ```
#[derive(Clone, Default)]
pub struct CancellationToken(Arc<State>);

#[derive(Default)]
struct State {
    cancelled: AtomicBool,
    notify: Notify,
}

impl std::fmt::Debug for CancellationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancellationToken").field("cancelled", &self.is_cancelled()).finish()
    }
}

impl CancellationToken {
    /// A token that is not cancelled yet.
    pub fn new() -> CancellationToken {
        CancellationToken::default()
    }

    /// Cancels every call that uses this token, now and later. Safe from any thread, and
    /// from a signal-free context only (it takes a lock inside `Notify`).
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::SeqCst);
        self.0.notify.notify_waiters();
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::SeqCst)
    }

    /// Completes when the token is cancelled.
    pub async fn cancelled(&self) {
        loop {
            let notified = self.0.notify.notified();
            tokio::pin!(notified);
            // Register before checking the flag, so a cancel between the two is not missed.
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// Runs `future` unless one of `tokens` is cancelled first; `None` means it was cancelled
/// (and `future` has been dropped).
pub(crate) async fn or_cancelled<F: Future>(tokens: &[&CancellationToken], future: F) -> Option<F::Output> {
    if tokens.is_empty() {
        return Some(future.await);
    }
    if tokens.iter().any(|t| t.is_cancelled()) {
        return None;
    }
    let any_cancelled = async {
        match tokens {
            [one] => one.cancelled().await,
            many => {
                let waits = many.iter().map(|t| Box::pin(t.cancelled()));
                futures_util::future::select_all(waits).await;
            }
        }
    };
    tokio::select! {
        biased;
        _ = any_cancelled => None,
        output = future => Some(output),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn cancel_stops_a_pending_future() {
        let token = CancellationToken::new();
        let other = token.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            other.cancel();
        });
        let out = or_cancelled(&[&token], tokio::time::sleep(Duration::from_secs(30))).await;
        assert!(out.is_none());
        assert!(token.is_cancelled());
        // Already cancelled: the future is not even started.
        assert!(or_cancelled(&[&token], async { 1 }).await.is_none());
        assert_eq!(or_cancelled(&[], async { 2 }).await, Some(2));
        let fresh = CancellationToken::new();
        assert_eq!(or_cancelled(&[&fresh, &CancellationToken::new()], async { 3 }).await, Some(3));
    }
}
