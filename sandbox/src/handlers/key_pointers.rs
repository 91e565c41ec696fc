//! A contract's key pointers (metadata values): `GET
//! contracts/{composite_id}/key_pointers` and the all-or-nothing bulk update.

use serde_json::{json, Map, Value};

use super::contracts::contract_not_found;
use super::{try_answer, RequestCtx};
use crate::body::{json_response, HttpResponse};
use crate::fields::{type_name, FieldErrors, REQUIRED};
use crate::seed::KeyPointer;

fn key_pointer_json(kp: &KeyPointer) -> Value {
    json!({
        "id": kp.id,
        "value": kp.value,
        "label": kp.label,
        "field_name": kp.field_name,
        "data_type": kp.data_type,
        "format_option": kp.format_option,
    })
}

fn list_json(key_pointers: &[KeyPointer]) -> Value {
    Value::Array(key_pointers.iter().map(key_pointer_json).collect())
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    match workspace.find_contract(ctx.param("composite_id")) {
        Some(c) => json_response(200, &list_json(&c.key_pointers)),
        None => contract_not_found(),
    }
}

/// Validate one update against the contract's key pointers: the index of the
/// key pointer it changes, or its field errors.
fn check_update(item: &Value, key_pointers: &[KeyPointer]) -> Result<usize, Map<String, Value>> {
    let mut errors = FieldErrors::new();
    let Some(obj) = item.as_object() else {
        errors.add("non_field_errors", format!("Invalid data. Expected a dictionary, but got {}.", type_name(item)));
        return Err(into_map(errors));
    };
    let by_id = obj.get("key_pointer_id").filter(|v| !v.is_null());
    let by_name = obj.get("key_pointer_field_name").filter(|v| !v.is_null());
    let index = match (by_id, by_name) {
        (Some(id), _) => match id.as_u64() {
            None => {
                errors.add("key_pointer_id", "A valid integer is required.");
                None
            }
            Some(id) => {
                let found = key_pointers.iter().position(|k| k.id == id);
                if found.is_none() {
                    errors.add("key_pointer_id", format!("Key pointer {id} does not exist on this contract."));
                }
                found
            }
        },
        (None, Some(name)) => match name.as_str() {
            None => {
                errors.add("key_pointer_field_name", "Not a valid string.");
                None
            }
            Some(name) => {
                let found = key_pointers.iter().position(|k| k.field_name == name);
                if found.is_none() {
                    errors.add(
                        "key_pointer_field_name",
                        format!("Key pointer field \"{name}\" does not exist on this contract."),
                    );
                }
                found
            }
        },
        (None, None) => {
            errors.add("non_field_errors", "Either key_pointer_id or key_pointer_field_name is required.");
            None
        }
    };
    // Values are stored as given: the sandbox does not check them against the data type.
    if !obj.contains_key("value") {
        errors.add("value", REQUIRED);
    }
    match index {
        Some(i) if errors.is_empty() => Ok(i),
        _ => Err(into_map(errors)),
    }
}

fn into_map(errors: FieldErrors) -> Map<String, Value> {
    match errors.into_value() {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `POST contracts/{composite_id}/key_pointers/bulk` with
/// `{"key_pointers": [{"key_pointer_id" | "key_pointer_field_name", "value"}]}`:
/// applies every change or none, and answers the contract's key pointers.
pub(crate) fn bulk_update(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract_mut(ctx.param("composite_id")) else {
        return contract_not_found();
    };
    let mut errors = FieldErrors::new();
    let items = match body.get("key_pointers") {
        None | Some(Value::Null) => {
            errors.add("key_pointers", REQUIRED);
            Vec::new()
        }
        Some(Value::Array(items)) if items.is_empty() => {
            errors.add("key_pointers", "This list may not be empty.");
            Vec::new()
        }
        Some(Value::Array(items)) => items.clone(),
        Some(other) => {
            errors.add("key_pointers", format!("Expected a list of items but got type \"{}\".", type_name(other)));
            Vec::new()
        }
    };
    try_answer!(errors.check());
    let checked: Vec<Result<usize, Map<String, Value>>> =
        items.iter().map(|item| check_update(item, &contract.key_pointers)).collect();
    if checked.iter().any(Result::is_err) {
        let per_item: Vec<Value> = checked.into_iter().map(|r| Value::Object(r.err().unwrap_or_default())).collect();
        let mut errors = FieldErrors::new();
        errors.nested("key_pointers", Value::Array(per_item));
        return json_response(400, &errors.into_value());
    }
    for (item, index) in items.iter().zip(checked.into_iter().flatten()) {
        contract.key_pointers[index].value = item["value"].clone();
    }
    json_response(200, &list_json(&contract.key_pointers))
}
