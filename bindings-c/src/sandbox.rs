//! `spotdraft_sandbox`: the offline SpotDraft emulator, for users' own tests.

use std::ffi::{c_char, CString};

use ::spotdraft_sandbox::{FaultRule, Sandbox, SandboxConfig};

use crate::error::spotdraft_error;
use crate::ffi::{clear_out, give, handle, infallible, invalid, run, text, Result};
use crate::status::spotdraft_status;
use crate::strings::c_string;

/// A running sandbox on a free loopback port, accepting the demo credential
/// (`spotdraft_sandbox_demo_client_id()` / `_secret()`). Thread-safe. Stopped and freed
/// with `spotdraft_sandbox_stop`.
pub struct spotdraft_sandbox {
    inner: Option<Sandbox>,
    base_url: CString,
}

impl spotdraft_sandbox {
    fn running(&self) -> Result<&Sandbox> {
        self.inner.as_ref().ok_or_else(|| invalid("the sandbox is stopped"))
    }
}

/// Starts a sandbox. `rate_limit` enforces SpotDraft's 10 requests/second limit (turn it
/// off for fast tests).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_sandbox_start(
    rate_limit: bool,
    out: *mut *mut spotdraft_sandbox,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(rate_limit))
            .map_err(|e| sd::Error::new(sd::ErrorKind::Connection, format!("the sandbox could not start: {e}")))?;
        let base_url = c_string(sandbox.base_url());
        give(out, spotdraft_sandbox { inner: Some(sandbox), base_url });
        Ok(())
    })
}

/// The sandbox's base URL (`http://127.0.0.1:PORT`), for
/// `spotdraft_client_builder_set_base_url`. Owned by the sandbox; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_sandbox_base_url(sandbox: *const spotdraft_sandbox) -> *const c_char {
    // SAFETY: NULL or a live sandbox.
    infallible(std::ptr::null(), || unsafe { sandbox.as_ref() }.map_or(std::ptr::null(), |s| s.base_url.as_ptr()))
}

/// Makes the sandbox misbehave: a fault rule as JSON, the body of `POST
/// /__sandbox/faults`, e.g. `{"path":"/api/v2.1/public/contracts/","times":2,
/// "fault":{"kind":"status","status":503}}`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_sandbox_inject_fault(
    sandbox: *const spotdraft_sandbox,
    rule_json: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        let sandbox = handle(sandbox, "sandbox")?.running()?;
        let rule: FaultRule = serde_json::from_str(text(rule_json, "rule_json")?)
            .map_err(|e| invalid(format!("rule_json is not a fault rule: {e}")))?;
        sandbox.inject(rule);
        Ok(())
    })
}

/// Removes every fault rule and forgets the requests seen so far.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_sandbox_reset(
    sandbox: *const spotdraft_sandbox,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        let sandbox = handle(sandbox, "sandbox")?.running()?;
        sandbox.clear_faults();
        sandbox.clear_requests();
        Ok(())
    })
}

/// How many API requests the sandbox has seen (since start or the last reset); 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_sandbox_request_count(sandbox: *const spotdraft_sandbox) -> usize {
    // SAFETY: NULL or a live sandbox.
    infallible(0, || unsafe { sandbox.as_ref() }.and_then(|s| s.inner.as_ref()).map_or(0, |s| s.requests().len()))
}

/// The client id the sandbox accepts (a static string; do not free).
#[no_mangle]
pub extern "C" fn spotdraft_sandbox_demo_client_id() -> *const c_char {
    c"sandbox-demo-client-id".as_ptr()
}

/// The client secret the sandbox accepts (a static string; do not free).
#[no_mangle]
pub extern "C" fn spotdraft_sandbox_demo_client_secret() -> *const c_char {
    c"sandbox-demo-client-secret".as_ptr()
}

/// Stops the sandbox and frees it. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_sandbox_stop(sandbox: *mut spotdraft_sandbox) {
    infallible((), || {
        if !sandbox.is_null() {
            // SAFETY: a live sandbox, freed once.
            let mut sandbox = unsafe { Box::from_raw(sandbox) };
            if let Some(running) = sandbox.inner.take() {
                running.shutdown();
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_credential_matches_the_sandbox() {
        let id = unsafe { std::ffi::CStr::from_ptr(super::spotdraft_sandbox_demo_client_id()) };
        let secret = unsafe { std::ffi::CStr::from_ptr(super::spotdraft_sandbox_demo_client_secret()) };
        assert_eq!(id.to_str().unwrap(), ::spotdraft_sandbox::DEMO_CLIENT_ID);
        assert_eq!(secret.to_str().unwrap(), ::spotdraft_sandbox::DEMO_CLIENT_SECRET);
    }
}
