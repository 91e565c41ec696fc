//! The runtime blocking callers share, and what keeps it and the connection pool usable in
//! a child process after `fork()` (Python's multiprocessing, preforking C servers).
//!
//! Blocking calls never poll on the caller's thread: the work is spawned onto the shared
//! runtime's workers and the caller only parks. A C thread with a small stack or a Python
//! thread can call in safely, and the caller may stop waiting at any time (the work is
//! then dropped, which closes its connection).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use futures_util::FutureExt;

use crate::error::{Error, Result};

static FORK_GENERATION: AtomicU64 = AtomicU64::new(0);

/// Counts `fork()`s this process is a child of; state tagged with an older generation
/// belongs to the parent (its threads do not exist here).
pub(crate) fn fork_generation() -> u64 {
    watch_forks();
    FORK_GENERATION.load(Ordering::Acquire)
}

#[cfg(unix)]
fn watch_forks() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    extern "C" fn in_child() {
        // Only an atomic add: async-signal-safe, as a fork handler must be.
        FORK_GENERATION.fetch_add(1, Ordering::AcqRel);
    }
    ONCE.call_once(|| {
        // SAFETY: registers a handler that only touches an atomic.
        unsafe {
            libc::pthread_atfork(None, None, Some(in_child));
        }
    });
}

#[cfg(not(unix))]
fn watch_forks() {}

/// How the HTTP connection pool is built, kept so that a forked child can build its own.
pub(crate) type PoolBuilder = Box<dyn Fn() -> Result<reqwest::Client> + Send + Sync>;

/// A connection pool that a forked child replaces instead of sharing the parent's
/// sockets (whose connection tasks ran on threads the child does not have).
pub(crate) struct ForkAwarePool {
    build: PoolBuilder,
    current: RwLock<(u64, reqwest::Client)>,
}

impl ForkAwarePool {
    pub fn new(build: PoolBuilder) -> Result<ForkAwarePool> {
        let client = build()?;
        Ok(ForkAwarePool { build, current: RwLock::new((fork_generation(), client)) })
    }

    pub fn client(&self) -> reqwest::Client {
        let generation = fork_generation();
        {
            let current = self.current.read().unwrap_or_else(|p| p.into_inner());
            if current.0 == generation {
                return current.1.clone();
            }
        }
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        if current.0 != generation {
            match (self.build)() {
                Ok(fresh) => {
                    // The parent's pool is leaked, not dropped: its tasks live on the parent's runtime.
                    std::mem::forget(std::mem::replace(&mut current.1, fresh));
                    current.0 = generation;
                }
                // It built once with the same settings; should it fail now, the old pool
                // still gives a clear connection error rather than a panic.
                Err(e) => tracing::warn!("could not rebuild the connection pool after fork: {e}"),
            }
        }
        current.1.clone()
    }
}

/// The shared runtime of this process (generation, runtime). Rebuilt in a forked child.
static SHARED: RwLock<Option<(u64, tokio::runtime::Handle)>> = RwLock::new(None);

/// The handle of the runtime that blocking clients share, started on first use: two to
/// four worker threads named `spotdraft-io`. Bindings spawn their async work here too.
///
/// # Errors
/// `invalid_argument` when the operating system refuses to start the threads.
pub fn shared_handle() -> Result<tokio::runtime::Handle> {
    let generation = fork_generation();
    if let Some((g, handle)) = SHARED.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
        if *g == generation {
            return Ok(handle.clone());
        }
    }
    let mut slot = SHARED.write().unwrap_or_else(|p| p.into_inner());
    if let Some((g, handle)) = slot.as_ref() {
        if *g == generation {
            return Ok(handle.clone());
        }
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .thread_name("spotdraft-io")
        .enable_all()
        .build()
        .map_err(|e| Error::invalid_argument(format!("could not start the I/O runtime: {e}")))?;
    let handle = runtime.handle().clone();
    // Lives as long as the process: blocking clients may be used until exit, and a
    // runtime inherited through fork() must never be dropped (its threads are gone).
    std::mem::forget(runtime);
    if let Some(old) = slot.replace((generation, handle.clone())) {
        std::mem::forget(old);
    }
    Ok(handle)
}

/// Where a blocking client runs its work: the shared runtime, or one the caller supplied.
#[derive(Clone, Debug)]
pub(crate) enum Executor {
    Shared,
    Supplied(tokio::runtime::Handle),
}

impl Executor {
    pub fn supplied(handle: tokio::runtime::Handle) -> Result<Executor> {
        if handle.runtime_flavor() != tokio::runtime::RuntimeFlavor::MultiThread {
            return Err(Error::invalid_argument(
                "a blocking client needs a multi-thread tokio runtime: a current-thread runtime only runs while someone blocks on it",
            ));
        }
        Ok(Executor::Supplied(handle))
    }

    pub fn handle(&self) -> Result<tokio::runtime::Handle> {
        match self {
            Executor::Shared => shared_handle(),
            Executor::Supplied(handle) => Ok(handle.clone()),
        }
    }

    /// Starts `future` on the runtime; the caller waits for it with [`Pending`].
    pub fn spawn<F>(&self, future: F) -> Result<Pending<F::Output>>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::invalid_argument(
                "a blocking call was made from async code, which would stall the runtime; use spotdraft::Client there",
            ));
        }
        let slot = Arc::new(Slot::default());
        let filled = slot.clone();
        let task = self.handle()?.spawn(async move {
            let output = AssertUnwindSafe(future).catch_unwind().await;
            filled.fill(output);
        });
        Ok(Pending { slot, task: Some(task) })
    }

    /// Runs `future` on the runtime and waits for its output.
    pub fn run<F>(&self, future: F) -> Result<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        Ok(self.spawn(future)?.wait())
    }
}

type Outcome<T> = std::thread::Result<T>;

struct Slot<T> {
    value: Mutex<Option<Outcome<T>>>,
    ready: Condvar,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot { value: Mutex::new(None), ready: Condvar::new() }
    }
}

impl<T> Slot<T> {
    fn fill(&self, outcome: Outcome<T>) {
        *self.value.lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
        self.ready.notify_all();
    }
}

/// Work running on the runtime for a blocking caller. Dropping it before the result
/// arrives cancels the work (its connection is closed).
pub struct Pending<T> {
    slot: Arc<Slot<T>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl<T> std::fmt::Debug for Pending<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending").field("finished", &self.is_finished()).finish()
    }
}

impl<T> Pending<T> {
    /// Whether the result is ready.
    pub fn is_finished(&self) -> bool {
        self.slot.value.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// Waits for the result. A panic in the work is resumed on the caller's thread
    /// (bindings catch it at their boundary).
    pub fn wait(mut self) -> T {
        let mut value = self.slot.value.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(outcome) = value.take() {
                drop(value);
                self.task = None;
                return unwrap_outcome(outcome);
            }
            value = self.slot.ready.wait(value).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Waits at most `timeout`; `None` when the work is still running. Bindings use short
    /// waits to notice Ctrl-C between them.
    pub fn wait_timeout(&mut self, timeout: Duration) -> Option<T> {
        let deadline = Instant::now() + timeout;
        let mut value = self.slot.value.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(outcome) = value.take() {
                drop(value);
                self.task = None;
                return Some(unwrap_outcome(outcome));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            value = self.slot.ready.wait_timeout(value, left).unwrap_or_else(|p| p.into_inner()).0;
        }
    }

    /// Stops the work; its connection is closed.
    pub fn cancel(mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl<T> Drop for Pending<T> {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

fn unwrap_outcome<T>(outcome: Outcome<T>) -> T {
    match outcome {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_on_the_shared_runtime_from_a_small_stack() {
        let handle = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(|| {
                // The work's own frames (here a 512 KiB buffer) live on a worker's stack.
                Executor::Shared
                    .run(async move {
                        tokio::task::yield_now().await;
                        let big = [7u8; 512 * 1024];
                        std::hint::black_box(&big).iter().map(|&b| u64::from(b)).sum::<u64>()
                    })
                    .unwrap()
            })
            .unwrap();
        assert_eq!(handle.join().unwrap(), 7 * 512 * 1024);
    }

    #[test]
    fn waiting_can_time_out_and_dropping_cancels() {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let mut pending = Executor::Shared
            .spawn(async move {
                struct SignalOnDrop(std::sync::mpsc::Sender<()>);
                impl Drop for SignalOnDrop {
                    fn drop(&mut self) {
                        let _ = self.0.send(());
                    }
                }
                let _guard = SignalOnDrop(tx);
                tokio::time::sleep(Duration::from_secs(60)).await;
            })
            .unwrap();
        assert!(pending.wait_timeout(Duration::from_millis(20)).is_none());
        drop(pending);
        rx.recv_timeout(Duration::from_secs(5)).expect("the work was dropped");
    }

    #[test]
    fn refuses_to_block_inside_async_code() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let err = runtime.block_on(async { Executor::Shared.run(async { 1 }).unwrap_err() });
        assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument);
        assert!(Executor::supplied(runtime.handle().clone()).is_err());
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let result = std::panic::catch_unwind(|| Executor::Shared.run(async { panic!("boom") }));
        assert!(result.is_err());
    }
}
