//! `spotdraft_store`: the saved credential profiles the `spotdraft` command line uses.

use std::ffi::c_char;

use crate::credential::spotdraft_credential;
use crate::error::spotdraft_error;
use crate::ffi::{clear_out, free, give, handle, infallible, optional_text, path, run, text, Result};
use crate::status::spotdraft_status;
use crate::strings::give_string;

/// A credential store: a folder holding a 0600 file of profiles. Safe to share between
/// threads (writes are atomic). Freed with `spotdraft_store_free`.
pub struct spotdraft_store {
    inner: sd::CredentialStore,
}

fn endpoint(text: Option<&str>) -> Result<sd::Endpoint> {
    match text {
        None => Ok(sd::Endpoint::default()),
        Some(t) if t.contains("://") => Ok(sd::Endpoint::Custom(sd::BaseUrl::parse(t)?)),
        Some(t) => Ok(sd::Endpoint::Region(t.parse()?)),
    }
}

/// Opens the store in `dir`, or (NULL) the default one: `$SPOTDRAFT_CONFIG_DIR`, else
/// `~/.config/spotdraft/`. Nothing is read or created until used. `dir` need not be UTF-8.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_open(
    dir: *const c_char,
    out: *mut *mut spotdraft_store,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let inner = if dir.is_null() {
            sd::CredentialStore::open_default()?
        } else {
            sd::CredentialStore::open(path(dir, "dir")?)
        };
        give(out, spotdraft_store { inner });
        Ok(())
    })
}

/// Saves `credential` as profile `name` (1-64 letters, digits, `-`, `_`, `.`) for
/// `endpoint`: a region (`"eu"`) or a base URL, NULL for `"us"`. An existing profile is
/// replaced only when `overwrite` is true (else `SPOTDRAFT_CONFLICT`).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_save(
    store: *const spotdraft_store,
    name: *const c_char,
    credential: *const spotdraft_credential,
    endpoint_text: *const c_char,
    overwrite: bool,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || save(store, name, credential, endpoint_text, std::ptr::null(), overwrite))
}

/// As `spotdraft_store_save`, and the profile keeps `rate_limit_url`: the shared rate limiter
/// (`redis://[user:password@]host[:port][/db]` or `rediss://...`) that clients built from it
/// use, or NULL for none. A URL core refuses (another scheme, no host, ...) is
/// `SPOTDRAFT_INVALID_ARGUMENT` naming the problem, never the password, and nothing is saved.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_save_with_rate_limit_url(
    store: *const spotdraft_store,
    name: *const c_char,
    credential: *const spotdraft_credential,
    endpoint_text: *const c_char,
    rate_limit_url: *const c_char,
    overwrite: bool,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || save(store, name, credential, endpoint_text, rate_limit_url, overwrite))
}

fn save(
    store: *const spotdraft_store,
    name: *const c_char,
    credential: *const spotdraft_credential,
    endpoint_text: *const c_char,
    rate_limit_url: *const c_char,
    overwrite: bool,
) -> Result<()> {
    let store = handle(store, "store")?;
    let name = text(name, "name")?;
    let credential = handle(credential, "credential")?.inner.clone();
    let endpoint = endpoint(optional_text(endpoint_text, "endpoint")?)?;
    let profile = sd::Profile::new(name, credential, endpoint)?
        .rate_limit_url_text(optional_text(rate_limit_url, "rate_limit_url")?)?;
    store.inner.save(profile, overwrite)
}

/// The credential saved as profile `name` (`SPOTDRAFT_NOT_FOUND` when there is none),
/// freed with `spotdraft_credential_free`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_get(
    store: *const spotdraft_store,
    name: *const c_char,
    out: *mut *mut spotdraft_credential,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let profile = handle(store, "store")?.inner.get(text(name, "name")?)?;
        give(out, spotdraft_credential::new(profile.credential));
        Ok(())
    })
}

/// The shared rate limiter URL saved with profile `name`, its password shown as `****`, in
/// `*out` (freed with `spotdraft_string_free`); `*out` is NULL when the profile has none.
/// `SPOTDRAFT_NOT_FOUND` when there is no such profile.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_get_rate_limit_url(
    store: *const spotdraft_store,
    name: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let profile = handle(store, "store")?.inner.get(text(name, "name")?)?;
        if let Some(masked) = profile.masked_rate_limit_url() {
            give_string(out, masked);
        }
        Ok(())
    })
}

/// Every saved profile as a JSON array of objects (`name`, `description`, `client_id`,
/// `user_email`, `endpoint`, `is_default`, `created_at`, `updated_at`; never a secret),
/// freed with `spotdraft_string_free`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_list_json(
    store: *const spotdraft_store,
    out: *mut *mut c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let list = handle(store, "store")?.inner.list()?;
        let json = serde_json::to_string(&list).map_err(|e| sd::Error::new(sd::ErrorKind::Decode, e.to_string()))?;
        give_string(out, json);
        Ok(())
    })
}

/// Removes profile `name` (`SPOTDRAFT_NOT_FOUND` when there is none).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_remove(
    store: *const spotdraft_store,
    name: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || handle(store, "store")?.inner.remove(text(name, "name")?))
}

/// Frees a store handle (the saved profiles stay). NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_store_free(store: *mut spotdraft_store) {
    infallible((), || free(store))
}
