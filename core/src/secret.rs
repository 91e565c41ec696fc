//! The client secret: zeroized on drop, never shown by Debug or Display, and not
//! serializable (the credential store writes it through `expose_secret` on purpose).

use std::fmt;
use zeroize::Zeroizing;

/// The client secret of a SpotDraft API client. Zeroized on drop, shown as `[REDACTED]`
/// by `Debug` and `Display`, and compared in constant time.
#[derive(Clone)]
pub struct ClientSecret(Zeroizing<String>);

impl ClientSecret {
    pub(crate) fn new(value: String) -> ClientSecret {
        ClientSecret(Zeroizing::new(value))
    }

    /// The secret itself. Call this only to put it where it must go (a request header,
    /// the credential store); never to print or log it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// A short fingerprint (last 4 characters, masked) for display, e.g. `****wxyz`.
    /// Shown only when the secret is long enough that 4 characters give nothing away.
    pub fn masked(&self) -> String {
        // Walks the text in place: no copy of the whole secret is made.
        if self.0.chars().count() < 16 {
            return "****".to_string();
        }
        let tail_start = self.0.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        format!("****{}", &self.0[tail_start..])
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl fmt::Display for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl PartialEq for ClientSecret {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}
impl Eq for ClientSecret {}
