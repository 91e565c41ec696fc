//! `spotdraft_status`: the return code of every fallible function. Its numbers are core's
//! frozen `ErrorKind` numbers, so a C caller can switch on them across versions.

use sd::ErrorKind;

/// What a fallible function did: `SPOTDRAFT_OK`, or the kind of error it met (the same
/// kinds, in the same order, as the Rust core and the other bindings), or
/// `SPOTDRAFT_INTERNAL` for a bug in this library (a caught panic).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum spotdraft_status {
    /// Success.
    SPOTDRAFT_OK = 0,
    /// The credential is malformed, or no credential could be found.
    SPOTDRAFT_INVALID_CREDENTIAL = 1,
    /// An argument is NULL, not UTF-8, or out of range.
    SPOTDRAFT_INVALID_ARGUMENT = 2,
    /// SpotDraft did not accept the credential (HTTP 401).
    SPOTDRAFT_AUTHENTICATION = 3,
    /// HTTP 403: the credential or the user acted as may not do this.
    SPOTDRAFT_PERMISSION_DENIED = 4,
    /// HTTP 404 or 410: no such object.
    SPOTDRAFT_NOT_FOUND = 5,
    /// HTTP 409, or saving over an existing profile.
    SPOTDRAFT_CONFLICT = 6,
    /// A SpotDraft business rule refused the call (HTTP 402, with an `SD_` code).
    SPOTDRAFT_BUSINESS_RULE = 7,
    /// HTTP 400 (and other 4xx): the request was refused; see the field errors.
    SPOTDRAFT_VALIDATION = 8,
    /// HTTP 429 after the retries allowed.
    SPOTDRAFT_RATE_LIMITED = 9,
    /// HTTP 5xx after the retries allowed.
    SPOTDRAFT_SERVER = 10,
    /// HTTP 501: the feature is not enabled for the workspace.
    SPOTDRAFT_NOT_ENABLED = 11,
    /// A redirect was refused (the secret never follows one).
    SPOTDRAFT_REDIRECT = 12,
    /// A timeout (connect, attempt or whole call) passed.
    SPOTDRAFT_TIMEOUT = 13,
    /// No connection could be made, or it broke.
    SPOTDRAFT_CONNECTION = 14,
    /// The answer could not be read as expected.
    SPOTDRAFT_DECODE = 15,
    /// A local file could not be written.
    SPOTDRAFT_FILE = 16,
    /// The credential store could not be read or written.
    SPOTDRAFT_STORE = 17,
    /// The call was cancelled (for example by a progress callback).
    SPOTDRAFT_CANCELLED = 18,
    /// A bug in libspotdraft; the error message says where.
    SPOTDRAFT_INTERNAL = 19,
}

impl spotdraft_status {
    /// The status for a core error kind; the numbers are equal by construction (see the
    /// test below).
    pub(crate) fn from_kind(kind: ErrorKind) -> spotdraft_status {
        use spotdraft_status::*;
        match kind {
            ErrorKind::InvalidCredential => SPOTDRAFT_INVALID_CREDENTIAL,
            ErrorKind::InvalidArgument => SPOTDRAFT_INVALID_ARGUMENT,
            ErrorKind::Authentication => SPOTDRAFT_AUTHENTICATION,
            ErrorKind::PermissionDenied => SPOTDRAFT_PERMISSION_DENIED,
            ErrorKind::NotFound => SPOTDRAFT_NOT_FOUND,
            ErrorKind::Conflict => SPOTDRAFT_CONFLICT,
            ErrorKind::BusinessRule => SPOTDRAFT_BUSINESS_RULE,
            ErrorKind::Validation => SPOTDRAFT_VALIDATION,
            ErrorKind::RateLimited => SPOTDRAFT_RATE_LIMITED,
            ErrorKind::Server => SPOTDRAFT_SERVER,
            ErrorKind::NotEnabled => SPOTDRAFT_NOT_ENABLED,
            ErrorKind::Redirect => SPOTDRAFT_REDIRECT,
            ErrorKind::Timeout => SPOTDRAFT_TIMEOUT,
            ErrorKind::Connection => SPOTDRAFT_CONNECTION,
            ErrorKind::Decode => SPOTDRAFT_DECODE,
            ErrorKind::File => SPOTDRAFT_FILE,
            ErrorKind::Store => SPOTDRAFT_STORE,
            ErrorKind::Cancelled => SPOTDRAFT_CANCELLED,
            // A kind added to core after this library was built: still an error.
            _ => SPOTDRAFT_INTERNAL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_equal_core_kind_numbers_and_names() {
        for kind in ErrorKind::ALL {
            let status = spotdraft_status::from_kind(kind);
            assert_eq!(status as u32, kind.as_u32(), "{kind}");
            let name = format!("{status:?}");
            assert_eq!(name, format!("SPOTDRAFT_{}", kind.as_str().to_uppercase()));
        }
        assert_eq!(spotdraft_status::SPOTDRAFT_INTERNAL as u32, ErrorKind::ALL.len() as u32 + 1);
    }
}
