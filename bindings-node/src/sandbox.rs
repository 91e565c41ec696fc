//! `Sandbox`: the offline SpotDraft emulator inside the Node process, so users test their
//! own services without an account. It serves from its own threads; it never holds the
//! event loop open.

use std::sync::Mutex;

use napi_derive::napi;
use spotdraft_sandbox::{FaultRule, Sandbox, SandboxConfig};

use crate::credential::NativeCredential;
use crate::errors::{invalid, parse_args, to_json_text, IntoNapi};

/// What `Sandbox.start(options)` takes.
#[napi(object)]
#[derive(Default)]
pub struct SandboxInit {
    /// The sandbox's own 10 requests/second limit (on by default, as SpotDraft's).
    pub rate_limit: Option<bool>,
    /// Size of every contract file served, in bytes.
    pub pdf_size: Option<f64>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Extra workspace users that may be impersonated.
    pub user_emails: Option<Vec<String>>,
}

#[napi]
pub struct NativeSandbox {
    inner: Mutex<Option<Sandbox>>,
    base_url: String,
    client_id: String,
    client_secret: String,
}

impl NativeSandbox {
    fn with<T>(&self, f: impl FnOnce(&Sandbox) -> T) -> napi::Result<T> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard.as_ref().map(f).ok_or_else(|| invalid("the sandbox is closed"))
    }
}

#[napi]
impl NativeSandbox {
    #[napi(factory)]
    pub fn start(init: Option<SandboxInit>) -> napi::Result<NativeSandbox> {
        let init = init.unwrap_or_default();
        let mut config = SandboxConfig::new().rate_limit(init.rate_limit.unwrap_or(true));
        if init.client_id.is_some() || init.client_secret.is_some() {
            let id = init.client_id.unwrap_or_else(|| config.client_id.clone());
            let secret = init.client_secret.unwrap_or_else(|| config.client_secret.clone());
            config = config.credential(&id, &secret);
        }
        for email in init.user_emails.unwrap_or_default() {
            config = config.user_email(&email);
        }
        if let Some(size) = init.pdf_size {
            if !(size.is_finite() && size >= 0.0 && size.fract() == 0.0) {
                return Err(invalid("pdfSize must be a whole number of bytes"));
            }
            config = config.pdf_size(size as u64);
        }
        let client_id = config.client_id.clone();
        let client_secret = config.client_secret.clone();
        let sandbox = Sandbox::start(config).map_err(|e| {
            crate::errors::to_napi(spotdraft::Error::new(
                spotdraft::ErrorKind::Connection,
                format!("the sandbox could not start: {e}"),
            ))
        })?;
        Ok(NativeSandbox { base_url: sandbox.base_url(), inner: Mutex::new(Some(sandbox)), client_id, client_secret })
    }

    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The credential the sandbox accepts.
    #[napi]
    pub fn credential(&self) -> napi::Result<NativeCredential> {
        Ok(NativeCredential { inner: spotdraft::Credential::new(&self.client_id, &self.client_secret).napi()? })
    }

    /// Adds a fault rule (JSON text, the scenario files' `faults` entries).
    #[napi]
    pub fn inject(&self, rule: String) -> napi::Result<()> {
        let rule: FaultRule =
            serde_json::from_value(parse_args(&rule)?).map_err(|e| invalid(format!("not a fault rule: {e}")))?;
        self.with(|s| s.inject(rule))
    }

    #[napi]
    pub fn clear_faults(&self) -> napi::Result<()> {
        self.with(Sandbox::clear_faults)
    }

    /// The request log as JSON text, oldest first.
    #[napi]
    pub fn requests(&self) -> napi::Result<String> {
        to_json_text(&self.with(Sandbox::requests)?)
    }

    #[napi]
    pub fn clear_requests(&self) -> napi::Result<()> {
        self.with(Sandbox::clear_requests)
    }

    /// `[opened, closed]` connections so far.
    #[napi]
    pub fn connection_counts(&self) -> napi::Result<Vec<f64>> {
        let (opened, closed) = self.with(Sandbox::connection_counts)?;
        Ok(vec![opened as f64, closed as f64])
    }

    #[napi]
    pub fn set_rate_limit(&self, enabled: bool) -> napi::Result<()> {
        self.with(|s| s.set_rate_limit(enabled))
    }

    /// Stops serving; later calls are refused. Closing twice is fine.
    #[napi]
    pub fn close(&self) {
        let taken = self.inner.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(sandbox) = taken {
            sandbox.shutdown();
        }
    }
}
