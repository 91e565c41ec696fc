//! Webhook signature checks: is this call really from SpotDraft?

use std::ffi::c_char;

use sd::webhook::{self, WebhookKey};

use crate::error::spotdraft_error;
use crate::ffi::{bytes, clear_out, run, text};
use crate::status::spotdraft_status;
use crate::strings::give_string;

/// Checks the `X-SD-WEBHOOK-CONTENT-HASH` header value `signature` against the raw body
/// bytes as received (before any JSON parsing), with the workspace's base64 `hmac_key`.
/// `SPOTDRAFT_OK` means genuine; `SPOTDRAFT_AUTHENTICATION` means reject the call.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_webhook_verify(
    body: *const u8,
    body_len: usize,
    signature: *const c_char,
    hmac_key: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        let body = bytes(body, body_len, "body")?;
        let signature = text(signature, "signature")?;
        let key = WebhookKey::from_hmac_key(text(hmac_key, "hmac_key")?)?;
        webhook::verify(body, signature, &key)
    })
}

/// The signature SpotDraft would send for `body` with `hmac_key` (lowercase hex), in
/// `*out`, freed with `spotdraft_string_free`. For tests of webhook receivers.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_webhook_sign(
    body: *const u8,
    body_len: usize,
    hmac_key: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let body = bytes(body, body_len, "body")?;
        let key = WebhookKey::from_hmac_key(text(hmac_key, "hmac_key")?)?;
        give_string(out, webhook::sign(body, &key));
        Ok(())
    })
}
