//! Strings handed to the caller (`char *` out-parameters): made here, freed only with
//! `spotdraft_string_free`.

use std::ffi::{c_char, CString};

use crate::ffi::infallible;

/// A C string from Rust text; an interior NUL (never expected) becomes U+FFFD.
pub(crate) fn c_string(text: impl Into<String>) -> CString {
    let text: String = text.into();
    CString::new(text).unwrap_or_else(|e| {
        let cleaned = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\u{FFFD}");
        CString::new(cleaned).unwrap_or_default()
    })
}

/// Hands a new string to `*out`; the caller frees it with `spotdraft_string_free`.
pub(crate) fn give_string(out: *mut *mut c_char, text: impl Into<String>) {
    // SAFETY: the caller checked `out` with `clear_out`.
    unsafe { *out = c_string(text).into_raw() };
}

/// Frees a string this library handed out through a `char **` out-parameter (JSON text,
/// signatures, ...). NULL is a no-op. Never pass strings owned by a handle (those
/// returned as `const char *`).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_string_free(string: *mut c_char) {
    infallible((), || {
        if !string.is_null() {
            // SAFETY: made by `CString::into_raw` in `give_string`, freed once.
            drop(unsafe { CString::from_raw(string) });
        }
    })
}
