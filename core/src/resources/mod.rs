//! Typed operations over the main SpotDraft resources. Every method builds its request
//! from the operation catalogue (exact schema paths) and sends it through the same path as
//! `Client::send` (auth, rate limit, retries, errors).

mod contracts;
mod directory;
mod ids;
mod models;
mod templates;
mod webhooks;

pub(crate) use contracts::contract_download_request;
pub use contracts::{ContractQuery, Contracts};
pub use directory::{Counterparties, Roles, UserQuery, Users};
pub use ids::{ContractId, IntoContractId};
pub use models::*;
pub use templates::{ContractTypes, TemplateQuery, Templates};
pub use webhooks::Webhooks;

use crate::catalogue;
use crate::error::{Error, Result};
use crate::request::Request;
use crate::response::Response;

/// A request for a catalogue operation with its path parameters filled in, and its
/// retry safety taken from the catalogue.
pub(crate) fn operation_request(name: &str, path_params: &[(&str, &str)]) -> Result<Request> {
    let operation =
        catalogue::find(name).ok_or_else(|| Error::invalid_argument(format!("unknown operation {name:?}")))?;
    let path = operation.render_path_with(path_params).map_err(|e| Error::invalid_argument(e.to_string()))?;
    Ok(Request::new(operation.method, path).idempotent(operation.is_idempotent()))
}

/// The list in an answer (see [`unwrap_list`]), with decode errors redacted.
pub(crate) fn list_from<T: serde::de::DeserializeOwned>(response: &Response, keys: &[&str]) -> Result<Vec<T>> {
    unwrap_list(response.json_value()?, keys).map_err(|e| response.redact(e))
}

/// Lists come as a bare array, or wrapped in `items`/`results`/another single key.
pub(crate) fn unwrap_list<T: serde::de::DeserializeOwned>(value: serde_json::Value, keys: &[&str]) -> Result<Vec<T>> {
    let list = match value {
        serde_json::Value::Array(_) => value,
        serde_json::Value::Object(mut map) => match keys.iter().find_map(|k| map.remove(*k)) {
            Some(list) => list,
            None => {
                return Err(Error::new(
                    crate::ErrorKind::Decode,
                    format!("expected a list under {keys:?}, got keys {:?}", map.keys().collect::<Vec<_>>()),
                ))
            }
        },
        other => return Err(Error::new(crate::ErrorKind::Decode, format!("expected a list, got {}", kind_of(&other)))),
    };
    serde_json::from_value(list)
        .map_err(|e| Error::new(crate::ErrorKind::Decode, format!("list items do not have the expected shape: {e}")))
}

fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
