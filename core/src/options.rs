//! The settings every face (CLI, Python, Node, C) collects from its user, turned into a
//! client the same way everywhere: which credential, which endpoint, which limits.

use std::time::Duration;

use crate::client::ClientBuilder;
use crate::config::{RetryPolicy, Timeouts, MAX_DURATION};
use crate::credential::Credential;
use crate::error::{Error, Result};
use crate::rate_limit::RateLimitUrl;
use crate::region::{BaseUrl, Endpoint, Region};
use crate::store::{self, CredentialSource, CredentialStore};

/// Client settings as a user of any binding gives them; unset fields keep core's
/// defaults. [`ClientOptions::resolve`] turns them into a [`ClientBuilder`].
///
/// Precedence, the same as the CLI's: an explicit `credential`, else `profile`, else the
/// environment and the saved profiles (see [`store::resolve`]). An explicit `region` or
/// `base_url` wins over the endpoint that came with a resolved credential.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// The credential to use; `None` resolves one.
    pub credential: Option<Credential>,
    /// The saved profile to use when `credential` is `None`.
    pub profile: Option<String>,
    /// A region name (`us`, `eu`, `in`, `me`).
    pub region: Option<String>,
    /// A custom base URL (`https://...`, or `http://` on loopback only).
    pub base_url: Option<String>,
    /// The whole call, retries and waits included. One attempt may then take as long, so a
    /// long single answer is not cut at the shorter default attempt timeout.
    pub timeout: Option<Duration>,
    /// Establishing a connection.
    pub connect_timeout: Option<Duration>,
    /// One attempt: sending the request and reading the whole answer.
    pub attempt_timeout: Option<Duration>,
    /// Attempts per call, the first included (1 turns retries off).
    pub max_attempts: Option<u32>,
    /// Backoff ceiling of the first retry (it doubles up to `max_retry_backoff`).
    pub retry_backoff: Option<Duration>,
    /// Largest backoff ceiling.
    pub max_retry_backoff: Option<Duration>,
    /// The longest `Retry-After` that is waited for.
    pub max_retry_after: Option<Duration>,
    /// Requests per second allowed by the client-side limiter; `Some(0)` turns it off,
    /// `None` keeps the default of 10.
    pub rate_limit: Option<u32>,
    /// A Redis URL (`redis://`, `rediss://`) through which every process using the
    /// workspace shares one rate limit. `None` takes `SPOTDRAFT_RATE_LIMIT_URL`, else the
    /// one saved in the resolved profile, else none (a per-process limit).
    pub rate_limit_url: Option<RateLimitUrl>,
    /// `Some(true)`: fail calls with a `connection` error when the shared limiter is
    /// unavailable instead of falling back to the local limit.
    pub rate_limit_strict: Option<bool>,
    /// Appended to the user agent, e.g. `spotdraft-python/0.1.0`.
    pub user_agent_suffix: Option<String>,
    /// The largest answer body buffered in memory.
    pub max_body_size: Option<u64>,
}

/// A builder ready to build, and where its credential came from.
#[derive(Debug)]
pub struct ResolvedOptions {
    /// The configured builder.
    pub builder: ClientBuilder,
    /// Where the credential came from.
    pub source: CredentialSource,
}

impl ClientOptions {
    /// Resolves against the process environment and the default credential store.
    ///
    /// # Errors
    /// As [`ClientOptions::resolve_with`].
    pub fn resolve(self) -> Result<ResolvedOptions> {
        let env = |name: &str| std::env::var(name).ok();
        if self.credential.is_some() {
            // No store is read when the caller brought its own credential.
            return self.apply(None, &env);
        }
        let store = CredentialStore::open_default()?;
        self.apply(Some(&store), &env)
    }

    /// Resolves against `env` and `store`.
    ///
    /// # Errors
    /// `invalid_argument` when both `region` and `base_url` are given, or one is malformed,
    /// or `SPOTDRAFT_RATE_LIMIT_URL` holds a bad URL,
    /// or when both a credential and a profile are given;
    /// the errors of [`store::resolve`] when no credential was given. Out-of-range timeouts
    /// and limits are reported by [`ClientBuilder::build`].
    pub fn resolve_with(
        self,
        env: &dyn Fn(&str) -> Option<String>,
        store: &CredentialStore,
    ) -> Result<ResolvedOptions> {
        self.apply(Some(store), env)
    }

    fn apply(self, store: Option<&CredentialStore>, env: &dyn Fn(&str) -> Option<String>) -> Result<ResolvedOptions> {
        if self.credential.is_some() && self.profile.is_some() {
            return Err(Error::invalid_argument("give a credential or a profile, not both"));
        }
        let explicit_endpoint = match (&self.region, &self.base_url) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid_argument("give a region or a base URL, not both"));
            }
            (Some(region), None) => Some(Endpoint::Region(region.parse::<Region>()?)),
            (None, Some(url)) => Some(Endpoint::Custom(BaseUrl::parse(url)?)),
            (None, None) => None,
        };
        let (credential, endpoint, source, saved_rate_limit_url) = match (self.credential, store) {
            (Some(credential), _) => (credential, None, CredentialSource::Explicit, None),
            (None, Some(store)) => {
                let resolved = store::resolve(self.profile.as_deref(), env, store)?;
                (resolved.credential, Some(resolved.endpoint), resolved.source, resolved.rate_limit_url)
            }
            (None, None) => {
                return Err(Error::invalid_credential("no credential was given and there is no store to find one in"));
            }
        };
        let rate_limit_url = store::choose_rate_limit_url(self.rate_limit_url, env, saved_rate_limit_url)?;
        let mut timeouts = Timeouts::default();
        if let Some(total) = self.timeout {
            timeouts.total = total;
            timeouts.attempt = timeouts.attempt.max(total).min(MAX_DURATION);
        }
        if let Some(attempt) = self.attempt_timeout {
            timeouts.attempt = attempt;
        }
        if let Some(connect) = self.connect_timeout {
            timeouts.connect = connect;
        }
        let mut retry = RetryPolicy::default();
        if let Some(attempts) = self.max_attempts {
            retry.max_attempts = attempts;
        }
        if let Some(backoff) = self.retry_backoff {
            retry.initial_backoff = backoff;
        }
        if let Some(backoff) = self.max_retry_backoff {
            retry.max_backoff = backoff;
        }
        if let Some(wait) = self.max_retry_after {
            retry.max_retry_after = wait;
        }
        let mut builder = ClientBuilder::new(credential)
            .endpoint(explicit_endpoint.or(endpoint).unwrap_or_default())
            .timeouts(timeouts)
            .retry_policy(retry);
        match self.rate_limit {
            Some(0) => builder = builder.rate_limit(None),
            Some(per_second) => builder = builder.rate_limit(Some(per_second)),
            None => {}
        }
        builder = builder.shared_rate_limit_url(rate_limit_url);
        if let Some(strict) = self.rate_limit_strict {
            builder = builder.shared_rate_limit_strict(strict);
        }
        if let Some(suffix) = self.user_agent_suffix {
            builder = builder.user_agent_suffix(suffix);
        }
        if let Some(bytes) = self.max_body_size {
            builder = builder.max_body_size(bytes);
        }
        Ok(ResolvedOptions { builder, source })
    }
}

/// A duration from a number of seconds as a user typed it (a Python float, a CLI flag):
/// `what` names the setting in the error.
///
/// # Errors
/// `invalid_argument` when `seconds` is not a finite number, is negative, or is over 24 hours.
pub fn duration_from_secs(what: &str, seconds: f64) -> Result<Duration> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(Error::invalid_argument(format!("{what} must be a finite, non-negative number of seconds")));
    }
    if seconds > MAX_DURATION.as_secs_f64() {
        return Err(Error::invalid_argument(format!("{what} must be at most 24 hours")));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A duration from milliseconds (Node's and C's unit); see [`duration_from_secs`].
///
/// # Errors
/// As [`duration_from_secs`].
pub fn duration_from_millis(what: &str, millis: f64) -> Result<Duration> {
    if !millis.is_finite() || millis < 0.0 {
        return Err(Error::invalid_argument(format!("{what} must be a finite, non-negative number of milliseconds")));
    }
    duration_from_secs(what, millis / 1000.0)
}
