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

use pyo3::prelude::*;

/// Set by an `atexit` hook: once the interpreter starts finalizing, threads of the Rust
/// runtime must not take the GIL (CPython would end them mid-call, which aborts the process).
pub static PYTHON_EXITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether Python code may still be called from a runtime thread.
pub fn python_alive() -> bool {
    !PYTHON_EXITING.load(std::sync::atomic::Ordering::Acquire)
}

/// Called by `atexit`: stop calling into Python from Rust threads.
#[pyfunction]
fn _python_exiting() {
    PYTHON_EXITING.store(true, std::sync::atomic::Ordering::Release);
}

/// pyo3-log, silenced once Python is exiting.
struct GuardedLogger(pyo3_log::Logger);

impl log::Log for GuardedLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        python_alive() && self.0.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if python_alive() {
            self.0.log(record);
        }
    }

    fn flush(&self) {
        if python_alive() {
            self.0.flush();
        }
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
