//! A saved profile and its secret-free summary, and the conversions to and from the file.

use std::path::Path;

use serde::Serialize;
use zeroize::Zeroizing;

use super::format::StoredProfile;
use super::time::now_rfc3339;
use crate::credential::Credential;
use crate::error::{Error, ErrorKind, Result};
use crate::rate_limit::RateLimitUrl;
use crate::region::{BaseUrl, Endpoint, Region};

const MAX_PROFILE_NAME_LEN: usize = 64;

/// A named, saved credential with the endpoint it is used against. `Debug` shows no secret
/// (the credential's `Debug` redacts it).
#[derive(Clone, Debug)]
pub struct Profile {
    /// The profile's name, as `--profile` and `SPOTDRAFT_PROFILE` give it.
    pub name: String,
    /// What the profile is for, if saved with one.
    pub description: Option<String>,
    /// The saved SpotDraft credential, named after the profile.
    pub credential: Credential,
    /// The region or base URL the credential is used against.
    pub endpoint: Endpoint,
    /// The shared rate limiter (Redis URL) clients built from this profile use, if any.
    /// `Debug` masks its password.
    pub rate_limit_url: Option<RateLimitUrl>,
    /// RFC 3339 UTC, set by the store when the profile is first saved.
    pub created_at: String,
    /// RFC 3339 UTC, set by the store on every change.
    pub updated_at: String,
}

impl Profile {
    /// A new profile. The name is 1-64 letters, digits, `-`, `_` or `.`, starting with a
    /// letter or digit. The credential's own description, if any, becomes the profile's.
    ///
    /// # Errors
    /// `invalid_argument` for a bad name; `invalid_credential` when the credential's
    /// description is too long or has control characters.
    pub fn new(name: &str, credential: Credential, endpoint: Endpoint) -> Result<Profile> {
        validate_profile_name(name)?;
        let now = now_rfc3339();
        let description = credential.description().map(str::to_string);
        let profile = Profile {
            name: name.to_string(),
            description: None,
            credential: credential.with_name(Some(name))?,
            endpoint,
            rate_limit_url: None,
            created_at: now.clone(),
            updated_at: now,
        };
        profile.description(description)
    }

    /// The same profile with a description (trimmed; empty means none). At most 2048
    /// characters, no control characters other than newlines and tabs.
    ///
    /// # Errors
    /// `invalid_credential` when the description is too long or has control characters.
    pub fn description(mut self, description: Option<String>) -> Result<Profile> {
        let credential = self.credential.with_description(description.as_deref())?;
        let cleaned = credential.description().filter(|d| !d.is_empty()).map(str::to_string);
        self.credential = credential.with_description(cleaned.as_deref())?;
        self.description = cleaned;
        Ok(self)
    }

    /// The same profile with a shared rate limiter URL (`None` removes it).
    pub fn rate_limit_url(mut self, url: Option<RateLimitUrl>) -> Profile {
        self.rate_limit_url = url;
        self
    }

    /// The same profile with a shared rate limiter URL given as text, as the bindings receive
    /// it (`None` removes it).
    ///
    /// # Errors
    /// `invalid_argument` from [`RateLimitUrl::parse`] (another scheme, no host, ...); the
    /// message never contains the password.
    pub fn rate_limit_url_text(self, text: Option<&str>) -> Result<Profile> {
        let url = text.map(RateLimitUrl::parse).transpose()?;
        Ok(self.rate_limit_url(url))
    }

    /// The shared rate limiter URL with its password shown as `****`: the only form of it a
    /// profile object may show.
    pub fn masked_rate_limit_url(&self) -> Option<String> {
        self.rate_limit_url.as_ref().map(ToString::to_string)
    }

    /// What `list` shows: everything but the secret.
    pub fn summary(&self, is_default: bool) -> ProfileSummary {
        ProfileSummary {
            name: self.name.clone(),
            description: self.description.clone(),
            client_id: self.credential.client_id().to_string(),
            user_email: self.credential.user_email().map(str::to_string),
            endpoint: endpoint_text(&self.endpoint),
            is_default,
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    /// Builds a profile from its stored form, validating every field. Problems are `store`
    /// errors naming the profile and the file, never quoting the secret.
    pub(crate) fn from_stored(name: &str, stored: &StoredProfile, file: &Path) -> Result<Profile> {
        let bad = |e: Error| {
            Error::new(
                ErrorKind::Store,
                format!(
                    "profile {name:?} in {} is invalid: {}; save it again (replacing the saved one)",
                    file.display(),
                    e.message()
                ),
            )
        };
        let credential = Credential::builder(stored.client_id.as_str(), stored.client_secret.as_str())
            .maybe_user_email(stored.user_email.clone())
            .build()
            .and_then(|c| c.with_name(Some(name)))
            .map_err(bad)?;
        let endpoint = parse_endpoint(&stored.endpoint).map_err(bad)?;
        let rate_limit_url = stored
            .rate_limit_url
            .as_ref()
            .map(|url| RateLimitUrl::parse(url).map_err(|e| e.prefix_message("rate_limit_url")))
            .transpose()
            .map_err(bad)?;
        let profile = Profile {
            name: name.to_string(),
            description: None,
            credential,
            endpoint,
            rate_limit_url,
            created_at: stored.created_at.clone(),
            updated_at: stored.updated_at.clone(),
        };
        profile.description(stored.description.clone()).map_err(bad)
    }

    /// The stored form. `created_at`/`updated_at` are taken from the profile as they are.
    pub(crate) fn to_stored(&self) -> StoredProfile {
        StoredProfile {
            description: self.description.clone(),
            client_id: self.credential.client_id().to_string(),
            client_secret: Zeroizing::new(self.credential.client_secret().expose_secret().to_string()),
            user_email: self.credential.user_email().map(str::to_string),
            endpoint: endpoint_text(&self.endpoint),
            rate_limit_url: self.rate_limit_url.as_ref().map(|url| Zeroizing::new(url.expose_secret().to_string())),
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
            extra: Default::default(),
        }
    }
}

/// One line of `credentials list`: never contains the secret.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileSummary {
    /// The profile's name.
    pub name: String,
    /// What the profile is for, if saved with one.
    pub description: Option<String>,
    /// The client id of the saved credential.
    pub client_id: String,
    /// The workspace user the credential acts as, if one is saved.
    pub user_email: Option<String>,
    /// A region code (`us`, `eu`, `in`, `me`) or a custom base URL.
    pub endpoint: String,
    /// Whether this is the store's default profile.
    pub is_default: bool,
    /// When the profile was first saved, RFC 3339 UTC.
    pub created_at: String,
    /// When the profile last changed, RFC 3339 UTC.
    pub updated_at: String,
}

impl ProfileSummary {
    /// The summary of a stored profile, without validating it (so `list` still shows a
    /// profile that a hand edit broke).
    pub(crate) fn from_stored(name: &str, stored: &StoredProfile, is_default: bool) -> ProfileSummary {
        ProfileSummary {
            name: name.to_string(),
            description: stored.description.clone(),
            client_id: stored.client_id.clone(),
            user_email: stored.user_email.clone(),
            endpoint: stored.endpoint.clone(),
            is_default,
            created_at: stored.created_at.clone(),
            updated_at: stored.updated_at.clone(),
        }
    }
}

/// `us` for a region, the URL for a custom base URL: the stored and displayed form.
pub(crate) fn endpoint_text(endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Region(region) => region.as_str().to_string(),
        Endpoint::Custom(url) => url.as_str().to_string(),
    }
}

/// The inverse of [`endpoint_text`]: a region code or a base URL.
pub(crate) fn parse_endpoint(text: &str) -> Result<Endpoint> {
    if text.contains("://") {
        return BaseUrl::parse(text).map(Endpoint::Custom);
    }
    text.parse::<Region>().map(Endpoint::Region).map_err(|_| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("endpoint {text:?} is neither a region (us, eu, in, me) nor a base URL (https://...)"),
        )
    })
}

/// Profile names are used on command lines and as JSON keys: 1-64 ASCII letters, digits,
/// `-`, `_` or `.`, starting with a letter or digit.
pub(crate) fn validate_profile_name(name: &str) -> Result<()> {
    let bad = |why: String| Error::new(ErrorKind::InvalidArgument, format!("profile name {why}"));
    if name.is_empty() {
        return Err(bad("is empty".into()));
    }
    if name.chars().count() > MAX_PROFILE_NAME_LEN {
        return Err(bad(format!("is longer than {MAX_PROFILE_NAME_LEN} characters")));
    }
    for (index, ch) in name.chars().enumerate() {
        let allowed = ch.is_ascii_alphanumeric() || (index > 0 && matches!(ch, '-' | '_' | '.'));
        if !allowed {
            let what = match ch {
                c if c.is_control() => "a control character".to_string(),
                c if c.is_whitespace() => "whitespace".to_string(),
                c => format!("{c:?}"),
            };
            let rule = if index == 0 {
                "must start with a letter or digit"
            } else {
                "may only use letters, digits, '-', '_' and '.'"
            };
            return Err(bad(format!("{name:?} has {what} at character {}; a name {rule}", index + 1)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        for ok in ["prod", "a", "Prod-EU_2.test", "9lives"] {
            validate_profile_name(ok).unwrap();
        }
        let cases = [
            ("", "is empty"),
            ("-x", "must start with a letter or digit"),
            ("a b", "whitespace at character 2"),
            ("a/b", "'/' at character 2"),
            ("é", "must start with a letter or digit"),
            ("a\nb", "a control character"),
        ];
        for (name, expected) in cases {
            let text = validate_profile_name(name).unwrap_err().to_string();
            assert!(text.contains(expected), "{text:?} should contain {expected:?}");
        }
        assert!(validate_profile_name(&"x".repeat(65)).unwrap_err().to_string().contains("longer than 64"));
    }

    #[test]
    fn endpoints_round_trip() {
        for text in ["us", "eu", "in", "me", "https://example.com/base", "http://127.0.0.1:8080"] {
            assert_eq!(endpoint_text(&parse_endpoint(text).unwrap()), text);
        }
        assert!(parse_endpoint("mars").unwrap_err().to_string().contains("neither a region"));
        assert!(parse_endpoint("http://example.com").unwrap_err().to_string().contains("plain http"));
    }

    #[test]
    fn profile_debug_hides_the_secret() {
        let secret = "very-secret-value-0001";
        let credential = Credential::builder("id", secret).description("from credential").build().unwrap();
        let profile = Profile::new("p", credential, Endpoint::default()).unwrap();
        assert_eq!(profile.description.as_deref(), Some("from credential"));
        assert_eq!(profile.credential.name(), Some("p"));
        assert!(!format!("{profile:?}").contains(secret));
        let blank = profile.description(Some("   ".into())).unwrap();
        assert_eq!(blank.description, None);
    }

    #[test]
    fn a_rate_limit_url_given_as_text_is_parsed_and_shown_masked() {
        let password = "profile-redis-pw-4242";
        let profile = Profile::new("p", Credential::new("id", "secret").unwrap(), Endpoint::default()).unwrap();
        assert_eq!(profile.masked_rate_limit_url(), None);
        let with_url = profile.rate_limit_url_text(Some(&format!("redis://:{password}@127.0.0.1:6379/1"))).unwrap();
        assert_eq!(with_url.masked_rate_limit_url().as_deref(), Some("redis://:****@127.0.0.1:6379/1"));
        assert_eq!(
            with_url.rate_limit_url.as_ref().map(RateLimitUrl::expose_secret),
            Some(format!("redis://:{password}@127.0.0.1:6379/1").as_str())
        );
        assert!(!format!("{with_url:?}").contains(password));
        let error = with_url.clone().rate_limit_url_text(Some(&format!("http://:{password}@h:6379"))).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        assert!(error.message().contains("scheme \"http\""), "{}", error.message());
        assert!(!error.to_string().contains(password));
        assert_eq!(with_url.rate_limit_url_text(None).unwrap().masked_rate_limit_url(), None);
    }
}
