//! Core errors become instances of the Python exception hierarchy defined in
//! `spotdraft/_errors.py`: the classes live in Python so users can subclass, catch and
//! introspect them like any Python exception, while the kind and its fields come from core.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// Builds the Python exception for a core error. Core messages are already scrubbed of the
/// secret, so every field can be copied as is.
pub fn to_py(py: Python<'_>, error: spotdraft::Error) -> PyErr {
    match build(py, &error) {
        Ok(err) => err,
        // Only reachable when the Python package is broken; keep the (scrubbed) message.
        Err(_) => PyRuntimeError::new_err(format!("{}: {}", error.kind_str(), error.message())),
    }
}

/// For code that has no `Python` token at hand (conversions inside `detach`).
pub fn to_py_attached(error: spotdraft::Error) -> PyErr {
    Python::attach(|py| to_py(py, error))
}

fn build(py: Python<'_>, error: &spotdraft::Error) -> PyResult<PyErr> {
    let make = py.import("spotdraft._errors")?.getattr("_from_native")?;
    let field_errors = serde_json::to_string(error.field_errors()).unwrap_or_else(|_| "{}".to_string());
    let args = (
        error.kind_str(),
        error.message(),
        error.status(),
        error.spotdraft_code(),
        field_errors,
        error.attempts(),
        error.is_retryable(),
        error.hint(),
        error.request_id(),
    );
    let instance = make.call1(args)?;
    Ok(PyErr::from_value(instance))
}

/// Shorthand for `invalid_argument` errors raised by the binding itself (bad argument shapes
/// that core never sees).
pub fn invalid(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py(py, spotdraft::Error::new(spotdraft::ErrorKind::InvalidArgument, message))
}

/// Extension for `spotdraft::Result`: convert with a token at hand.
pub trait IntoPyResult<T> {
    /// The same value, or the error as a Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for spotdraft::Result<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
