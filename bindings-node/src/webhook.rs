//! Webhook signatures, checked by core in constant time.

use napi::bindgen_prelude::Buffer;
use napi_derive::napi;
use spotdraft::webhook::{self, WebhookKey};

use crate::errors::{invalid, IntoNapi};

fn key_of(key: &str, kind: Option<String>) -> napi::Result<WebhookKey> {
    match kind.as_deref().unwrap_or("hmacKey") {
        "hmacKey" => WebhookKey::from_hmac_key(key).napi(),
        "callbackSecret" => WebhookKey::from_callback_secret(key).napi(),
        other => Err(invalid(format!("unknown webhook key kind {other:?}: expected hmacKey or callbackSecret"))),
    }
}

/// Throws `authentication` when `signature` is not the body's signature under `key`.
#[napi]
pub fn webhook_verify(raw_body: Buffer, signature: String, key: String, kind: Option<String>) -> napi::Result<()> {
    webhook::verify(&raw_body, &signature, &key_of(&key, kind)?).napi()
}

/// The signature SpotDraft would send for `raw_body` (for tests of webhook receivers).
#[napi]
pub fn webhook_sign(raw_body: Buffer, key: String, kind: Option<String>) -> napi::Result<String> {
    Ok(webhook::sign(&raw_body, &key_of(&key, kind)?))
}

/// The header the signature arrives in for this kind of key.
#[napi]
pub fn webhook_header_name(key: String, kind: Option<String>) -> napi::Result<String> {
    Ok(key_of(&key, kind)?.header_name().to_string())
}
