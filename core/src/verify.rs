//! "Does this credential work?" in one cheap call, and if not, why.

use crate::client::Client;
use crate::error::{ErrorKind, Result};
use crate::method::Method;
use crate::request::Request;

/// The path `verify()` calls: small, read-only and open to every API credential.
pub const VERIFY_PATH: &str = "/api/v2.1/public/contract_types/";

/// What a successful check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// Where the credential was accepted.
    pub base_url: String,
    /// The impersonated user, when `user-email` was sent.
    pub acting_as: Option<String>,
    /// Contract types visible to the credential (a sign the workspace is the expected one).
    pub contract_types: usize,
}

impl Client {
    /// Checks that SpotDraft accepts the credential (and the impersonated user, if any).
    /// The error explains what to fix: pair not accepted, region, inactive user, ...
    ///
    /// # Errors
    /// As [`send`](Self::send), with the message prefixed by what it means for the
    /// credential: `authentication` (pair not accepted), `permission_denied` (the user or the
    /// impersonated user may not list contract types), `redirect` (wrong base URL),
    /// `connection` or `timeout` (SpotDraft not reached). `decode` when the answer is not JSON.
    pub async fn verify(&self) -> Result<Verification> {
        let response = self.send(Request::new(Method::Get, VERIFY_PATH)).await.map_err(|e| {
            let what = match e.kind() {
                ErrorKind::Authentication => "the client-id/client-secret pair was not accepted",
                ErrorKind::PermissionDenied if self.credential().user_email().is_some() => {
                    "the pair was accepted, but the impersonated user (user-email) is not allowed"
                }
                ErrorKind::PermissionDenied => "the pair was accepted, but its user may not list contract types",
                ErrorKind::Redirect => "the server redirected the check: the base URL is probably wrong",
                ErrorKind::Connection | ErrorKind::Timeout => "SpotDraft could not be reached",
                _ => "the check failed",
            };
            e.prefix_message(&format!("credential check: {what}"))
        })?;
        let contract_types = match response.json_value()? {
            serde_json::Value::Array(items) => items.len(),
            serde_json::Value::Object(map) => {
                map.get("results").or_else(|| map.get("items")).and_then(|v| v.as_array()).map_or(0, Vec::len)
            }
            _ => 0,
        };
        Ok(Verification {
            base_url: self.endpoint().base_url().to_string(),
            acting_as: self.credential().user_email().map(str::to_string),
            contract_types,
        })
    }
}
