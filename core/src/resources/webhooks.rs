//! Webhook subscriptions and the key that signs their calls.

use super::models::{HmacKey, NewWebhook, Webhook};
use super::operation_request;
use crate::catalogue::names;
use crate::client::Client;
use crate::error::{Error, Result};

/// Webhooks operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct Webhooks {
    client: Client,
}

impl Client {
    /// Webhook operations: subscriptions that make SpotDraft call a URL on contract activities.
    pub fn webhooks(&self) -> Webhooks {
        Webhooks { client: self.clone() }
    }
}

impl Webhooks {
    /// Subscribes `url` (https) to activities. Not retried once sent.
    ///
    /// # Errors
    /// `invalid_argument` when the title is blank or the URL does not start with `https://`;
    /// otherwise as [`Client::send`] (`validation` when SpotDraft refuses the fields), and
    /// `decode` when the answer is not a webhook.
    pub async fn create(&self, webhook: &NewWebhook) -> Result<Webhook> {
        if webhook.title.trim().is_empty() {
            return Err(Error::invalid_argument("webhook title is empty"));
        }
        if !webhook.url.starts_with("https://") {
            return Err(Error::invalid_argument(format!(
                "webhook url {:?} must start with https:// (SpotDraft only calls HTTPS endpoints)",
                webhook.url
            )));
        }
        let body = serde_json::to_value(webhook).map_err(|e| Error::invalid_argument(e.to_string()))?;
        self.client.send(operation_request(names::WEBHOOKS_CREATE, &[])?.json(body)).await?.json()
    }

    /// The workspace's signing key; verify calls with `webhook::verify`.
    ///
    /// # Errors
    /// As [`Client::send`], and `decode` when the answer has no `hmac_key`.
    pub async fn hmac_key(&self) -> Result<HmacKey> {
        self.client.send(operation_request(names::WEBHOOKS_HMAC_KEY, &[])?).await?.json()
    }

    /// Deletes a webhook subscription by its SpotDraft id.
    ///
    /// # Errors
    /// As [`Client::send`] (`not_found` for an unknown id).
    pub async fn delete(&self, id: u64) -> Result<()> {
        let id = id.to_string();
        self.client.send(operation_request(names::WEBHOOKS_DELETE, &[("webhook_id", &id)])?).await.map(drop)
    }
}
