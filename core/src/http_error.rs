//! Turns failed attempts into errors that say what happened and what to check.

use crate::error::{Error, ErrorKind, ServerErrorBody};
use crate::method::Method;
use crate::region::Endpoint;

/// The context an error message needs: which call, where, as whom.
pub(crate) struct CallContext<'a> {
    pub method: Method,
    pub idempotent: bool,
    pub path: &'a str,
    pub endpoint: &'a Endpoint,
    pub user_email: Option<&'a str>,
}

impl CallContext<'_> {
    pub fn call(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    pub fn status_error(&self, status: u16, body: &[u8]) -> Error {
        let parsed = ServerErrorBody::parse(body);
        let kind = ErrorKind::from_status(status);
        let mut message = format!("{} failed with HTTP {status}", self.call());
        if let Some(said) = parsed.summary() {
            message.push_str(": ");
            message.push_str(&said);
        }
        let hint = match kind {
            ErrorKind::Authentication => Some(self.authentication_hint()),
            ErrorKind::PermissionDenied => Some(match self.user_email {
                Some(email) => format!(
                    "the request acted as user-email {email}: that user must be an active member of this workspace and allowed to do this; try without user-email to act as the credential's own user"
                ),
                None => "the credential's user is not allowed to do this; ask a workspace admin for the permission".to_string(),
            }),
            ErrorKind::NotFound => Some("the path or id does not exist, or is not visible to this user".to_string()),
            ErrorKind::RateLimited => Some(
                "SpotDraft allows 10 requests per second per workspace; every client of the same workspace counts".to_string(),
            ),
            ErrorKind::BusinessRule => Some("the object's workflow state does not allow this operation now".to_string()),
            ErrorKind::NotEnabled => {
                Some("the feature is not enabled for this workspace, or not available at this endpoint".to_string())
            }
            ErrorKind::Conflict => Some("the object already exists or was changed by someone else".to_string()),
            _ => None,
        };
        let error = Error::new(kind, message).with_status(status).with_body_fields(parsed);
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    fn authentication_hint(&self) -> String {
        let mut hint = format!(
            "SpotDraft did not accept the client-id/client-secret headers at {}: check both values (the secret is shown only once when the credential is created, and stops working when revoked)",
            self.endpoint
        );
        if let Some(region) = self.endpoint.region() {
            hint.push_str(&format!(
                "; credentials belong to one region's workspace: if yours is not in {region}, pick its region (us, eu, in, me)"
            ));
        }
        hint
    }

    pub fn redirect_error(&self, status: u16, location: Option<&str>) -> Error {
        let location = location.unwrap_or("(no Location header)");
        let message = format!(
            "{} was answered with a redirect (HTTP {status}) to {location}; redirects are never followed, so the credential is not sent anywhere else",
            self.call()
        );
        let path_only = location.split('?').next().unwrap_or(location);
        let same_path_but_slash =
            path_only.trim_end_matches('/').ends_with(self.path.trim_end_matches('/')) && path_only != self.path;
        let hint = if same_path_but_slash {
            format!("the trailing slash does not match the API's path: use {path_only}")
        } else if location.starts_with("https://") && self.endpoint.base_url().starts_with("http://") {
            "the server wants https: use an https:// base URL".to_string()
        } else {
            format!("check the base URL ({}) and the path", self.endpoint.base_url())
        };
        Error::new(ErrorKind::Redirect, message).with_status(status).with_location(location).with_hint(hint)
    }

    pub fn not_sent_error(&self, cause: &str) -> Error {
        Error::new(
            ErrorKind::Connection,
            format!("could not connect to {} for {}: {cause}", self.endpoint, self.call()),
        )
        .with_hint("check the network, proxy settings and the region or base URL")
    }

    pub fn broken_error(&self, cause: &str) -> Error {
        let error = Error::new(
            ErrorKind::Connection,
            format!("the connection to {} broke during {}: {cause}", self.endpoint, self.call()),
        );
        self.unsafe_to_repeat_hint(error)
    }

    /// An attempt got no complete answer within the per-attempt timeout.
    pub fn attempt_timeout_error(&self, attempt_timeout: std::time::Duration) -> Error {
        let error = Error::new(
            ErrorKind::Timeout,
            format!("{} got no complete answer within the attempt timeout of {}", self.call(), human(attempt_timeout)),
        );
        self.unsafe_to_repeat_hint(error)
    }

    /// The call's total timeout ran out; `doing` says what the call was doing then.
    pub fn deadline_error(&self, total: std::time::Duration, spent: std::time::Duration, doing: &str) -> Error {
        let error = Error::new(
            ErrorKind::Timeout,
            format!("{} reached its total timeout of {} {doing} ({} spent)", self.call(), human(total), human(spent)),
        );
        self.unsafe_to_repeat_hint(error)
    }

    /// A successful answer whose body is larger than the client buffers.
    pub fn too_large_error(&self, status: u16, size: u64, cap: u64) -> Error {
        Error::new(
            ErrorKind::Decode,
            format!(
                "{} answered (HTTP {status}) with a body of at least {} bytes, more than the {} bytes the client buffers",
                self.call(),
                size,
                cap
            ),
        )
        .with_status(status)
        .with_hint("raise the client's max body size, or stream the answer as a download")
    }

    /// A successful answer that declares JSON but does not parse. The parser's own words
    /// say where it failed; the body itself is not quoted (it may be large, or sensitive).
    pub fn malformed_json_error(&self, status: u16, content_type: &str, cause: &serde_json::Error) -> Error {
        Error::new(
            ErrorKind::Decode,
            format!(
                "{} answered (HTTP {status}, Content-Type {content_type}) with a body that is not valid JSON: {cause}",
                self.call()
            ),
        )
        .with_status(status)
        .with_hint("not retried: the server sent a broken answer; repeating the request would likely get the same")
    }

    pub fn transport_timeout_error(&self, cause: &str) -> Error {
        let error = Error::new(ErrorKind::Timeout, format!("{} timed out: {cause}", self.call()));
        self.unsafe_to_repeat_hint(error)
    }

    fn unsafe_to_repeat_hint(&self, error: Error) -> Error {
        if self.idempotent {
            error
        } else {
            error.with_hint(format!(
                "not retried: the {} may already have taken effect; check before sending it again",
                self.method
            ))
        }
    }
}

/// A duration in the unit a person reads best: `350 ms`, `12.3 s`, `4.5 min`, `27.8 h`.
pub fn human(duration: std::time::Duration) -> String {
    let seconds = duration.as_secs_f64();
    if duration.as_millis() < 1000 {
        format!("{} ms", duration.as_millis())
    } else if seconds < 120.0 {
        format!("{seconds:.1} s")
    } else if seconds < 7200.0 {
        format!("{:.1} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}

/// The innermost useful text of an error chain, without the request URL that
/// reqwest puts at the top.
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = Vec::new();
    let mut current = error.source();
    while let Some(err) = current {
        let text = err.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        current = err.source();
    }
    if parts.is_empty() {
        parts.push(error.to_string());
    }
    parts.join(": ")
}
