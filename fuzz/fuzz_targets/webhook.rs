//! Webhook verification: a signature made with the key verifies, any other is refused.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotdraft::webhook::{sign, verify, WebhookKey};

fuzz_target!(|input: (&str, &[u8], &str)| {
    let (key_text, body, signature) = input;
    let Ok(key) = WebhookKey::from_hmac_key(key_text) else { return };
    let good = sign(body, &key);
    assert!(verify(body, &good, &key).is_ok(), "a correct signature was refused");
    if signature.trim() != good {
        assert!(verify(body, signature, &key).is_err() || signature.trim().eq_ignore_ascii_case(&good));
    }
});
