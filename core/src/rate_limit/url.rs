//! The address of a shared rate limiter (`redis://` or `rediss://`). Its password is a
//! secret like the client secret: zeroized on drop, and never shown by `Debug`,
//! `Display`, errors or traces.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

const ENCODE_HINT: &str = "percent-encode a '#', '/', '?' or '@' in the password (%23, %2F, %3F, %40)";

/// A Redis URL naming the store a fleet of processes shares its rate limit through.
/// `Debug` and `Display` show it with the password replaced by `****`.
#[derive(Clone)]
pub struct RateLimitUrl {
    /// The URL as given, password included: only ever handed to the Redis client.
    full: Zeroizing<String>,
    /// The URL with the password masked, for messages.
    shown: String,
    /// Every form of the password that could appear in a message (as written in the URL,
    /// and percent-decoded), for scrubbing.
    secrets: Vec<Zeroizing<String>>,
}

impl RateLimitUrl {
    /// Parses a `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS) URL.
    ///
    /// # Errors
    /// `invalid_argument` naming the problem (another scheme, no host, a bad port or
    /// database number); the message never contains the password.
    pub fn parse(text: &str) -> Result<RateLimitUrl> {
        let text = text.trim();
        let parsed = url::Url::parse(text).map_err(|e| {
            Error::invalid_argument(format!("the rate limit URL is not a valid URL ({e}); expected redis://host:port"))
        })?;
        let mut secrets = Vec::new();
        if let Some(password) = parsed.password() {
            secrets.push(Zeroizing::new(password.to_string()));
            let decoded = percent_decode(password);
            if decoded.as_str() != password {
                secrets.push(decoded);
            }
        }
        match parsed.scheme() {
            "redis" | "rediss" => {}
            other => {
                return Err(Error::invalid_argument(format!(
                    "the rate limit URL has scheme {other:?}; use redis:// or rediss:// (TLS)"
                )))
            }
        }
        // A password with an unencoded '#', '/' or '?' ends the URL's authority early, so the
        // rest of it (password included) lands in the fragment, query or path, and its start
        // may read as a port: refuse those shapes without echoing any part of them.
        if parsed.fragment().is_some() {
            return Err(Error::invalid_argument(format!(
                "the rate limit URL has a '#' fragment, which Redis URLs do not take; {ENCODE_HINT}"
            )));
        }
        if parsed.query().is_some() {
            return Err(Error::invalid_argument(format!(
                "the rate limit URL has a '?' query, which is not supported here; {ENCODE_HINT}"
            )));
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(Error::invalid_argument(format!("the rate limit URL has no host; {ENCODE_HINT}")));
        }
        // Judged on the raw text: the parser resolves dot segments, so "/x/.." would pass as
        // an empty path while the text before it (perhaps a password's start) reads as a port.
        if !is_database_path(raw_path(text)) {
            return Err(Error::invalid_argument(format!(
                "the rate limit URL has a path that is not a database number (like /0); {ENCODE_HINT}"
            )));
        }
        let mut masked = parsed.clone();
        if parsed.password().is_some() {
            // Cannot fail: the URL has a host (checked above).
            let _ = masked.set_password(Some("****"));
        }
        let shown = masked.to_string();
        let url = RateLimitUrl { full: Zeroizing::new(text.to_string()), shown, secrets };
        // The Redis client parses the URL again; what it refuses is refused here, at build time.
        redis::Client::open(url.expose_secret()).map_err(|e| {
            Error::invalid_argument(format!(
                "the rate limit URL {url} is not usable: {}",
                url.scrub_text(&e.to_string())
            ))
        })?;
        Ok(url)
    }

    /// The URL with its password, to hand to the Redis client. Never print it.
    pub fn expose_secret(&self) -> &str {
        &self.full
    }

    /// Whether the connection is TLS (`rediss://`).
    pub fn is_tls(&self) -> bool {
        self.full.starts_with("rediss:")
    }

    /// `text` with every form of the password replaced by `[REDACTED]`.
    pub(crate) fn scrub_text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in &self.secrets {
            if !secret.is_empty() && out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "[REDACTED]");
            }
        }
        out
    }

    /// The error with every form of the password removed from all its text.
    pub(crate) fn scrub(&self, error: Error) -> Error {
        self.secrets.iter().fold(error, |error, secret| error.scrub(secret))
    }
}

/// What follows the authority in `text`: from the first '/', '?' or '#' after "://".
fn raw_path(text: &str) -> &str {
    let after_scheme = text.split_once("://").map_or("", |(_, rest)| rest);
    after_scheme.find(['/', '?', '#']).map_or("", |start| &after_scheme[start..])
}

/// Empty, "/", or "/" and a database number.
fn is_database_path(path: &str) -> bool {
    match path.strip_prefix('/') {
        None => path.is_empty(),
        Some(db) => db.is_empty() || (db.bytes().all(|b| b.is_ascii_digit()) && db.parse::<u16>().is_ok()),
    }
}

fn percent_decode(text: &str) -> Zeroizing<String> {
    let bytes: Vec<u8> = url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default();
    Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned())
}

impl fmt::Debug for RateLimitUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RateLimitUrl({})", self.shown)
    }
}

impl fmt::Display for RateLimitUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl PartialEq for RateLimitUrl {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.full.as_bytes().ct_eq(other.full.as_bytes()).into()
    }
}
impl Eq for RateLimitUrl {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows() {
        let url = RateLimitUrl::parse("redis://fleet:s3cr%2Bet-pw@127.0.0.1:6390/2").unwrap();
        assert_eq!(url.to_string(), "redis://fleet:****@127.0.0.1:6390/2");
        assert!(!format!("{url:?}").contains("s3cr"));
        assert_eq!(url.scrub_text("AUTH s3cr+et-pw failed; s3cr%2Bet-pw"), "AUTH [REDACTED] failed; [REDACTED]");
        assert!(!url.is_tls());
        assert!(RateLimitUrl::parse("rediss://:pw@example.com").unwrap().is_tls());
    }

    #[test]
    fn bad_urls_are_named_without_the_password() {
        let cases = [
            ("http://user:hunter2@localhost:6379", "scheme \"http\""),
            ("redis://:hunter2@/", "empty host"),
            ("redis:no-slashes", "has no host"),
            ("redis://:hunter2@localhost:6379/cache", "database number"),
            // Unencoded '#' or '/' in a password: what follows is not a password to the URL
            // parser, so it must not be echoed either.
            ("redis://#:hunter2@", "fragment"),
            ("redis://:hunt#hunter2@localhost:6379", "not a valid URL"),
            ("redis://user#x:hunter2@localhost", "fragment"),
            ("redis://user/x:hunter2@localhost", "database number"),
            // Digits before an unencoded '?' would read as a port: "123" must not be shown.
            ("redis://user:123?hunter2@localhost", "query"),
            ("redis://user:123/@/%2E%2E", "database number"),
            ("redis://user:123/../hunter2@localhost", "database number"),
            ("not a url", "not a valid URL"),
            ("redis://:hunter2@localhost:99999", "not a valid URL"),
        ];
        for (text, expected) in cases {
            let error = RateLimitUrl::parse(text).unwrap_err();
            assert_eq!(error.kind(), crate::ErrorKind::InvalidArgument);
            assert!(error.message().contains(expected), "{:?} should contain {expected:?}", error.message());
            assert!(!error.message().contains("hunter2"), "{}", error.message());
            assert!(!error.message().contains("123"), "{}", error.message());
        }
    }
}
