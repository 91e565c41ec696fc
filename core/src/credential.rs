//! A SpotDraft API credential, valid by construction.

use crate::error::{Error, Result};
use crate::secret::ClientSecret;

const MAX_HEADER_VALUE_LEN: usize = 4096;
const MAX_NAME_LEN: usize = 128;
const MAX_DESCRIPTION_LEN: usize = 2048;
const MAX_EMAIL_LEN: usize = 254;

/// A client id + client secret pair, with optional user email to act as and optional
/// name/description metadata. Build it with [`Credential::new`] or [`Credential::builder`].
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    name: Option<String>,
    description: Option<String>,
    client_id: String,
    client_secret: ClientSecret,
    user_email: Option<String>,
}

impl Credential {
    /// A credential from the client id and client secret of a SpotDraft API client, with no
    /// user email, name or description.
    ///
    /// # Errors
    /// `invalid_credential` when the client id or secret is empty, longer than 4096 bytes,
    /// has surrounding whitespace, or contains a character that is not visible ASCII.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Result<Credential> {
        Credential::builder(client_id, client_secret).build()
    }

    /// Starts a credential that also carries a user email, name or description; nothing is
    /// checked until [`CredentialBuilder::build`].
    pub fn builder(client_id: impl Into<String>, client_secret: impl Into<String>) -> CredentialBuilder {
        CredentialBuilder {
            name: None,
            description: None,
            client_id: client_id.into(),
            client_secret: zeroize::Zeroizing::new(client_secret.into()),
            user_email: None,
        }
    }

    /// The local name of the credential (a saved profile's name), if it has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// The free-text description saved with the credential, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    /// The client id of the SpotDraft API client (sent as the `client-id` header).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
    /// The client secret, redacted unless [`ClientSecret::expose_secret`] is called.
    pub fn client_secret(&self) -> &ClientSecret {
        &self.client_secret
    }
    /// The email of the workspace user requests act as (the `user-email` header), or `None`
    /// to act as the user the credential belongs to.
    pub fn user_email(&self) -> Option<&str> {
        self.user_email.as_deref()
    }

    /// The same credential acting as another workspace user (`None` acts as the user the
    /// credential belongs to).
    ///
    /// # Errors
    /// `invalid_credential` when `email` is not a plausible email address.
    pub fn with_user_email(&self, email: Option<&str>) -> Result<Credential> {
        let mut next = self.clone();
        next.user_email = email.map(validate_email).transpose()?;
        Ok(next)
    }

    /// The same credential with a new secret (after revoking and regenerating it in SpotDraft).
    ///
    /// # Errors
    /// `invalid_credential` when the secret is empty, too long, has surrounding whitespace,
    /// or contains a character that is not visible ASCII.
    pub fn with_client_secret(&self, client_secret: impl Into<String>) -> Result<Credential> {
        let secret = zeroize::Zeroizing::new(client_secret.into());
        validate_header_token("client_secret", &secret, true)?;
        let mut next = self.clone();
        next.client_secret = ClientSecret::new(secret.to_string());
        Ok(next)
    }

    /// The same credential with another name (trimmed), or with none.
    ///
    /// # Errors
    /// `invalid_credential` when the name is blank, longer than 128 characters, or contains
    /// a control character.
    pub fn with_name(&self, name: Option<&str>) -> Result<Credential> {
        let mut next = self.clone();
        next.name = name.map(validate_name).transpose()?;
        Ok(next)
    }

    /// The same credential with another description (trimmed), or with none.
    ///
    /// # Errors
    /// `invalid_credential` when the description is longer than 2048 characters or contains
    /// a control character other than a newline or tab.
    pub fn with_description(&self, description: Option<&str>) -> Result<Credential> {
        let mut next = self.clone();
        next.description = description.map(validate_description).transpose()?;
        Ok(next)
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("name", &self.name)
            .field("description", &self.description)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("user_email", &self.user_email)
            .finish()
    }
}

impl std::fmt::Display for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(name) => write!(f, "credential {name:?} (client id {})", self.client_id)?,
            None => write!(f, "credential with client id {}", self.client_id)?,
        }
        if let Some(email) = &self.user_email {
            write!(f, " acting as {email}")?;
        }
        Ok(())
    }
}

/// A [`Credential`] being put together; [`build`](Self::build) checks every field at once.
pub struct CredentialBuilder {
    name: Option<String>,
    description: Option<String>,
    client_id: String,
    client_secret: zeroize::Zeroizing<String>,
    user_email: Option<String>,
}

impl CredentialBuilder {
    /// Sets the credential's local name (trimmed when built).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Sets the credential's free-text description (trimmed when built).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
    /// Sets the email of the workspace user to act as.
    pub fn user_email(mut self, email: impl Into<String>) -> Self {
        self.user_email = Some(email.into());
        self
    }
    /// Sets or clears the email of the workspace user to act as.
    pub fn maybe_user_email(mut self, email: Option<String>) -> Self {
        self.user_email = email;
        self
    }

    /// Checks every field and returns the credential.
    ///
    /// # Errors
    /// `invalid_credential` naming the first bad field: a client id or secret that is empty,
    /// longer than 4096 bytes, padded with whitespace or not visible ASCII; a name or
    /// description that is too long or contains control characters; a user email that is not
    /// a plausible address. The message never repeats the secret.
    pub fn build(self) -> Result<Credential> {
        validate_header_token("client_id", &self.client_id, false)?;
        validate_header_token("client_secret", &self.client_secret, true)?;
        Ok(Credential {
            name: self.name.as_deref().map(validate_name).transpose()?,
            description: self.description.as_deref().map(validate_description).transpose()?,
            client_id: self.client_id.clone(),
            client_secret: ClientSecret::new(self.client_secret.to_string()),
            user_email: self.user_email.as_deref().map(validate_email).transpose()?,
        })
    }
}

/// A header value SpotDraft accepts for a credential part: non-empty visible ASCII.
/// The message names the field and the position, never the value when it is secret.
fn validate_header_token(field: &str, value: &str, secret: bool) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_credential(format!("{field} is empty")));
    }
    if value.len() > MAX_HEADER_VALUE_LEN {
        return Err(Error::invalid_credential(format!(
            "{field} is {} bytes long; the limit is {MAX_HEADER_VALUE_LEN}",
            value.len()
        )));
    }
    if value.trim() != value {
        return Err(Error::invalid_credential(format!(
            "{field} starts or ends with whitespace; copy it again from SpotDraft without surrounding spaces or newlines"
        )));
    }
    for (index, ch) in value.chars().enumerate() {
        let position = index + 1;
        let problem = match ch {
            '\r' => "a carriage return (CR)",
            '\n' => "a line feed (LF)",
            '\0' => "a NUL byte",
            c if c.is_control() => "a control character",
            ' ' | '\t' => "whitespace",
            c if !c.is_ascii() => "a non-ASCII character",
            _ => continue,
        };
        let _ = secret; // the value is never part of the message, secret or not
        return Err(Error::invalid_credential(format!(
            "{field} contains {problem} at character {position}; HTTP header values must be visible ASCII"
        )));
    }
    Ok(())
}

fn validate_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid_credential("name is empty"));
    }
    if trimmed.chars().count() > MAX_NAME_LEN {
        return Err(Error::invalid_credential(format!("name is longer than {MAX_NAME_LEN} characters")));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::invalid_credential("name contains a control character"));
    }
    Ok(trimmed.to_string())
}

fn validate_description(description: &str) -> Result<String> {
    if description.chars().count() > MAX_DESCRIPTION_LEN {
        return Err(Error::invalid_credential(format!("description is longer than {MAX_DESCRIPTION_LEN} characters")));
    }
    if description.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid_credential(
            "description contains a control character (only newlines and tabs are allowed)",
        ));
    }
    Ok(description.trim().to_string())
}

/// A pragmatic email check: what SpotDraft user emails look like, and nothing that could
/// break a header.
pub(crate) fn validate_email(email: &str) -> Result<String> {
    let bad = |why: &str| Error::invalid_credential(format!("user_email {why}"));
    if email.is_empty() {
        return Err(bad("is empty"));
    }
    if email.len() > MAX_EMAIL_LEN {
        return Err(bad(&format!("is longer than {MAX_EMAIL_LEN} characters")));
    }
    if let Some(c) = email.chars().find(|c| c.is_control() || c.is_whitespace() || !c.is_ascii()) {
        let what = if c.is_control() {
            "a control character"
        } else if c.is_whitespace() {
            "whitespace"
        } else {
            "a non-ASCII character"
        };
        return Err(bad(&format!("contains {what}")));
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(bad(&format!("{email:?} is not an email address (no @)")));
    };
    if local.is_empty() || local.contains('@') {
        return Err(bad(&format!("{email:?} is not an email address (expected exactly one @ with a name before it)")));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !domain_ok {
        return Err(bad(&format!("{email:?} has no valid domain after the @")));
    }
    if local.chars().any(|c| matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | ':' | '\\' | '"' | '[' | ']')) {
        return Err(bad(&format!("{email:?} has a character not allowed in an address")));
    }
    Ok(email.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const SECRET: &str = "s3cr3t-VALUE-abcdefgh";

    #[test]
    fn valid_credential_keeps_fields() {
        let c =
            Credential::builder("id-1", SECRET).name("prod").description("Main").user_email("a@b.co").build().unwrap();
        assert_eq!(c.client_id(), "id-1");
        assert_eq!(c.client_secret().expose_secret(), SECRET);
        assert_eq!(c.name(), Some("prod"));
        assert_eq!(c.user_email(), Some("a@b.co"));
    }

    #[test]
    fn bad_inputs_are_rejected_naming_the_field_without_the_secret() {
        let cases: Vec<(&str, String, Option<&str>, &str)> = vec![
            ("", SECRET.into(), None, "client_id is empty"),
            ("id", String::new(), None, "client_secret is empty"),
            ("id", format!("{SECRET}\r\nX-Evil: 1"), None, "client_secret contains a carriage return"),
            ("id", format!("{SECRET}\n"), None, "client_secret starts or ends with whitespace"),
            ("id", format!("ab\0{SECRET}"), None, "client_secret contains a NUL byte"),
            ("id", format!("ab\u{7f}{SECRET}"), None, "client_secret contains a control character"),
            ("id", format!("é{SECRET}"), None, "client_secret contains a non-ASCII character"),
            ("id", format!("a b{SECRET}"), None, "client_secret contains whitespace"),
            ("i\nd", SECRET.into(), None, "client_id contains a line feed"),
            ("id", SECRET.into(), Some("not-an-email"), "user_email"),
            ("id", SECRET.into(), Some("a@b"), "user_email"),
            ("id", SECRET.into(), Some("a@b.com\r\n"), "user_email contains a control character"),
            ("id", SECRET.into(), Some("@b.com"), "user_email"),
            ("id", SECRET.into(), Some("a b@c.com"), "user_email contains whitespace"),
        ];
        for (id, secret, email, expected) in cases {
            let mut b = Credential::builder(id, secret.clone());
            if let Some(e) = email {
                b = b.user_email(e);
            }
            let err = b.build().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidCredential);
            let text = err.to_string();
            assert!(text.contains(expected), "{text:?} should contain {expected:?}");
            assert!(!text.contains(SECRET), "secret leaked: {text}");
        }
    }

    #[test]
    fn debug_and_display_redact_the_secret() {
        let c = Credential::builder("id-1", SECRET).name("n").build().unwrap();
        for text in
            [format!("{c:?}"), format!("{c}"), format!("{:?}", c.client_secret()), format!("{}", c.client_secret())]
        {
            assert!(!text.contains(SECRET), "{text}");
        }
        assert!(format!("{c:?}").contains("[REDACTED]"));
    }

    #[test]
    fn masked_shows_little() {
        let c = Credential::new("id", SECRET).unwrap();
        assert_eq!(c.client_secret().masked(), "****efgh");
        assert_eq!(Credential::new("id", "short").unwrap().client_secret().masked(), "****");
    }
}
