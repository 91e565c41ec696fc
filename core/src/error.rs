//! One error type for every failure, with a stable `kind` that every binding uses verbatim.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// The stable error kinds.
///
/// Both spellings are frozen: the text of [`as_str`](Self::as_str) (Python exception
/// classes, Node's `err.code`) and the number of [`as_u32`](Self::as_u32) (C status codes,
/// where `0` means success). New kinds may be added with new numbers; existing ones never
/// change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u32)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A credential field is missing or malformed (checked before anything is sent).
    InvalidCredential = 1,
    /// An argument, path, setting or option is not acceptable (nothing was sent).
    InvalidArgument = 2,
    /// HTTP 401: SpotDraft did not accept the client-id/client-secret pair.
    Authentication = 3,
    /// HTTP 403: the pair was accepted but the acting user may not do this.
    PermissionDenied = 4,
    /// HTTP 404 or 410.
    NotFound = 5,
    /// HTTP 409.
    Conflict = 6,
    /// HTTP 402: the object's workflow state does not allow the operation.
    BusinessRule = 7,
    /// HTTP 400 and other 4xx: the request was refused as invalid.
    Validation = 8,
    /// HTTP 429 after the allowed retries.
    RateLimited = 9,
    /// HTTP 5xx (except 501) after the allowed retries.
    Server = 10,
    /// HTTP 501: the feature is not enabled for the workspace.
    NotEnabled = 11,
    /// A 3xx answer, never followed.
    Redirect = 12,
    /// A timeout (connect, attempt, total, stalled download) or HTTP 408.
    Timeout = 13,
    /// The connection failed or broke.
    Connection = 14,
    /// An answer did not have the expected shape, or was larger than allowed.
    Decode = 15,
    /// A local file (a download's target) could not be created, written or replaced.
    File = 16,
    /// The credential store could not be read or written.
    Store = 17,
    /// The call was cancelled by its caller.
    Cancelled = 18,
}

impl ErrorKind {
    /// Every kind, in numeric order.
    pub const ALL: [ErrorKind; 18] = [
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
        ErrorKind::File,
        ErrorKind::Store,
        ErrorKind::Cancelled,
    ];

    /// The stable text, e.g. `"rate_limited"`.
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
            ErrorKind::File => "file",
            ErrorKind::Store => "store",
            ErrorKind::Cancelled => "cancelled",
        }
    }

    /// The stable number (C status code), from 1.
    pub fn as_u32(self) -> u32 {
        self as u32
    }

    /// The kind with this stable number.
    pub fn from_u32(number: u32) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.as_u32() == number)
    }

    /// The kind with this stable text.
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

/// The cause kept behind an error; shared so that `Error` stays cheap to clone.
type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// A SpotDraft client error. Its text, and the text of its whole `source()` chain, never
/// contains the client secret: the client scrubs every error before it leaves the crate.
#[derive(Clone)]
pub struct Error(Box<Inner>);

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    spotdraft_code: Option<String>,
    server_message: Option<String>,
    detail: Option<String>,
    field_errors: BTreeMap<String, Vec<String>>,
    location: Option<String>,
    hint: Option<String>,
    request_id: Option<String>,
    attempts: u32,
    retryable: bool,
    was_sent: bool,
    source: Option<Cause>,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.0;
        let mut d = f.debug_struct("Error");
        d.field("kind", &inner.kind).field("message", &inner.message);
        if let Some(status) = inner.status {
            d.field("status", &status);
        }
        if let Some(code) = &inner.spotdraft_code {
            d.field("spotdraft_code", code);
        }
        if let Some(hint) = &inner.hint {
            d.field("hint", hint);
        }
        d.field("attempts", &inner.attempts).field("retryable", &inner.retryable).field("was_sent", &inner.was_sent);
        if let Some(source) = &inner.source {
            d.field("source", &source.to_string());
        }
        d.finish_non_exhaustive()
    }
}

impl Error {
    /// An error of `kind` with a message. Bindings and tools use this for their own
    /// failures so that every error has the same shape.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
            status: None,
            spotdraft_code: None,
            server_message: None,
            detail: None,
            field_errors: BTreeMap::new(),
            location: None,
            hint: None,
            request_id: None,
            attempts: 0,
            retryable: false,
            was_sent: false,
            source: None,
        }))
    }

    pub(crate) fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn invalid_credential(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidCredential, message)
    }

    pub(crate) fn decode(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Decode, message)
    }

    /// A local file failure; `what` says which file and what was being done.
    pub(crate) fn file(what: impl Into<String>, cause: std::io::Error) -> Error {
        Error::new(ErrorKind::File, format!("{}: {cause}", what.into())).with_source(cause)
    }

    /// The stable kind.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// The kind's stable text, e.g. `"rate_limited"` (Node's `err.code`).
    pub fn kind_str(&self) -> &'static str {
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
    pub fn spotdraft_code(&self) -> Option<&str> {
        self.0.spotdraft_code.as_deref()
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
    /// The server's request id (`x-request-id` and similar), for a support ticket.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
    /// How many attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
    /// Whether the same request could succeed if sent again later unchanged.
    pub fn is_retryable(&self) -> bool {
        self.0.retryable
    }
    /// Whether the request may have reached the server. `false` means it provably did not
    /// (refused before sending, or no connection was ever made), so repeating it is safe
    /// even when it changes something.
    pub fn was_sent(&self) -> bool {
        self.0.was_sent
    }

    pub(crate) fn with_status(mut self, status: u16) -> Error {
        self.0.status = Some(status);
        self.0.was_sent = true;
        self
    }
    /// Adds what to check or do next.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.0.hint = Some(hint.into());
        self
    }
    /// Drops the hint (a caller that words its own advice).
    pub fn without_hint(mut self) -> Error {
        self.0.hint = None;
        self
    }
    /// Keeps `cause` as this error's `source()`.
    pub fn with_source(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.0.source = Some(Arc::new(cause));
        self
    }
    pub(crate) fn with_location(mut self, location: impl Into<String>) -> Error {
        self.0.location = Some(location.into());
        self
    }
    pub(crate) fn with_request_id(mut self, request_id: Option<String>) -> Error {
        self.0.request_id = request_id;
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
    pub(crate) fn with_was_sent(mut self, was_sent: bool) -> Error {
        self.0.was_sent = was_sent;
        self
    }
    pub(crate) fn with_body_fields(mut self, body: ServerErrorBody) -> Error {
        self.0.spotdraft_code = body.code;
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

    /// Replaces every occurrence of `secret` in every text this error carries, its cause
    /// chain included.
    pub(crate) fn scrub(mut self, secret: &str) -> Error {
        if secret.is_empty() {
            return self;
        }
        let clean = |s: &mut String| {
            if s.contains(secret) {
                *s = s.replace(secret, REDACTED);
            }
        };
        let inner = &mut *self.0;
        clean(&mut inner.message);
        for text in [
            &mut inner.spotdraft_code,
            &mut inner.server_message,
            &mut inner.detail,
            &mut inner.location,
            &mut inner.hint,
            &mut inner.request_id,
        ]
        .into_iter()
        .flatten()
        {
            clean(text);
        }
        if inner.field_errors.iter().any(|(k, v)| k.contains(secret) || v.iter().any(|m| m.contains(secret))) {
            let fields = std::mem::take(&mut inner.field_errors);
            inner.field_errors = fields
                .into_iter()
                .map(|(mut k, v)| {
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
        }
        if let Some(source) = &inner.source {
            if chain_mentions(source.as_ref(), secret) {
                inner.source = Some(Arc::new(ScrubbedCause::from_chain(source.as_ref(), secret)));
            }
        }
        self
    }
}

/// What a scrubbed secret is replaced with.
pub(crate) const REDACTED: &str = "[REDACTED]";

fn chain_mentions(error: &(dyn std::error::Error + 'static), secret: &str) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if e.to_string().contains(secret) {
            return true;
        }
        current = e.source();
    }
    false
}

/// A cause chain whose text mentioned the secret, kept as scrubbed text only.
#[derive(Debug)]
struct ScrubbedCause {
    text: String,
    source: Option<Box<ScrubbedCause>>,
}

impl ScrubbedCause {
    fn from_chain(error: &(dyn std::error::Error + 'static), secret: &str) -> ScrubbedCause {
        ScrubbedCause {
            text: error.to_string().replace(secret, REDACTED),
            source: error.source().map(|s| Box::new(ScrubbedCause::from_chain(s, secret))),
        }
    }
}

impl fmt::Display for ScrubbedCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for ScrubbedCause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
    }
}

/// `Result` with this crate's [`Error`].
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
