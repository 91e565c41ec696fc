//! `spotdraft._native`: the Rust half of the `spotdraft` Python package. It only translates
//! types, errors, the GIL and the event loop; every behaviour comes from the `spotdraft` core.
//! The Python half (`python/spotdraft/`) builds the public API on top.

mod client;
mod credential;
mod errors;
mod op;
mod pager;
mod resources;
mod sandbox;
mod store;
mod webhook;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use pyo3::prelude::*;

/// Set by an `atexit` hook: once the interpreter starts finalizing, threads of the Rust
/// runtime must not take the GIL (CPython would end them inside the call, which aborts).
static PYTHON_EXITING: AtomicBool = AtomicBool::new(false);
/// Runtime threads inside Python right now; the `atexit` hook waits for them to leave.
static IN_PYTHON: AtomicUsize = AtomicUsize::new(0);

/// Runs `f` with the GIL from any thread, unless Python is exiting (then `None`). The
/// interpreter cannot begin finalizing while a thread is inside: the `atexit` hook waits.
pub fn with_python<R>(f: impl FnOnce(Python<'_>) -> R) -> Option<R> {
    guarded(|| Python::attach(f))
}

/// Runs `f`, which may take the GIL itself, unless Python is exiting (then `None`).
fn guarded<R>(f: impl FnOnce() -> R) -> Option<R> {
    IN_PYTHON.fetch_add(1, Ordering::SeqCst);
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            IN_PYTHON.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let _leave = Leave;
    if PYTHON_EXITING.load(Ordering::SeqCst) {
        return None;
    }
    Some(f())
}

/// Called by `atexit`: stop calling into Python from Rust threads, and let those inside
/// finish (for at most a few seconds) before the interpreter finalizes.
#[pyfunction]
fn _python_exiting(py: Python<'_>) {
    PYTHON_EXITING.store(true, Ordering::SeqCst);
    py.detach(|| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        while IN_PYTHON.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
}

/// pyo3-log, entered only through [`guarded`] so that it never takes the GIL while Python
/// exits. (It takes the GIL itself only on a level-cache miss, so disabled records stay cheap.)
struct GuardedLogger(pyo3_log::Logger);

impl log::Log for GuardedLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        guarded(|| self.0.enabled(metadata)).unwrap_or(false)
    }

    fn log(&self, record: &log::Record<'_>) {
        guarded(|| self.0.log(record));
    }

    fn flush(&self) {
        guarded(|| self.0.flush());
    }
}

/// Keeps pyo3-log's level cache so `refresh_logging()` can drop it after the user changes
/// logging levels.
static LOG_RESET: std::sync::OnceLock<pyo3_log::ResetHandle> = std::sync::OnceLock::new();

/// Re-reads the levels of the ``spotdraft`` loggers (they are cached so that disabled
/// log calls cost nothing on the I/O threads). Call it after changing logging levels.
#[pyfunction]
fn refresh_logging() {
    if let Some(handle) = LOG_RESET.get() {
        handle.reset();
    }
}

/// The stable error kind strings, in core's numeric order (1 = first).
#[pyfunction]
fn error_kinds() -> Vec<&'static str> {
    spotdraft::ErrorKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The catalogue's operation names, for `Client.call`.
#[pyfunction]
fn operation_names() -> Vec<&'static str> {
    spotdraft::catalogue::OPERATIONS.iter().map(|op| op.name).collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // Core's tracing events reach `log`; forward the `spotdraft` crate's records to the
    // `spotdraft` logger tree (the sandbox's own records stay out).
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::LoggersAndLevels)?
        .filter(log::LevelFilter::Off)
        .filter_target("spotdraft".to_string(), log::LevelFilter::Trace);
    let handle = logger.reset_handle();
    if log::set_boxed_logger(Box::new(GuardedLogger(logger))).is_ok() {
        log::set_max_level(log::LevelFilter::Trace);
        let _ = LOG_RESET.set(handle);
    }
    m.add_class::<client::NativeClient>()?;
    m.add_class::<credential::PyCredential>()?;
    m.add_class::<op::Op>()?;
    m.add_class::<pager::NativePager>()?;
    m.add_class::<sandbox::NativeSandbox>()?;
    m.add_class::<store::PyCredentialStore>()?;
    m.add_class::<store::PyProfile>()?;
    m.add_function(wrap_pyfunction!(refresh_logging, m)?)?;
    m.add_function(wrap_pyfunction!(_python_exiting, m)?)?;
    m.add_function(wrap_pyfunction!(error_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(operation_names, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::webhook_verify, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::webhook_sign, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::webhook_header_name, m)?)?;
    Ok(())
}
