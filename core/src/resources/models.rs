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
    /// `DRAFT`: being drafted.
    Draft,
    /// `REDLINING`: under review and negotiation (redlining), usually with the counterparty.
    Redlining,
    /// `SIGN`: out for signature.
    Sign,
    /// `EXECUTED`: every signature has been collected.
    Executed,
    /// `ON_HOLD`: put on hold.
    OnHold,
    /// `VOIDED`: voided.
    Voided,
    /// A status this version does not know yet.
    Other(String),
}

impl ContractStatus {
    /// The status as SpotDraft spells it, e.g. `"ON_HOLD"`.
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

    /// The status named by `text` (any case, surrounding spaces ignored); an unknown status
    /// becomes [`Other`](Self::Other) with the text as given.
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
    /// The contract's id (`T-123`, `H-123`, or a bare number). Always present: an item
    /// without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<ContractId>,
    /// When the contract was created or uploaded, as ISO 8601 text.
    pub created: Option<String>,
    /// The email address of the user who created the contract.
    pub created_by: Option<String>,
    /// Link to the contract in the SpotDraft app (opening it needs a login with view access).
    pub contract_link: Option<String>,
    /// The contract's display status.
    pub contract_status: Option<ContractStatus>,
    /// The contract's display name.
    pub contract_name: Option<String>,
    /// The name of the contract's counterparty.
    pub counter_party_name: Option<String>,
    /// The name of the contract's type, as the workspace defines it (e.g. `NDA`).
    pub contract_type_name: Option<String>,
    /// The id of the contract's type.
    pub contract_type_id: Option<u64>,
    /// The contract's reference id in SpotDraft.
    pub reference_id: Option<String>,
    /// The full name of the user who created or uploaded the contract.
    pub created_by_user_name: Option<String>,
    /// The email address of the user who created or uploaded the contract.
    pub created_by_user_email: Option<String>,
    /// The id of the workspace of the user who created or uploaded the contract.
    pub created_by_workspace: Option<u64>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET contracts/{id}/status`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractStatusInfo {
    /// The contract's display status.
    pub contract_status: Option<ContractStatus>,
    /// The contract's display name.
    pub contract_name: Option<String>,
    /// Other status details SpotDraft sent, as it sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST contracts/`: a contract from a template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewContract {
    /// The id of the template the contract is created from.
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
    /// A contract from template `template_id`, with no field values and no counterparties yet.
    pub fn from_template(template_id: u64) -> NewContract {
        NewContract { contract_template_id: template_id, ..NewContract::default() }
    }
    /// Sets the value of template field `name` (in `contract_data`).
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> NewContract {
        self.contract_data.insert(name.to_string(), value.into());
        self
    }
}

/// `POST contracts/{id}/download_link`. The URL is a signed, temporary link: treat it as a secret.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DownloadLink {
    /// The signed, temporary URL of the file. A secret while it is valid.
    pub url: String,
    /// The file's name, with its extension.
    pub file_name: Option<String>,
    /// The id of the contract's current version, which the file holds.
    pub current_version_id: Option<u64>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
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
    /// The key pointer's id (usable in [`KeyPointerUpdate::by_id`]).
    pub id: Option<u64>,
    /// The value for this contract; its JSON type depends on `data_type`.
    pub value: Value,
    /// The key pointer's name as users see it.
    pub label: Option<String>,
    /// The key pointer's field name (usable in [`KeyPointerUpdate::by_field`]).
    pub field_name: Option<String>,
    /// The kind of value it holds, e.g. `string`.
    pub data_type: Option<String>,
    /// How SpotDraft formats the value for display, as it describes it.
    pub format_option: Value,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One change in `POST contracts/{id}/key_pointers/bulk`: by id or by field name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyPointerUpdate {
    /// The id of the key pointer to set (this or the field name is required).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_pointer_id: Option<u64>,
    /// The field name of the key pointer to set (this or the id is required).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_pointer_field_name: Option<String>,
    /// The new value; its JSON type must suit the key pointer's data type.
    pub value: Value,
}

impl KeyPointerUpdate {
    /// Sets the key pointer with this id.
    pub fn by_id(id: u64, value: impl Into<Value>) -> KeyPointerUpdate {
        KeyPointerUpdate { key_pointer_id: Some(id), key_pointer_field_name: None, value: value.into() }
    }
    /// Sets the key pointer with this field name.
    pub fn by_field(field_name: &str, value: impl Into<Value>) -> KeyPointerUpdate {
        KeyPointerUpdate { key_pointer_id: None, key_pointer_field_name: Some(field_name.into()), value: value.into() }
    }
}

/// A contract's link to a record in another system (e.g. a Salesforce opportunity).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExternalMetadata {
    /// The record's id in the other system.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub id: Value,
    /// The name of the other system, e.g. `Salesforce`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_name: Option<String>,
    /// The kind of record in the other system, e.g. `Opportunity` or `Account`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// Any data from the other system kept with the link.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub record_data: Value,
    /// The public id of a native integration's object configuration, if one is used (sent
    /// together with `record_type`).
    #[serde(skip_serializing_if = "Value::is_null")]
    pub object_configuration_id: Value,
    /// Fields this version does not model, as SpotDraft sent them or as they will be sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A comment on a contract, with its replies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The comment's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The numeric id of the contract the comment is on.
    pub contract_id: Option<u64>,
    /// The comment's text.
    #[serde(default)]
    pub comment: String,
    /// The replies to the comment, as SpotDraft sent them.
    #[serde(default, deserialize_with = "null_as_default")]
    pub replies: Vec<Value>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A contract template of the workspace, which new contracts are created from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// The template's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The template's name.
    pub name: Option<String>,
    /// The id of the contract type the template is mapped to.
    pub contract_type_id: Option<u64>,
    /// The template's tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A kind of contract the workspace defines (e.g. NDA, MSA).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractType {
    /// The contract type's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The contract type's name.
    pub name: Option<String>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A contact person of a counterparty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// The contact's id.
    pub id: Option<u64>,
    /// The contact's name.
    pub name: Option<String>,
    /// The contact's email address.
    pub email: Option<String>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A counterparty's postal address, as contract templates render it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// The first line: usually apartment, floor and street.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_one: Option<String>,
    /// The city.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city_name: Option<String>,
    /// The state or province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_name: Option<String>,
    /// The country's name, as SpotDraft knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// The zip, PIN or postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Other address fields (e.g. `email`, `phone`, `country_iso_code`), as sent or received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An organization or person the workspace makes contracts with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counterparty {
    /// The counterparty's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The counterparty's name, unique within the workspace.
    pub name: Option<String>,
    /// Whether the counterparty is a person (`true`) or an organization (`false`).
    pub is_individual: Option<bool>,
    /// The counterparty's contact people.
    #[serde(default, deserialize_with = "null_as_default")]
    pub contacts: Vec<Contact>,
    /// The counterparty's main address.
    pub primary_address: Option<Address>,
    /// `ACTIVE` or `ARCHIVED`.
    pub status: Option<String>,
    /// The workspace's custom field values for the counterparty, by field name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: Map<String, Value>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST counter_parties/` and `PATCH counter_parties/{id}`: only the fields set
/// are sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CounterpartyInput {
    /// Whether the counterparty is a person (`true`: `contact_name` and `contact_email` are
    /// required) or an organization (`false`: `organization_name` is required). Required to
    /// create.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_individual: Option<bool>,
    /// A new name for the counterparty (when updating).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The organization's legal form, e.g. `LLC` or `LLP`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_type: Option<String>,
    /// The organization's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// The name to show and to use in contract templates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_name: Option<String>,
    /// The person's name, or the organization's point of contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// The person's email address, or that of the organization's point of contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// The main address (`line_one`, `city_name` and `country_name` are required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_address: Option<Address>,
    /// Custom field values by field name (a feature SpotDraft enables on request).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub custom_fields: Map<String, Value>,
    /// Any other documented field, sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A role (team) of the workspace, such as the legal team.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The role's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The role's name, as users see it.
    pub name: Option<String>,
    /// What the role is for, if the workspace says.
    pub description: Option<String>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A member of the workspace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// The user's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The user's first name.
    pub first_name: Option<String>,
    /// The user's last name.
    pub last_name: Option<String>,
    /// The user's email address (what `user-email` impersonation takes).
    pub email: Option<String>,
    /// The user's job title.
    pub designation: Option<String>,
    /// Whether the user is active (`false`: deactivated).
    pub is_active: Option<bool>,
    /// The roles (teams) the user belongs to.
    #[serde(default, deserialize_with = "null_as_default")]
    pub roles: Vec<Role>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A webhook subscription. `custom_headers` often carry access keys, so Debug hides their values.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Webhook {
    /// The webhook's id. Always present: an item without one fails to decode.
    #[serde(deserialize_with = "required")]
    pub id: Option<u64>,
    /// The webhook's title.
    pub title: Option<String>,
    /// The HTTPS URL SpotDraft calls.
    pub url: Option<String>,
    /// The activities that trigger a call, e.g. `CONTRACT_CREATED`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub only_for_activities: Vec<String>,
    /// The webhook's description.
    pub description: Option<String>,
    /// Extra headers SpotDraft sends with each call, by name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_headers: Map<String, Value>,
    /// The user who created the webhook (`id`, `email`, `name`, `designation`).
    pub created_by_user: Option<Value>,
    /// `ACTIVE`, `DISABLED_BY_USER` or `DISABLED_BY_ERROR`.
    pub status: Option<String>,
    /// Fields of the answer this version does not model, as SpotDraft sent them.
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
    /// The webhook's title (required).
    pub title: String,
    /// The HTTPS URL SpotDraft will call (required).
    pub url: String,
    /// The activities that trigger a call, e.g. `CONTRACT_CREATED`; SpotDraft refuses an empty
    /// list.
    pub only_for_activities: Vec<String>,
    /// The webhook's description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Extra headers SpotDraft sends with each call; names should start with `X-`.
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
    /// The base64 key itself. Use it only to check signatures; never print or log it.
    pub fn expose_secret(&self) -> &str {
        &self.hmac_key
    }
    /// The key to check webhook signatures with.
    ///
    /// # Errors
    /// `invalid_argument` when the key SpotDraft sent is empty or not base64.
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
