//! The boundary helpers every entry point goes through: panics caught, arguments checked,
//! errors and out-parameters written the same way everywhere.

use std::any::Any;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use sd::{Error, ErrorKind};

use crate::error::spotdraft_error;
use crate::status::spotdraft_status;

pub(crate) type Result<T> = std::result::Result<T, Error>;

pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidArgument, message)
}

/// Runs a fallible entry point: a panic becomes `SPOTDRAFT_INTERNAL`, an error is handed
/// to `*err` (when `err` is not NULL) and its kind returned.
pub(crate) fn run(err: *mut *mut spotdraft_error, body: impl FnOnce() -> Result<()>) -> spotdraft_status {
    let (status, error) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return spotdraft_status::SPOTDRAFT_OK,
        Ok(Err(e)) => (spotdraft_status::from_kind(e.kind()), spotdraft_error::from_core(&e)),
        Err(panic) => (spotdraft_status::SPOTDRAFT_INTERNAL, spotdraft_error::internal(&panic_text(&panic))),
    };
    if !err.is_null() {
        // SAFETY: the caller passes NULL or a valid `spotdraft_error **`.
        unsafe { *err = Box::into_raw(Box::new(error)) };
    }
    status
}

/// Runs an entry point that cannot fail: a panic gives `fallback`.
pub(crate) fn infallible<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

fn panic_text(panic: &Box<dyn Any + Send>) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("internal error in libspotdraft (please report it): {what}")
}

/// Clears an out-parameter first, so that it is NULL whatever happens next.
pub(crate) fn clear_out<T>(out: *mut *mut T, what: &str) -> Result<()> {
    if out.is_null() {
        return Err(invalid(format!("{what} (the out-parameter) is NULL")));
    }
    // SAFETY: checked non-NULL; the caller passes a writable pointer.
    unsafe { *out = std::ptr::null_mut() };
    Ok(())
}

/// Hands a new handle to a cleared out-parameter.
pub(crate) fn give<T>(out: *mut *mut T, value: T) {
    // SAFETY: `clear_out` checked it before any work was done.
    unsafe { *out = Box::into_raw(Box::new(value)) };
}

/// A required UTF-8 string argument.
pub(crate) fn text<'a>(ptr: *const c_char, what: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(invalid(format!("{what} is NULL")));
    }
    // SAFETY: the caller passes a NUL-terminated string that outlives the call.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map_err(|_| invalid(format!("{what} is not valid UTF-8")))
}

/// An optional UTF-8 string argument: NULL means none.
pub(crate) fn optional_text<'a>(ptr: *const c_char, what: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        text(ptr, what).map(Some)
    }
}

/// A path argument: any bytes but NUL, as the operating system allows.
pub(crate) fn path<'a>(ptr: *const c_char, what: &str) -> Result<&'a std::path::Path> {
    use std::os::unix::ffi::OsStrExt;
    if ptr.is_null() {
        return Err(invalid(format!("{what} is NULL")));
    }
    // SAFETY: as in `text`.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    Ok(std::path::Path::new(std::ffi::OsStr::from_bytes(bytes)))
}

/// A byte buffer argument; NULL is allowed only with length 0.
pub(crate) fn bytes<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a [u8]> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(invalid(format!("{what} is NULL but its length is {len}"))) };
    }
    // SAFETY: the caller passes `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A required handle argument.
pub(crate) fn handle<'a, T>(ptr: *const T, what: &str) -> Result<&'a T> {
    // SAFETY: the caller passes NULL or a live handle from this library.
    unsafe { ptr.as_ref() }.ok_or_else(|| invalid(format!("{what} is NULL")))
}

/// A required handle argument that is changed.
pub(crate) fn handle_mut<'a, T>(ptr: *mut T, what: &str) -> Result<&'a mut T> {
    // SAFETY: as in `handle`, and the caller does not use it from another thread meanwhile.
    unsafe { ptr.as_mut() }.ok_or_else(|| invalid(format!("{what} is NULL")))
}

/// Frees a handle made with `give`; NULL is a no-op.
pub(crate) fn free<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller passes a handle from this library, once.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_internal_and_an_error() {
        let mut err: *mut spotdraft_error = std::ptr::null_mut();
        let status = run(&mut err, || panic!("boom"));
        assert_eq!(status, spotdraft_status::SPOTDRAFT_INTERNAL);
        assert!(!err.is_null());
        let kind = unsafe { CStr::from_ptr(crate::error::spotdraft_error_kind(err)) };
        let message = unsafe { CStr::from_ptr(crate::error::spotdraft_error_message(err)) };
        assert_eq!(kind.to_str().unwrap(), "internal");
        assert!(message.to_str().unwrap().contains("boom"));
        assert_eq!(unsafe { crate::error::spotdraft_error_status(err) }, spotdraft_status::SPOTDRAFT_INTERNAL);
        unsafe { crate::error::spotdraft_error_free(err) };
        assert_eq!(infallible(7, || panic!("boom")), 7);
    }

    #[test]
    fn errors_are_written_only_on_failure() {
        let mut err: *mut spotdraft_error = std::ptr::null_mut();
        assert_eq!(run(&mut err, || Ok(())), spotdraft_status::SPOTDRAFT_OK);
        assert!(err.is_null());
        assert_eq!(run(std::ptr::null_mut(), || Err(invalid("x"))), spotdraft_status::SPOTDRAFT_INVALID_ARGUMENT);
    }
}
