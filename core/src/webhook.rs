//! Verifying that a webhook call really came from SpotDraft.
//!
//! Current form: header `X-SD-WEBHOOK-CONTENT-HASH` = lowercase hex HMAC-SHA512 of the raw
//! body, keyed with the base64-decoded `hmac_key` (from `GET webhooks/hmac_key/`).
//! Older form: header `X-SD-CONTENT-HASH`, keyed with the UTF-8 bytes of the callback secret.
//! Comparison is constant time.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha512;

use crate::error::{Error, ErrorKind, Result};

/// The header SpotDraft signs webhook calls in today: hex HMAC-SHA512 keyed with the
/// `hmac_key`.
pub const SIGNATURE_HEADER: &str = "x-sd-webhook-content-hash";
/// The header of the older scheme: hex HMAC-SHA512 keyed with the callback secret.
pub const LEGACY_SIGNATURE_HEADER: &str = "x-sd-content-hash";

type HmacSha512 = Hmac<Sha512>;

/// The key a signature is checked with.
#[derive(Clone)]
pub enum WebhookKey {
    /// The base64 `hmac_key` SpotDraft returns; used for `X-SD-WEBHOOK-CONTENT-HASH`.
    HmacKey(zeroize::Zeroizing<Vec<u8>>),
    /// The callback secret of the older scheme; used for `X-SD-CONTENT-HASH`.
    CallbackSecret(zeroize::Zeroizing<Vec<u8>>),
}

impl std::fmt::Debug for WebhookKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebhookKey::HmacKey(_) => f.write_str("WebhookKey::HmacKey([REDACTED])"),
            WebhookKey::CallbackSecret(_) => f.write_str("WebhookKey::CallbackSecret([REDACTED])"),
        }
    }
}

impl WebhookKey {
    /// From the base64 `hmac_key` of `GET /api/v2.1/public/webhooks/hmac_key/`.
    ///
    /// # Errors
    /// `invalid_argument` when the key is empty or is not base64 (standard, URL-safe or
    /// unpadded).
    pub fn from_hmac_key(base64_key: &str) -> Result<WebhookKey> {
        let trimmed = base64_key.trim();
        if trimmed.is_empty() {
            return Err(Error::invalid_argument("webhook hmac_key is empty"));
        }
        let engine = base64::engine::general_purpose::STANDARD;
        let bytes = engine
            .decode(trimmed)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(trimmed))
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(trimmed))
            .map_err(|_| {
                Error::invalid_argument(
                    "webhook hmac_key is not valid base64; pass the hmac_key value exactly as SpotDraft returned it",
                )
            })?;
        Ok(WebhookKey::HmacKey(zeroize::Zeroizing::new(bytes)))
    }

    /// From the older scheme's callback secret (used as UTF-8 bytes).
    ///
    /// # Errors
    /// `invalid_argument` when the secret is empty.
    pub fn from_callback_secret(secret: &str) -> Result<WebhookKey> {
        if secret.is_empty() {
            return Err(Error::invalid_argument("webhook callback secret is empty"));
        }
        Ok(WebhookKey::CallbackSecret(zeroize::Zeroizing::new(secret.as_bytes().to_vec())))
    }

    fn bytes(&self) -> &[u8] {
        match self {
            WebhookKey::HmacKey(b) | WebhookKey::CallbackSecret(b) => b,
        }
    }

    /// The header this kind of key signs.
    pub fn header_name(&self) -> &'static str {
        match self {
            WebhookKey::HmacKey(_) => SIGNATURE_HEADER,
            WebhookKey::CallbackSecret(_) => LEGACY_SIGNATURE_HEADER,
        }
    }

    fn mac(&self) -> HmacSha512 {
        HmacSha512::new_from_slice(self.bytes()).expect("HMAC accepts keys of any length")
    }
}

/// The lowercase hex signature SpotDraft would send for `raw_body` (for tests and emulators).
pub fn sign(raw_body: &[u8], key: &WebhookKey) -> String {
    let mut mac = key.mac();
    mac.update(raw_body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a signature header value against the raw body, in constant time.
///
/// # Errors
/// `authentication` when the signature is not hex or does not match the body: reject the
/// call.
pub fn verify(raw_body: &[u8], signature: &str, key: &WebhookKey) -> Result<()> {
    let mismatch = || {
        Error::new(
            ErrorKind::Authentication,
            format!("webhook signature ({}) does not match the body; reject this call", key.header_name()),
        )
        .with_hint("verify the exact raw bytes received, before any JSON parsing, with the current hmac_key")
    };
    let expected = hex::decode(signature.trim().to_ascii_lowercase()).map_err(|_| mismatch())?;
    let mut mac = key.mac();
    mac.update(raw_body);
    mac.verify_slice(&expected).map_err(|_| mismatch())
}

/// Finds the signature among request headers (names case-insensitive) and checks it. The
/// current header is used with an `HmacKey`, the older one with a `CallbackSecret`.
///
/// # Errors
/// `authentication` when the header for this kind of key is missing, or as [`verify`].
pub fn verify_headers<'a>(
    raw_body: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    key: &WebhookKey,
) -> Result<()> {
    let wanted = key.header_name();
    let value =
        headers.into_iter().find(|(name, _)| name.eq_ignore_ascii_case(wanted)).map(|(_, value)| value).ok_or_else(
            || Error::new(ErrorKind::Authentication, format!("webhook call has no {wanted} header; reject it")),
        )?;
    verify(raw_body, value, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper() {
        let key = WebhookKey::from_hmac_key("c2VjcmV0LWtleS1ieXRlcw==").unwrap();
        let body = br#"{"activity":"CONTRACT_CREATED"}"#;
        let sig = sign(body, &key);
        assert_eq!(sig.len(), 128);
        verify(body, &sig, &key).unwrap();
        verify(body, &sig.to_uppercase(), &key).unwrap();
        assert!(verify(b"{}", &sig, &key).is_err());
        assert!(verify(body, "zz", &key).is_err());
        assert!(verify(body, &sig[..64], &key).is_err());
        verify_headers(body, [("X-SD-WEBHOOK-CONTENT-HASH", sig.as_str())], &key).unwrap();
        assert!(verify_headers(body, [("X-SD-CONTENT-HASH", sig.as_str())], &key).is_err());
    }

    #[test]
    fn known_vector() {
        // HMAC-SHA512(key = b"key", "The quick brown fox jumps over the lazy dog"), from RFC-style public vectors.
        let key = WebhookKey::from_callback_secret("key").unwrap();
        let expected = "b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a";
        assert_eq!(sign(b"The quick brown fox jumps over the lazy dog", &key), expected);
        verify_headers(b"The quick brown fox jumps over the lazy dog", [("x-sd-content-hash", expected)], &key)
            .unwrap();
    }

    #[test]
    fn bad_key_is_clear() {
        let err = WebhookKey::from_hmac_key("not base64!!").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(format!("{:?}", WebhookKey::from_callback_secret("topsecret").unwrap()).contains("REDACTED"));
    }
}
