//! Error kind -> process exit code, and how an error is shown. Documented in README.md and `--help`.

use std::io::Write;

use spotdraft::{Error, ErrorKind};

pub const OK: u8 = 0;
pub const OTHER: u8 = 1;
pub const USAGE: u8 = 2;
pub const CREDENTIAL: u8 = 3;
pub const NOT_FOUND: u8 = 4;
pub const REMOTE: u8 = 5;
pub const NETWORK: u8 = 6;
pub const STORE: u8 = 7;

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
/// public way to attach a hint, so CLI-made errors carry theirs here).
#[derive(Debug)]
pub struct Failure {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Failure {
        Failure { kind, message: message.into(), hint: None }
    }
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// Bad input: exit code 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(ErrorKind::InvalidArgument, message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
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
        Failure { kind: error.kind(), message: error.message().to_string(), hint: error.hint().map(str::to_string) }
    }
}

/// Prints `error: ...`, `hint: ...` (when there is one) and `(kind: ...)` to stderr; returns the exit code.
pub fn report(failure: &Failure) -> u8 {
    let mut text = format!("error: {}\n", failure.message);
    if let Some(hint) = &failure.hint {
        text.push_str(&format!("hint: {hint}\n"));
    }
    text.push_str(&format!("(kind: {})\n", failure.kind));
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    code_for(failure.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_documented_code() {
        for kind in ErrorKind::ALL {
            let code = code_for(kind);
            assert!((1..=7).contains(&code), "{kind}");
            assert!(crate::cli::EXIT_CODES_HELP.contains(&code.to_string()));
        }
        assert_eq!(code_for(ErrorKind::Authentication), 3);
        assert_eq!(code_for(ErrorKind::Redirect), 5);
        assert_eq!(code_for(ErrorKind::Decode), 1);
    }
}
