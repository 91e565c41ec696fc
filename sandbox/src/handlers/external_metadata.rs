//! A contract's link to a record of another system:
//! `GET`/`POST contracts/{contract_id}/external_metadata`. The link's `id` is
//! what `contracts/by_external_metadata/{id}` finds.

use serde_json::{json, Value};

use super::contracts::contract_not_found;
use super::{not_found, try_answer, RequestCtx};
use crate::body::{json_response, HttpResponse};
use crate::fields::{type_name, FieldErrors, REQUIRED};

/// Code of "this contract has no external metadata" (the schema's 404 code).
pub(crate) const NO_EXTERNAL_METADATA_CODE: &str = "SD_INTEGRATIONS_00021";

pub(crate) fn get(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    match &contract.external_metadata {
        Some(metadata) => json_response(200, &json!({ "external_metadata": metadata })),
        None => not_found(
            NO_EXTERNAL_METADATA_CODE,
            &format!("No external metadata is linked to contract {}.", contract.composite_id()),
        ),
    }
}

/// A UUID in its 8-4-4-4-12 hex form.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Create or replace the link; answers it as `{"external_metadata": {...}}`.
pub(crate) fn set(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract_mut(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    let mut errors = FieldErrors::new();
    let metadata = match body.get("external_metadata") {
        None | Some(Value::Null) => {
            errors.add("external_metadata", REQUIRED);
            None
        }
        Some(_) => errors.optional_object(&body, "external_metadata"),
    };
    try_answer!(errors.check());
    let Some(metadata) = metadata else {
        return json_response(400, &json!({ "external_metadata": [REQUIRED] }));
    };
    let mut inner = FieldErrors::new();
    inner.optional_string(&metadata, "integration_name");
    inner.optional_string(&metadata, "record_type");
    inner.optional_object(&metadata, "record_data");
    match metadata.get("object_configuration_id") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if is_uuid(s) => {}
        Some(_) => inner.add("object_configuration_id", "Must be a valid UUID."),
    }
    if let Some(id) = metadata.get("id") {
        if id.is_array() || id.is_object() {
            inner.add("id", format!("Expected a string or a number but got type \"{}\".", type_name(id)));
        }
    }
    if !inner.is_empty() {
        let mut errors = FieldErrors::new();
        errors.nested("external_metadata", inner.into_value());
        return json_response(400, &errors.into_value());
    }
    contract.external_metadata = Some(metadata.clone());
    json_response(200, &json!({ "external_metadata": metadata }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids() {
        assert!(is_uuid("2a2340fb-1af6-401e-a04c-c69a14c798b1"));
        assert!(!is_uuid("2a2340fb-1af6-401e-a04c"));
        assert!(!is_uuid("zz2340fb-1af6-401e-a04c-c69a14c798b1"));
    }
}
