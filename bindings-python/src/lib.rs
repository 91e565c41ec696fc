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
    if let Ok(handle) = logger.install() {
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
    m.add_function(wrap_pyfunction!(error_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(operation_names, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::webhook_verify, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::webhook_sign, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::webhook_header_name, m)?)?;
    Ok(())
}
