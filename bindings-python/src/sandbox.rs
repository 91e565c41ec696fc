//! The in-process sandbox behind `spotdraft.testing.Sandbox`.

use pyo3::prelude::*;
use spotdraft_sandbox::{FaultRule, Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

use crate::errors::invalid;

/// A running offline SpotDraft workspace on a loopback port.
#[pyclass(module = "spotdraft._native", frozen)]
pub struct NativeSandbox {
    inner: std::sync::Mutex<Option<Sandbox>>,
    base_url: String,
}

impl NativeSandbox {
    fn with<T>(&self, py: Python<'_>, f: impl FnOnce(&Sandbox) -> T) -> PyResult<T> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_ref() {
            Some(sandbox) => Ok(f(sandbox)),
            None => Err(invalid(py, "the sandbox was stopped")),
        }
    }
}

#[pymethods]
impl NativeSandbox {
    #[new]
    #[pyo3(signature = (*, rate_limit=false, pdf_size=None, extra_user_emails=Vec::new()))]
    fn new(py: Python<'_>, rate_limit: bool, pdf_size: Option<u64>, extra_user_emails: Vec<String>) -> PyResult<Self> {
        let mut config = SandboxConfig::new().rate_limit(rate_limit);
        if let Some(size) = pdf_size {
            config.pdf_size = size;
        }
        for email in &extra_user_emails {
            config = config.user_email(email);
        }
        let sandbox = py
            .detach(|| Sandbox::start(config))
            .map_err(|e| invalid(py, format!("could not start the sandbox: {e}")))?;
        let base_url = sandbox.base_url();
        Ok(NativeSandbox { inner: std::sync::Mutex::new(Some(sandbox)), base_url })
    }

    /// The sandbox's base URL, e.g. ``http://127.0.0.1:41234``.
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The demo credential's client id and secret.
    #[staticmethod]
    fn demo_credential() -> (&'static str, &'static str) {
        (DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    }

    /// Installs a fault rule given as JSON (the scenario files' `faults` entries).
    fn inject(&self, py: Python<'_>, rule: &str) -> PyResult<()> {
        let rule: FaultRule = serde_json::from_str(rule).map_err(|e| invalid(py, format!("bad fault rule: {e}")))?;
        self.with(py, |s| s.inject(rule))
    }

    /// Removes every fault rule.
    fn clear_faults(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |s| s.clear_faults())
    }

    /// The request log as JSON.
    fn requests_json(&self, py: Python<'_>) -> PyResult<String> {
        let log = py.detach(|| self.with_detached(|s| s.requests()));
        let log = log.ok_or_else(|| invalid(py, "the sandbox was stopped"))?;
        serde_json::to_string(&log).map_err(|e| invalid(py, e.to_string()))
    }

    /// Empties the request log.
    fn clear_requests(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |s| s.clear_requests())
    }

    /// (connections opened, connections closed) since start.
    fn connection_counts(&self, py: Python<'_>) -> PyResult<(u64, u64)> {
        self.with(py, |s| s.connection_counts())
    }

    /// Turns the 10 requests/second limit on or off.
    fn set_rate_limit(&self, py: Python<'_>, enabled: bool) -> PyResult<()> {
        self.with(py, |s| s.set_rate_limit(enabled))
    }

    /// Stops the server (idempotent).
    fn shutdown(&self, py: Python<'_>) {
        let taken = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(sandbox) = taken {
            py.detach(move || sandbox.shutdown());
        }
    }
}

impl NativeSandbox {
    fn with_detached<T>(&self, f: impl FnOnce(&Sandbox) -> T) -> Option<T> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(f)
    }
}
