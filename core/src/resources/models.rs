//! Typed SpotDraft objects. Every field is optional or defaulted and unknown fields are kept
//! in `extra`, so a new or missing field in an answer never breaks a caller.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::ids::ContractId;

/// Deserializes `null` as the default value (the API sends `null` for empty lists/strings).
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// An identifying field (`id`): it must be present and not null. An item without it is
/// not what the answer claims to hold, and decoding fails instead of inventing one.
fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// A contract's display status.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ContractStatus {
    Draft,
    Redlining,
    Sign,
    Executed,
    OnHold,
    Voided,
    /// A status this version does not know yet.
    Other(String),
}

impl ContractStatus {
    pub fn as_str(&self) -> &str {
        match self {
            ContractStatus::Draft => "DRAFT",
            ContractStatus::Redlining => "REDLINING",
            ContractStatus::Sign => "SIGN",
            ContractStatus::Executed => "EXECUTED",
            ContractStatus::OnHold => "ON_HOLD",
            ContractStatus::Voided => "VOIDED",
            ContractStatus::Other(s) => s,
        }
    }

    pub fn parse(text: &str) -> ContractStatus {
        match text.trim().to_ascii_uppercase().as_str() {
            "DRAFT" => ContractStatus::Draft,
            "REDLINING" => ContractStatus::Redlining,
            "SIGN" => ContractStatus::Sign,
            "EXECUTED" => ContractStatus::Executed,
            "ON_HOLD" => ContractStatus::OnHold,
            "VOIDED" => ContractStatus::Voided,
            _ => ContractStatus::Other(text.to_string()),
        }
    }
}

impl fmt::Display for ContractStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ContractStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ContractStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ContractStatus, D::Error> {
        Ok(ContractStatus::parse(&String::deserialize(deserializer)?))
    }
}

/// A contract as lists and creation answer it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    #[serde(deserialize_with = "required")]
    pub id: Option<ContractId>,
    pub created: Option<String>,
    pub created_by: Option<String>,
    pub contract_link: Option<String>,
    pub contract_status: Option<ContractStatus>,
    pub contract_name: Option<String>,
    pub counter_party_name: Option<String>,
    pub contract_type_name: Option<String>,
    pub contract_type_id: Option<u64>,
    pub reference_id: Option<String>,
    pub created_by_user_name: Option<String>,
    pub created_by_user_email: Option<String>,
    pub created_by_workspace: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET contracts/{id}/status`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractStatusInfo {
    pub contract_status: Option<ContractStatus>,
    pub contract_name: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST contracts/`: a contract from a template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewContract {
    pub contract_template_id: u64,
    /// Template field names to values.
    #[serde(default)]
    pub contract_data: Map<String, Value>,
    /// The counterparties of the contract (the schema requires the list, possibly empty).
    #[serde(default)]
    pub counter_party_details: Vec<Value>,
    /// Your own id for this contract: look it up with `by_external_metadata` before creating
    /// again, since the API has no idempotency key.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub external_metadata: Option<Value>,
    /// Any other documented field (signatories, contract_type_id, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NewContract {
    pub fn from_template(template_id: u64) -> NewContract {
        NewContract { contract_template_id: template_id, ..NewContract::default() }
    }
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> NewContract {
        self.contract_data.insert(name.to_string(), value.into());
        self
    }
}

/// `POST contracts/{id}/download_link`. The URL is a signed, temporary link: treat it as a secret.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DownloadLink {
    pub url: String,
    pub file_name: Option<String>,
    pub current_version_id: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for DownloadLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.url.split('?').next().unwrap_or("");
        f.debug_struct("DownloadLink")
            .field("url", &format!("{shown}?[REDACTED]"))
            .field("file_name", &self.file_name)
            .field("current_version_id", &self.current_version_id)
            .finish()
    }
}

/// A key pointer (metadata field value) of a contract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyPointer {
    pub id: Option<u64>,
    pub value: Value,
    pub label: Option<String>,
    pub field_name: Option<String>,
    pub data_type: Option<String>,
    pub format_option: Value,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One change in `POST contracts/{id}/key_pointers/bulk`: by id or by field name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyPointerUpdate {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_pointer_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_pointer_field_name: Option<String>,
    pub value: Value,
}

impl KeyPointerUpdate {
    pub fn by_id(id: u64, value: impl Into<Value>) -> KeyPointerUpdate {
        KeyPointerUpdate { key_pointer_id: Some(id), key_pointer_field_name: None, value: value.into() }
    }
    pub fn by_field(field_name: &str, value: impl Into<Value>) -> KeyPointerUpdate {
        KeyPointerUpdate { key_pointer_id: None, key_pointer_field_name: Some(field_name.into()), value: value.into() }
    }
}

/// A contract's link to a record in another system (e.g. a Salesforce opportunity).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExternalMetadata {
    #[serde(skip_serializing_if = "Value::is_null")]
    pub id: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub record_data: Value,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub object_configuration_id: Value,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A comment on a contract, with its replies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub contract_id: Option<u64>,
    #[serde(default)]
    pub comment: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub replies: Vec<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Template {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub name: Option<String>,
    pub contract_type_id: Option<u64>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractType {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub id: Option<u64>,
    pub name: Option<String>,
    pub email: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_one: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counterparty {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub name: Option<String>,
    pub is_individual: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub contacts: Vec<Contact>,
    pub primary_address: Option<Address>,
    pub status: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: Map<String, Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST counter_parties/` and `PATCH counter_parties/{id}`: only the fields set
/// are sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CounterpartyInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_individual: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_address: Option<Address>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub custom_fields: Map<String, Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub designation: Option<String>,
    pub is_active: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub roles: Vec<Role>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A webhook subscription. `custom_headers` often carry access keys, so Debug hides their values.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Webhook {
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    pub title: Option<String>,
    pub url: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub only_for_activities: Vec<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_headers: Map<String, Value>,
    pub created_by_user: Option<Value>,
    pub status: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&String> = self.custom_headers.keys().collect();
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("url", &self.url)
            .field("only_for_activities", &self.only_for_activities)
            .field("custom_headers", &headers)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The body of `POST webhooks/`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewWebhook {
    pub title: String,
    pub url: String,
    pub only_for_activities: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub custom_headers: Map<String, Value>,
}

impl fmt::Debug for NewWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&String> = self.custom_headers.keys().collect();
        f.debug_struct("NewWebhook")
            .field("title", &self.title)
            .field("url", &self.url)
            .field("only_for_activities", &self.only_for_activities)
            .field("custom_headers", &headers)
            .finish_non_exhaustive()
    }
}

/// The workspace's webhook signing key (base64). A secret: Debug and Display hide it.
#[derive(Clone, PartialEq, Eq)]
pub struct HmacKey {
    hmac_key: zeroize::Zeroizing<String>,
}

impl<'de> Deserialize<'de> for HmacKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<HmacKey, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            hmac_key: String,
        }
        let raw = Raw::deserialize(deserializer)?;
        Ok(HmacKey { hmac_key: zeroize::Zeroizing::new(raw.hmac_key) })
    }
}

impl HmacKey {
    pub fn expose_secret(&self) -> &str {
        &self.hmac_key
    }
    /// The key to check webhook signatures with.
    pub fn webhook_key(&self) -> crate::Result<crate::webhook::WebhookKey> {
        crate::webhook::WebhookKey::from_hmac_key(&self.hmac_key)
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacKey([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_of_missing_null_and_unknown_fields() {
        let c: Contract = serde_json::from_str(
            r#"{"id": "T-5", "contract_status": "SIGN", "counter_party_name": null, "brand_new": 1}"#,
        )
        .unwrap();
        assert_eq!(c.id, Some(ContractId::Template(5)));
        assert_eq!(c.contract_status, Some(ContractStatus::Sign));
        assert_eq!(c.counter_party_name, None);
        assert_eq!(c.extra["brand_new"], 1);
        let s: ContractStatusInfo = serde_json::from_str(r#"{"contract_status": "ARCHIVED"}"#).unwrap();
        assert_eq!(s.contract_status, Some(ContractStatus::Other("ARCHIVED".into())));
        let u: User = serde_json::from_str(r#"{"id": 1, "roles": null}"#).unwrap();
        assert!(u.roles.is_empty());
        let cp: Counterparty = serde_json::from_str(r#"{"id": 3, "contacts": null}"#).unwrap();
        assert!(cp.contacts.is_empty());
        // Identifying fields are required: an item without one is not that item.
        for text in ["{}", r#"{"id": null}"#, r#"{"foo": 1}"#] {
            assert!(serde_json::from_str::<Counterparty>(text).is_err(), "{text}");
            assert!(serde_json::from_str::<Contract>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn secrets_in_models_stay_hidden() {
        let key: HmacKey = serde_json::from_str(r#"{"hmac_key": "c2VjcmV0"}"#).unwrap();
        assert!(!format!("{key:?}").contains("c2VjcmV0"));
        let link: DownloadLink = serde_json::from_str(r#"{"url": "https://x/y?signature=abc"}"#).unwrap();
        assert!(!format!("{link:?}").contains("abc"));
        let hook: Webhook = serde_json::from_str(r#"{"id": 1, "custom_headers": {"X-Key": "k3y"}}"#).unwrap();
        assert!(!format!("{hook:?}").contains("k3y"));
    }

    #[test]
    fn inputs_send_only_what_is_set() {
        let body = serde_json::to_value(CounterpartyInput { name: Some("A".into()), ..Default::default() }).unwrap();
        assert_eq!(body, serde_json::json!({"name": "A"}));
        let new = NewContract::from_template(3).field("customer_name", "Acme");
        assert_eq!(
            serde_json::to_value(new).unwrap(),
            serde_json::json!({"contract_template_id": 3, "contract_data": {"customer_name": "Acme"}, "counter_party_details": []})
        );
    }
}
