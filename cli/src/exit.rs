//! Error kind -> process exit code, and how an error is shown. Documented in README.md and `--help`.
//!
//! Codes 4, 5 and 6 are about the server or the way to it; a problem on this machine (bad input, the credential
//! store, no credential to use) never shares a code with them, so a script can tell "the contract does not exist"
//! from "the profile does not exist".

use std::io::Write;

use spotdraft::{Error, ErrorKind};

use crate::output::sanitize;

pub const OK: u8 = 0;
pub const OTHER: u8 = 1;
pub const USAGE: u8 = 2;
pub const CREDENTIAL: u8 = 3;
pub const NOT_FOUND: u8 = 4;
pub const REMOTE: u8 = 5;
pub const NETWORK: u8 = 6;
pub const STORE: u8 = 7;
pub const NO_CREDENTIAL: u8 = 8;

/// Every code the CLI can exit with (clap's usage errors exit with [`USAGE`] too).
#[cfg(test)]
const ALL: [u8; 9] = [OK, OTHER, USAGE, CREDENTIAL, NOT_FOUND, REMOTE, NETWORK, STORE, NO_CREDENTIAL];

/// The code of a core error kind when nothing more is known about where it came from.
pub fn code_for(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidArgument | ErrorKind::File => USAGE,
        ErrorKind::InvalidCredential | ErrorKind::Authentication | ErrorKind::PermissionDenied => CREDENTIAL,
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Server
        | ErrorKind::NotEnabled
        | ErrorKind::RateLimited
        | ErrorKind::BusinessRule
        | ErrorKind::Conflict
        | ErrorKind::Validation
        | ErrorKind::Redirect => REMOTE,
        ErrorKind::Connection | ErrorKind::Timeout => NETWORK,
        ErrorKind::Store => STORE,
        _ => OTHER,
    }
}

/// What the CLI reports when a command fails: a core error, or one the CLI made itself (core's `Error` has no
/// public way to attach a hint, so CLI-made errors carry theirs here). The exit code starts as the kind's and is
/// changed where the CLI knows better (a `conflict` or `not_found` from the local store is not the server's).
#[derive(Debug)]
pub struct Failure {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    code: u8,
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Failure {
        Failure { kind, message: message.into(), hint: None, code: code_for(kind) }
    }
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn code(&self) -> u8 {
        self.code
    }
    pub fn has_hint(&self) -> bool {
        self.hint.is_some()
    }
    /// Bad input: exit code 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(ErrorKind::InvalidArgument, message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }
    /// The same failure, exiting with `code` (one of the documented ones) instead of its kind's.
    pub fn exit_code(mut self, code: u8) -> Failure {
        self.code = code;
        self
    }
    /// The same failure with some context in front of the message.
    pub fn context(mut self, prefix: &str) -> Failure {
        self.message = format!("{prefix}: {}", self.message);
        self
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        let mut failure = Failure::new(error.kind(), error.message());
        failure.hint = error.hint().map(str::to_string);
        failure
    }
}

/// A core error from an operation on the local credential store: a name that is taken is a usage problem (pass
/// --force or pick another name), a name that is not saved means there is no credential to use. Neither is the
/// server's `conflict` (5) or `not_found` (4).
pub fn from_store(error: Error) -> Failure {
    let failure = Failure::from(error);
    match failure.kind {
        ErrorKind::Conflict => failure.exit_code(USAGE),
        ErrorKind::NotFound => failure.exit_code(NO_CREDENTIAL),
        _ => failure,
    }
}

/// Prints `error: ...`, `hint: ...` (when there is one) and `(kind: ...)` to stderr; returns the exit code. The
/// message and hint carry server and file text, so they are sanitised: one line each, nothing a terminal obeys.
pub fn report(failure: &Failure) -> u8 {
    let mut text = format!("error: {}\n", sanitize(&failure.message));
    if let Some(hint) = &failure.hint {
        text.push_str(&format!("hint: {}\n", sanitize(hint)));
    }
    text.push_str(&format!("(kind: {})\n", failure.kind));
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    failure.code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented() {
        for code in ALL {
            let line = format!("\n  {code}  ");
            assert!(crate::cli::EXIT_CODES_HELP.contains(&line), "exit code {code} is not in --help");
        }
        for kind in ErrorKind::ALL {
            assert!(ALL.contains(&code_for(kind)), "{kind}");
            assert!(crate::cli::EXIT_CODES_HELP.contains(kind.as_str()), "kind {kind} is not in --help");
        }
        assert_eq!(code_for(ErrorKind::Authentication), 3);
        assert_eq!(code_for(ErrorKind::Redirect), 5);
        assert_eq!(code_for(ErrorKind::Decode), 1);
    }

    #[test]
    fn store_conflicts_and_missing_names_are_local() {
        let conflict = from_store(Error::new(ErrorKind::Conflict, "a profile named \"x\" already exists"));
        assert_eq!((conflict.code, conflict.kind), (USAGE, ErrorKind::Conflict));
        assert_eq!(from_store(Error::new(ErrorKind::NotFound, "no saved profile")).code, NO_CREDENTIAL);
        assert_eq!(from_store(Error::new(ErrorKind::Store, "unreadable")).code, STORE);
        assert_eq!(Failure::from(Error::new(ErrorKind::Conflict, "409")).code, REMOTE);
    }
}
