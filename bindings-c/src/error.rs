//! `spotdraft_error`: what went wrong, kept as C strings owned by the error itself, so
//! every `const char *` accessor stays valid until `spotdraft_error_free`.

use std::ffi::{c_char, CString};

use crate::ffi::infallible;
use crate::status::spotdraft_status;
use crate::strings::c_string;

/// An error. Made by the library on failure, freed by the caller with
/// `spotdraft_error_free`. Its text never contains the client secret.
pub struct spotdraft_error {
    status: spotdraft_status,
    kind: CString,
    message: CString,
    http_status: u16,
    sd_code: Option<CString>,
    hint: Option<CString>,
    request_id: Option<CString>,
    field_errors_json: CString,
    attempts: u32,
    retryable: bool,
}

impl spotdraft_error {
    pub(crate) fn from_core(error: &sd::Error) -> spotdraft_error {
        let field_errors = serde_json::to_string(error.field_errors()).unwrap_or_else(|_| "{}".to_string());
        spotdraft_error {
            status: spotdraft_status::from_kind(error.kind()),
            kind: c_string(error.kind().as_str()),
            message: c_string(error.to_string()),
            http_status: error.status().unwrap_or(0),
            sd_code: error.spotdraft_code().map(c_string),
            hint: error.hint().map(c_string),
            request_id: error.request_id().map(c_string),
            field_errors_json: c_string(field_errors),
            attempts: error.attempts(),
            retryable: error.is_retryable(),
        }
    }

    pub(crate) fn internal(message: &str) -> spotdraft_error {
        spotdraft_error {
            status: spotdraft_status::SPOTDRAFT_INTERNAL,
            kind: c_string("internal"),
            message: c_string(message),
            http_status: 0,
            sd_code: None,
            hint: None,
            request_id: None,
            field_errors_json: c_string("{}"),
            attempts: 0,
            retryable: false,
        }
    }
}

fn optional(text: &Option<CString>) -> *const c_char {
    text.as_ref().map_or(std::ptr::null(), |t| t.as_ptr())
}

/// The error's kind as a status code (`SPOTDRAFT_INTERNAL` for NULL).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_status(error: *const spotdraft_error) -> spotdraft_status {
    read(error, spotdraft_status::SPOTDRAFT_INTERNAL, |e| e.status)
}

/// The stable kind name, such as `"authentication"` or `"rate_limited"` (`"internal"` for
/// a library bug). Owned by the error. NULL for a NULL error.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_kind(error: *const spotdraft_error) -> *const c_char {
    read(error, std::ptr::null(), |e| e.kind.as_ptr())
}

/// The human-readable message (with a hint on what to do, when there is one). Owned by
/// the error. NULL for a NULL error.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_message(error: *const spotdraft_error) -> *const c_char {
    read(error, std::ptr::null(), |e| e.message.as_ptr())
}

/// The HTTP status SpotDraft answered with; 0 when there was no answer.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_http_status(error: *const spotdraft_error) -> u16 {
    read(error, 0, |e| e.http_status)
}

/// SpotDraft's own error code (`SD_...`); NULL when the answer had none. Owned by the error.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_sd_code(error: *const spotdraft_error) -> *const c_char {
    read(error, std::ptr::null(), |e| optional(&e.sd_code))
}

/// Advice on what to do; NULL when there is none. Owned by the error.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_hint(error: *const spotdraft_error) -> *const c_char {
    read(error, std::ptr::null(), |e| optional(&e.hint))
}

/// The request id SpotDraft answered with; NULL when none. Owned by the error.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_request_id(error: *const spotdraft_error) -> *const c_char {
    read(error, std::ptr::null(), |e| optional(&e.request_id))
}

/// The per-field errors as a JSON object of arrays of strings (`{}` when none), e.g.
/// `{"limit":["A valid integer is required."]}`. Owned by the error.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_field_errors_json(error: *const spotdraft_error) -> *const c_char {
    read(error, std::ptr::null(), |e| e.field_errors_json.as_ptr())
}

/// How many attempts were made (0: nothing was sent).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_attempts(error: *const spotdraft_error) -> u32 {
    read(error, 0, |e| e.attempts)
}

/// Whether the same call could succeed if made again later unchanged.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_retryable(error: *const spotdraft_error) -> bool {
    read(error, false, |e| e.retryable)
}

/// Frees an error. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_error_free(error: *mut spotdraft_error) {
    infallible((), || crate::ffi::free(error))
}

fn read<T: Copy>(error: *const spotdraft_error, null_answer: T, get: impl FnOnce(&spotdraft_error) -> T) -> T {
    // SAFETY: the caller passes NULL or a live error.
    infallible(null_answer, || unsafe { error.as_ref() }.map_or(null_answer, get))
}
