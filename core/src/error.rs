//! One error type for every failure, with a stable `kind` that every binding uses verbatim.

use std::collections::BTreeMap;
use std::fmt;

/// The stable error kinds. Their `as_str()` spelling is part of the public contract of
/// every binding (Python exception classes, Node `.code`, C status codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    InvalidCredential,
    InvalidArgument,
    Authentication,
    PermissionDenied,
    NotFound,
    Conflict,
    BusinessRule,
    Validation,
    RateLimited,
    Server,
    NotEnabled,
    Redirect,
    Timeout,
    Connection,
    Decode,
    Store,
    Cancelled,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 17] = [
        ErrorKind::InvalidCredential,
        ErrorKind::InvalidArgument,
        ErrorKind::Authentication,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::BusinessRule,
        ErrorKind::Validation,
        ErrorKind::RateLimited,
        ErrorKind::Server,
        ErrorKind::NotEnabled,
        ErrorKind::Redirect,
        ErrorKind::Timeout,
        ErrorKind::Connection,
        ErrorKind::Decode,
        ErrorKind::Store,
        ErrorKind::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidCredential => "invalid_credential",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Authentication => "authentication",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::BusinessRule => "business_rule",
            ErrorKind::Validation => "validation",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::NotEnabled => "not_enabled",
            ErrorKind::Redirect => "redirect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Connection => "connection",
            ErrorKind::Decode => "decode",
            ErrorKind::Store => "store",
            ErrorKind::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The kind an HTTP error status maps to.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            300..=399 => ErrorKind::Redirect,
            401 => ErrorKind::Authentication,
            402 => ErrorKind::BusinessRule,
            403 => ErrorKind::PermissionDenied,
            404 | 410 => ErrorKind::NotFound,
            408 => ErrorKind::Timeout,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            501 => ErrorKind::NotEnabled,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Validation,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A SpotDraft client error. Its text never contains a client secret: every message built
/// from server or user data is scrubbed by the client before it is stored here.
#[derive(Clone, Debug)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug)]
struct Inner {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    code: Option<String>,
    server_message: Option<String>,
    detail: Option<String>,
    field_errors: BTreeMap<String, Vec<String>>,
    location: Option<String>,
    hint: Option<String>,
    attempts: u32,
    retryable: bool,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
            status: None,
            code: None,
            server_message: None,
            detail: None,
            field_errors: BTreeMap::new(),
            location: None,
            hint: None,
            attempts: 0,
            retryable: false,
        }))
    }

    pub(crate) fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn invalid_credential(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidCredential, message)
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// The stable kind code, e.g. `"rate_limited"`.
    pub fn code_str(&self) -> &'static str {
        self.0.kind.as_str()
    }
    /// The human-readable message, without the hint (`Display` shows both).
    pub fn message(&self) -> &str {
        &self.0.message
    }
    /// The HTTP status the server answered, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        self.0.status
    }
    /// SpotDraft's own error code (`SD_...`) when the body had one.
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    /// SpotDraft's `message` field when the body had one.
    pub fn server_message(&self) -> Option<&str> {
        self.0.server_message.as_deref()
    }
    /// SpotDraft's `detail` field when the body had one.
    pub fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }
    /// Field-keyed validation errors (`{"field": ["problem", ...]}`) from a 400 body.
    pub fn field_errors(&self) -> &BTreeMap<String, Vec<String>> {
        &self.0.field_errors
    }
    /// The `Location` of a refused redirect.
    pub fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// What to check or do next, when we can tell.
    pub fn hint(&self) -> Option<&str> {
        self.0.hint.as_deref()
    }
    /// How many attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
    /// Whether the same request could succeed if sent again later unchanged.
    pub fn is_retryable(&self) -> bool {
        self.0.retryable
    }

    pub(crate) fn with_status(mut self, status: u16) -> Error {
        self.0.status = Some(status);
        self
    }
    /// Adds what to check or do next.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.0.hint = Some(hint.into());
        self
    }
    pub(crate) fn with_location(mut self, location: impl Into<String>) -> Error {
        self.0.location = Some(location.into());
        self
    }
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.0.attempts = attempts;
        self
    }
    pub(crate) fn with_retryable(mut self, retryable: bool) -> Error {
        self.0.retryable = retryable;
        self
    }
    pub(crate) fn with_body_fields(mut self, body: ServerErrorBody) -> Error {
        self.0.code = body.code;
        self.0.server_message = body.message;
        self.0.detail = body.detail;
        self.0.field_errors = body.field_errors;
        self
    }
    /// Puts context in front of the message, e.g. `"credential prod was not saved"`.
    pub fn prefix_message(mut self, prefix: &str) -> Error {
        self.0.message = format!("{prefix}: {}", self.0.message);
        self
    }

    /// Replaces every occurrence of `secret` in every text this error carries.
    pub(crate) fn scrub(mut self, secret: &str) -> Error {
        if secret.is_empty() {
            return self;
        }
        let clean = |s: &mut String| {
            if s.contains(secret) {
                *s = s.replace(secret, "[REDACTED]");
            }
        };
        clean(&mut self.0.message);
        for text in
            [&mut self.0.code, &mut self.0.server_message, &mut self.0.detail, &mut self.0.location, &mut self.0.hint]
                .into_iter()
                .flatten()
        {
            clean(text);
        }
        let fields = std::mem::take(&mut self.0.field_errors);
        self.0.field_errors = fields
            .into_iter()
            .map(|(k, v)| {
                let mut k = k;
                clean(&mut k);
                (
                    k,
                    v.into_iter()
                        .map(|mut m| {
                            clean(&mut m);
                            m
                        })
                        .collect(),
                )
            })
            .collect();
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if let Some(hint) = &self.0.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The parts of a SpotDraft error body we understand. Bodies come as `{"detail": ...}`,
/// `{"detail", "status_code", "code", "message"}`, or a map of field -> messages.
#[derive(Debug, Default)]
pub(crate) struct ServerErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub detail: Option<String>,
    pub field_errors: BTreeMap<String, Vec<String>>,
}

impl ServerErrorBody {
    pub fn parse(body: &[u8]) -> ServerErrorBody {
        let mut out = ServerErrorBody::default();
        let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) else {
            let text = String::from_utf8_lossy(body);
            let text = text.trim();
            if !text.is_empty() && !text.starts_with('<') {
                out.detail = Some(truncate(text, 300));
            }
            return out;
        };
        for (key, value) in map {
            match (key.as_str(), value) {
                ("code", serde_json::Value::String(s)) => out.code = Some(truncate(&s, 100)),
                ("message", serde_json::Value::String(s)) => out.message = Some(truncate(&s, 500)),
                ("detail", serde_json::Value::String(s)) => out.detail = Some(truncate(&s, 500)),
                ("status_code", _) => {}
                (_, serde_json::Value::Array(items)) => {
                    let messages = items.iter().map(value_text).collect();
                    out.field_errors.insert(key, messages);
                }
                (_, serde_json::Value::String(s)) => {
                    out.field_errors.insert(key, vec![truncate(&s, 300)]);
                }
                (_, other) => {
                    out.field_errors.insert(key, vec![value_text(&other)]);
                }
            }
        }
        out
    }

    /// The most useful one-line summary of what the server said.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(code) = &self.code {
            parts.push(code.clone());
        }
        match (&self.message, &self.detail) {
            (Some(m), Some(d)) if m != d => parts.push(format!("{m}: {d}")),
            (Some(m), _) => parts.push(m.clone()),
            (None, Some(d)) => parts.push(d.clone()),
            (None, None) => {}
        }
        if !self.field_errors.is_empty() {
            let fields: Vec<String> = self.field_errors.iter().map(|(k, v)| format!("{k}: {}", v.join(" "))).collect();
            parts.push(fields.join("; "));
        }
        if parts.is_empty() {
            None
        } else {
            Some(parts.join(" "))
        }
    }
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => truncate(s, 300),
        other => truncate(&other.to_string(), 300),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}
