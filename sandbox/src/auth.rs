//! Header authentication: `client-id` + `client-secret`, and the optional
//! `user-email` to act as another active workspace user.

use hyper::HeaderMap;

use crate::body::{detail, HttpResponse};

/// Why a request is refused: status and `detail` message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rejection {
    pub status: u16,
    pub message: &'static str,
}

impl Rejection {
    pub fn response(self) -> HttpResponse {
        detail(self.status, self.message)
    }
}

fn reject(status: u16, message: &'static str) -> Rejection {
    Rejection { status, message }
}
use crate::seed::{Workspace, DEMO_USER_EMAIL};
use crate::state::Credential;

pub(crate) const NOT_PROVIDED: &str = "Authentication credentials were not provided.";
pub(crate) const INVALID: &str = "Invalid client credentials.";
pub(crate) const INACTIVE_USER: &str = "The user named in user-email is not an active member of this workspace.";

/// What the credential headers said, reduced to flags: the secret value is
/// compared and then forgotten.
#[derive(Clone, Debug, Default)]
pub(crate) struct AuthFacts {
    pub client_id_present: bool,
    pub client_id_matched: bool,
    pub client_secret_present: bool,
    pub client_secret_matched: bool,
    pub user_email: Option<String>,
}

impl AuthFacts {
    pub fn read(headers: &HeaderMap, credential: &Credential) -> Self {
        let id = headers.get("client-id");
        let secret = headers.get("client-secret");
        AuthFacts {
            client_id_present: id.is_some(),
            client_id_matched: id.is_some_and(|v| constant_time_eq(v.as_bytes(), credential.client_id.as_bytes())),
            client_secret_present: secret.is_some(),
            client_secret_matched: secret
                .is_some_and(|v| constant_time_eq(v.as_bytes(), credential.client_secret.as_bytes())),
            user_email: headers
                .get("user-email")
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty()),
        }
    }

    /// The email of the user the call acts as, or the 401/403 answer.
    pub fn authenticate(&self, workspace: &Workspace) -> Result<String, Rejection> {
        if !self.client_id_present || !self.client_secret_present {
            return Err(reject(401, NOT_PROVIDED));
        }
        if !self.client_id_matched || !self.client_secret_matched {
            return Err(reject(401, INVALID));
        }
        match &self.user_email {
            None => Ok(DEMO_USER_EMAIL.to_string()),
            Some(email) => match workspace.active_user_by_email(email) {
                Some(user) => Ok(user.email.clone()),
                None => Err(reject(403, INACTIVE_USER)),
            },
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
