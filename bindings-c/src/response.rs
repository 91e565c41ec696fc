//! `spotdraft_response`: a successful answer, its body owned by the response.

use crate::ffi::{free, infallible};

/// A successful answer (HTTP 2xx). Freed with `spotdraft_response_free`; the body pointer
/// is valid until then.
pub struct spotdraft_response {
    inner: sd::Response,
}

impl spotdraft_response {
    pub(crate) fn new(inner: sd::Response) -> spotdraft_response {
        spotdraft_response { inner }
    }
}

fn read<T: Copy>(response: *const spotdraft_response, null_answer: T, get: impl FnOnce(&spotdraft_response) -> T) -> T {
    // SAFETY: NULL or a live response.
    infallible(null_answer, || unsafe { response.as_ref() }.map_or(null_answer, get))
}

/// The HTTP status code; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_response_status(response: *const spotdraft_response) -> u16 {
    read(response, 0, |r| r.inner.status())
}

/// The body bytes (usually JSON, not NUL-terminated), owned by the response; `*len`
/// receives their number when `len` is not NULL. NULL (and length 0) for a NULL response.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_response_body(response: *const spotdraft_response, len: *mut usize) -> *const u8 {
    let (ptr, n) = read(response, (std::ptr::null(), 0), |r| (r.inner.body().as_ptr(), r.inner.body().len()));
    if !len.is_null() {
        // SAFETY: the caller passes NULL or a writable size_t.
        unsafe { *len = n };
    }
    ptr
}

/// How many attempts the call took (1 when it was not retried).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_response_attempts(response: *const spotdraft_response) -> u32 {
    read(response, 0, |r| r.inner.attempts())
}

/// Frees a response. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_response_free(response: *mut spotdraft_response) {
    infallible((), || free(response))
}
