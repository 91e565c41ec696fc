//! Webhook signatures, checked by core in constant time.

use pyo3::prelude::*;
use spotdraft::webhook::WebhookKey;

use crate::errors::IntoPyResult;

fn key_of(py: Python<'_>, key: &str, callback_secret: bool) -> PyResult<WebhookKey> {
    if callback_secret {
        WebhookKey::from_callback_secret(key).py_err(py)
    } else {
        WebhookKey::from_hmac_key(key).py_err(py)
    }
}

/// Checks a webhook call's signature; raises ``AuthenticationError`` when it does not match.
#[pyfunction]
#[pyo3(signature = (raw_body, signature, key, callback_secret=false))]
pub fn webhook_verify(
    py: Python<'_>,
    raw_body: &[u8],
    signature: &str,
    key: &str,
    callback_secret: bool,
) -> PyResult<()> {
    let key = key_of(py, key, callback_secret)?;
    spotdraft::webhook::verify(raw_body, signature, &key).py_err(py)
}

/// The signature SpotDraft would send for ``raw_body`` (for tests).
#[pyfunction]
#[pyo3(signature = (raw_body, key, callback_secret=false))]
pub fn webhook_sign(py: Python<'_>, raw_body: &[u8], key: &str, callback_secret: bool) -> PyResult<String> {
    let key = key_of(py, key, callback_secret)?;
    Ok(spotdraft::webhook::sign(raw_body, &key))
}

/// The header the signature arrives in for this kind of key.
#[pyfunction]
#[pyo3(signature = (key, callback_secret=false))]
pub fn webhook_header_name(py: Python<'_>, key: &str, callback_secret: bool) -> PyResult<&'static str> {
    Ok(key_of(py, key, callback_secret)?.header_name())
}
