//! Who requests are sent as: the credential, its headers (built once, marked sensitive),
//! and the redaction of its secret from everything that leaves the crate.

use std::borrow::Cow;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT};

use crate::credential::Credential;
use crate::error::{Error, Result, REDACTED};

pub(crate) struct Identity {
    credential: Credential,
    /// Every header an attempt carries: authentication and `Accept`.
    headers: HeaderMap,
}

impl Identity {
    pub fn new(credential: Credential) -> Result<Identity> {
        let mut headers = HeaderMap::with_capacity(4);
        let value = |text: &str, field: &str| {
            HeaderValue::from_str(text)
                .map_err(|_| Error::invalid_credential(format!("{field} is not a valid HTTP header value")))
        };
        headers.insert(HeaderName::from_static("client-id"), value(credential.client_id(), "client_id")?);
        let mut secret = value(credential.client_secret().expose_secret(), "client_secret")?;
        secret.set_sensitive(true);
        headers.insert(HeaderName::from_static("client-secret"), secret);
        if let Some(email) = credential.user_email() {
            let mut email_value = value(email, "user_email")?;
            email_value.set_sensitive(true);
            headers.insert(HeaderName::from_static("user-email"), email_value);
        }
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        Ok(Identity { credential, headers })
    }

    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The error with the secret removed from every text it carries.
    pub fn redact(&self, error: Error) -> Error {
        error.scrub(self.credential.client_secret().expose_secret())
    }

    /// `text` with the secret removed (for traces and log lines).
    pub fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let secret = self.credential.client_secret().expose_secret();
        if !secret.is_empty() && text.contains(secret) {
            Cow::Owned(text.replace(secret, REDACTED))
        } else {
            Cow::Borrowed(text)
        }
    }
}
