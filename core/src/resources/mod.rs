//! Typed operations over the main SpotDraft resources. Every method builds its request
//! from the operation catalogue (exact schema paths) and sends it through the same path as
//! `Client::send` (auth, rate limit, retries, errors).

mod contracts;
mod directory;
mod ids;
mod models;
mod templates;
mod webhooks;

pub use contracts::{ContractQuery, Contracts};
pub use directory::{Counterparties, Roles, UserQuery, Users};
pub use ids::{ContractId, IntoContractId};
pub use models::*;
pub use templates::{ContractTypes, TemplateQuery, Templates};
pub use webhooks::Webhooks;

use crate::catalogue;
use crate::error::{Error, Result};
use crate::request::Request;

/// A request for a catalogue operation with its path parameters filled in, and its
/// retry safety taken from the catalogue.
pub(crate) fn operation_request(name: &str, path_params: &[(&str, &str)]) -> Result<Request> {
    let operation =
        catalogue::find(name).ok_or_else(|| Error::invalid_argument(format!("unknown operation {name:?}")))?;
    let path = operation.render_path_with(path_params).map_err(|e| Error::invalid_argument(e.to_string()))?;
    Ok(Request::new(operation.method, path).idempotent(operation.is_idempotent()))
}

/// Adds `page` and `limit` after checking them.
pub(crate) fn with_page(request: Request, page: u32, limit: u32) -> Result<Request> {
    if page == 0 {
        return Err(Error::invalid_argument("pages are numbered from 1"));
    }
    if !(1..=crate::MAX_PAGE_SIZE).contains(&limit) {
        return Err(Error::invalid_argument(format!(
            "limit must be between 1 and {}, not {limit}",
            crate::MAX_PAGE_SIZE
        )));
    }
    Ok(request.query("page", page.to_string()).query("limit", limit.to_string()))
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
        serde_json::Value::Null => serde_json::Value::Array(Vec::new()),
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
