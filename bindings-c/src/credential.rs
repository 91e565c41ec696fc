//! `spotdraft_credential`: a client id, its secret and an optional user to act as.

use std::ffi::{c_char, CString};

use crate::error::spotdraft_error;
use crate::ffi::{clear_out, free, give, infallible, optional_text, run, text};
use crate::status::spotdraft_status;
use crate::strings::c_string;

/// A SpotDraft credential. Immutable, so it may be shared by threads. Freed with
/// `spotdraft_credential_free`; a client builder keeps its own copy.
pub struct spotdraft_credential {
    pub(crate) inner: sd::Credential,
    client_id: CString,
}

impl spotdraft_credential {
    pub(crate) fn new(inner: sd::Credential) -> spotdraft_credential {
        let client_id = c_string(inner.client_id());
        spotdraft_credential { inner, client_id }
    }
}

/// Makes a credential from a client id and secret (both required) and an optional user
/// email to act as (NULL: none). The secret is copied; wipe your own copy when done.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_credential_new(
    client_id: *const c_char,
    client_secret: *const c_char,
    user_email: *const c_char,
    out: *mut *mut spotdraft_credential,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let id = text(client_id, "client_id")?;
        let secret = text(client_secret, "client_secret")?;
        let email = optional_text(user_email, "user_email")?;
        let credential = sd::Credential::builder(id, secret).maybe_user_email(email.map(str::to_string)).build()?;
        give(out, spotdraft_credential::new(credential));
        Ok(())
    })
}

/// The credential's client id. Owned by the credential; NULL for a NULL credential.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_credential_client_id(credential: *const spotdraft_credential) -> *const c_char {
    // SAFETY: NULL or a live credential.
    infallible(std::ptr::null(), || unsafe { credential.as_ref() }.map_or(std::ptr::null(), |c| c.client_id.as_ptr()))
}

/// Frees a credential (its secret is wiped). NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_credential_free(credential: *mut spotdraft_credential) {
    infallible((), || free(credential))
}
