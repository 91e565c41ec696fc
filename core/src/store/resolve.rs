//! Which credential a command uses: a `--profile` argument, else the environment
//! (`SPOTDRAFT_CLIENT_ID` + `SPOTDRAFT_CLIENT_SECRET`), else `SPOTDRAFT_PROFILE`, else the
//! default profile. (A credential the caller builds itself comes before all of these; the
//! bindings handle that case without calling [`resolve`].)

use std::fmt;

use super::CredentialStore;
use crate::credential::Credential;
use crate::error::{Error, ErrorKind, Result};
use crate::region::{BaseUrl, Endpoint, Region};

/// The environment variable holding a client id (used together with [`CLIENT_SECRET_ENV`]).
pub const CLIENT_ID_ENV: &str = "SPOTDRAFT_CLIENT_ID";
/// The environment variable holding a client secret (used together with [`CLIENT_ID_ENV`]).
pub const CLIENT_SECRET_ENV: &str = "SPOTDRAFT_CLIENT_SECRET";
/// The environment variable naming the workspace user an environment credential acts as.
pub const USER_EMAIL_ENV: &str = "SPOTDRAFT_USER_EMAIL";
/// The environment variable holding a custom base URL; it wins over [`REGION_ENV`].
pub const BASE_URL_ENV: &str = "SPOTDRAFT_BASE_URL";
/// The environment variable naming the region (`us`, `eu`, `in`, `me`).
pub const REGION_ENV: &str = "SPOTDRAFT_REGION";
/// The environment variable naming the saved profile to use.
pub const PROFILE_ENV: &str = "SPOTDRAFT_PROFILE";
/// The environment variable holding a shared rate limiter's Redis URL (`redis://` or
/// `rediss://`); it wins over the one saved in a profile.
pub const RATE_LIMIT_URL_ENV: &str = "SPOTDRAFT_RATE_LIMIT_URL";

/// Where a resolved credential came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    /// Built by the caller from explicit arguments.
    Explicit,
    /// `SPOTDRAFT_CLIENT_ID` and `SPOTDRAFT_CLIENT_SECRET`.
    Environment,
    /// A saved profile.
    Profile {
        /// The profile's name.
        name: String,
        /// How the profile was chosen.
        chosen_by: ProfileChoice,
    },
}

/// How a saved profile was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileChoice {
    /// The `--profile` argument (or the binding's `profile=` parameter).
    Argument,
    /// The `SPOTDRAFT_PROFILE` environment variable.
    EnvVar,
    /// The store's default profile.
    Default,
}

impl fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialSource::Explicit => f.write_str("the credential given explicitly"),
            CredentialSource::Environment => {
                write!(f, "the {CLIENT_ID_ENV} and {CLIENT_SECRET_ENV} environment variables")
            }
            CredentialSource::Profile { name, chosen_by: ProfileChoice::Argument } => {
                write!(f, "saved profile {name:?} (from the --profile argument)")
            }
            CredentialSource::Profile { name, chosen_by: ProfileChoice::EnvVar } => {
                write!(f, "saved profile {name:?} (from {PROFILE_ENV})")
            }
            CredentialSource::Profile { name, chosen_by: ProfileChoice::Default } => {
                write!(f, "saved profile {name:?} (the default profile)")
            }
        }
    }
}

/// A credential ready to use, the endpoint to use it against, and where it came from.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The credential to send.
    pub credential: Credential,
    /// The region or base URL to send it to.
    pub endpoint: Endpoint,
    /// Where the credential came from, for messages such as "using ...".
    pub source: CredentialSource,
    /// The shared rate limiter saved with the profile, if any (the environment's
    /// [`RATE_LIMIT_URL_ENV`] is read by [`ClientOptions`](crate::ClientOptions), not here).
    pub rate_limit_url: Option<crate::RateLimitUrl>,
}

/// Finds the credential to use: `explicit_profile` (a `--profile` argument), else
/// `SPOTDRAFT_CLIENT_ID` + `SPOTDRAFT_CLIENT_SECRET` (+ `SPOTDRAFT_USER_EMAIL`, endpoint from
/// `SPOTDRAFT_BASE_URL` or `SPOTDRAFT_REGION`, else `us`), else the profile named by
/// `SPOTDRAFT_PROFILE`, else the store's default profile. `env` reads an environment
/// variable; empty values count as unset.
///
/// # Errors
/// `invalid_argument` when `explicit_profile` is empty or an endpoint variable holds a
/// bad value; `invalid_credential` when only one of the client id and secret variables
/// is set, they hold an invalid credential, or no source gives a credential; `not_found`
/// when the chosen profile is not saved; `store` when the store cannot be read or the
/// chosen profile in it is invalid.
pub fn resolve(
    explicit_profile: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    store: &CredentialStore,
) -> Result<Resolved> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty());

    if let Some(name) = explicit_profile {
        if name.is_empty() {
            return Err(Error::invalid_argument("the profile name given is empty"));
        }
        return from_profile(store, name, ProfileChoice::Argument);
    }

    match (var(CLIENT_ID_ENV), var(CLIENT_SECRET_ENV)) {
        (Some(id), Some(secret)) => {
            let secret = zeroize::Zeroizing::new(secret);
            let credential = Credential::builder(id, secret.as_str())
                .maybe_user_email(var(USER_EMAIL_ENV))
                .build()
                .map_err(|e| e.prefix_message("in the SpotDraft environment variables"))?;
            let endpoint = endpoint_from_env(env)?.unwrap_or_default();
            return Ok(Resolved { credential, endpoint, source: CredentialSource::Environment, rate_limit_url: None });
        }
        (Some(_), None) => return Err(half_set(CLIENT_ID_ENV, CLIENT_SECRET_ENV)),
        (None, Some(_)) => return Err(half_set(CLIENT_SECRET_ENV, CLIENT_ID_ENV)),
        (None, None) => {}
    }

    if let Some(name) = var(PROFILE_ENV) {
        return from_profile(store, &name, ProfileChoice::EnvVar);
    }

    if let Some(name) = store.default_name()? {
        return from_profile(store, &name, ProfileChoice::Default);
    }

    Err(nothing_found(store))
}

/// The endpoint the environment asks for: `SPOTDRAFT_BASE_URL`, else `SPOTDRAFT_REGION`,
/// else `None`. A bad value is an `invalid_argument` error naming the variable.
///
/// # Errors
/// `invalid_argument` naming the variable when it holds a bad base URL or an unknown
/// region.
pub fn endpoint_from_env(env: &dyn Fn(&str) -> Option<String>) -> Result<Option<Endpoint>> {
    if let Some(url) = env(BASE_URL_ENV).filter(|v| !v.is_empty()) {
        return BaseUrl::parse(&url).map(|u| Some(Endpoint::Custom(u))).map_err(|e| e.prefix_message(BASE_URL_ENV));
    }
    if let Some(region) = env(REGION_ENV).filter(|v| !v.is_empty()) {
        return region.parse::<Region>().map(|r| Some(Endpoint::Region(r))).map_err(|e| e.prefix_message(REGION_ENV));
    }
    Ok(None)
}

/// The shared rate limiter a client uses, in every face the same way: the one given
/// explicitly, else the environment's ([`RATE_LIMIT_URL_ENV`]), else the one saved with the
/// resolved profile, else none (a per-process limit).
///
/// # Errors
/// `invalid_argument` naming the variable when the environment holds a bad URL (the message
/// masks the password).
pub fn choose_rate_limit_url(
    explicit: Option<crate::RateLimitUrl>,
    env: &dyn Fn(&str) -> Option<String>,
    saved: Option<crate::RateLimitUrl>,
) -> Result<Option<crate::RateLimitUrl>> {
    if explicit.is_some() {
        return Ok(explicit);
    }
    let from_env = env(RATE_LIMIT_URL_ENV)
        .filter(|v| !v.is_empty())
        .map(|text| crate::RateLimitUrl::parse(&text).map_err(|e| e.prefix_message(RATE_LIMIT_URL_ENV)))
        .transpose()?;
    Ok(from_env.or(saved))
}

fn from_profile(store: &CredentialStore, name: &str, chosen_by: ProfileChoice) -> Result<Resolved> {
    let profile = store.get(name).map_err(|e| {
        if e.kind() != ErrorKind::NotFound {
            return e;
        }
        match chosen_by {
            ProfileChoice::Argument => e,
            ProfileChoice::EnvVar => {
                e.prefix_message(&format!("{PROFILE_ENV} names profile {name:?}, which is not saved"))
            }
            ProfileChoice::Default => {
                e.prefix_message(&format!("the default profile {name:?} is not saved (choose another default profile)"))
            }
        }
    })?;
    Ok(Resolved {
        credential: profile.credential,
        endpoint: profile.endpoint,
        source: CredentialSource::Profile { name: name.to_string(), chosen_by },
        rate_limit_url: profile.rate_limit_url,
    })
}

fn half_set(set: &str, missing: &str) -> Error {
    Error::invalid_credential(format!(
        "{set} is set but {missing} is not; set both to use a credential from the environment, \
         or unset {set} to use a saved profile"
    ))
}

fn nothing_found(store: &CredentialStore) -> Error {
    let saved = match store.list() {
        Ok(list) if list.is_empty() => "no profiles are saved".to_string(),
        Ok(list) => {
            let names: Vec<String> = list.into_iter().map(|p| p.name).collect();
            format!("profiles saved but none is the default: {}", names.join(", "))
        }
        Err(_) => "the store could not be read".to_string(),
    };
    Error::invalid_credential(format!(
        "no SpotDraft credential found. Tried, in order: \
         1. a --profile argument (none given); \
         2. the {CLIENT_ID_ENV} and {CLIENT_SECRET_ENV} environment variables (not set); \
         3. the {PROFILE_ENV} environment variable (not set); \
         4. the default profile in {} ({saved}). \
         To fix: save a credential as a profile (the first one saved becomes the default), \
         or set {CLIENT_ID_ENV} and {CLIENT_SECRET_ENV}",
        store.file_path().display()
    ))
}
