//! Counterparties: the paged list (`filter__client_email_address`,
//! `filter_custom__<name>`), get, create (409 on a duplicate organization
//! name) and partial update.

use serde_json::{Map, Value};

use super::{not_found, try_answer, RequestCtx};
use crate::body::{json_response, sd_error, HttpResponse};
use crate::fields::{FieldErrors, Object, BLANK, REQUIRED};
use crate::params::Paging;
use crate::seed::{Contact, Counterparty, Counters, Workspace};

/// Code of the "no such counterparty" error (the sandbox's own number).
pub(crate) const COUNTERPARTY_NOT_FOUND_CODE: &str = "SD_COUNTERPARTY_NOT_FOUND";
/// Code of the 409 for a second organization of the same name.
pub(crate) const DUPLICATE_CODE: &str = "SD_COUNTERPARTY_DUPLICATE";

const ADDRESS_FIELDS: [&str; 8] =
    ["line_one", "city_name", "state_name", "zipcode", "email", "phone", "country_name", "country_iso_code"];
const ADDRESS_REQUIRED: [&str; 3] = ["line_one", "city_name", "country_name"];

/// A custom field value as text, for `filter_custom__` comparisons.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let paging = match Paging::from_query(&ctx.query) {
        Ok(paging) => paging,
        Err(errors) => return json_response(400, &errors),
    };
    let email = ctx.query.get("filter__client_email_address").map(str::trim).filter(|e| !e.is_empty());
    let custom: Vec<(&str, &str)> = ctx.query.with_prefix("filter_custom__").collect();
    let workspace = ctx.state.workspace();
    let items: Vec<Value> = workspace
        .counterparties
        .iter()
        .filter(|cp| email.is_none_or(|e| cp.contacts.iter().any(|c| c.email.eq_ignore_ascii_case(e))))
        .filter(|cp| {
            custom.iter().all(|(name, value)| cp.custom_fields.get(*name).is_some_and(|v| as_text(v) == *value))
        })
        .map(|cp| workspace.counterparty_json(cp))
        .collect();
    json_response(200, &paging.envelope(items))
}

fn index_of(workspace: &Workspace, raw: &str) -> Option<usize> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id: u64 = raw.parse().ok()?;
    workspace.counterparties.iter().position(|cp| cp.id == id)
}

fn counterparty_not_found() -> HttpResponse {
    not_found(COUNTERPARTY_NOT_FOUND_CODE, "Counterparty not found.")
}

pub(crate) fn get(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    match index_of(&workspace, ctx.param("counterparty_id")) {
        Some(i) => json_response(200, &workspace.counterparty_json(&workspace.counterparties[i])),
        None => counterparty_not_found(),
    }
}

/// Merge `given` into `base` (an existing address or a new one with `id`),
/// checking the fields; the nested field errors otherwise.
fn merge_address(given: &Object, base: Option<&Object>, new_id: u64) -> Result<Object, Value> {
    let mut errors = FieldErrors::new();
    let mut address = base.cloned().unwrap_or_else(|| {
        let mut fresh = Map::new();
        fresh.insert("id".into(), Value::from(new_id));
        fresh.insert("state_name".into(), Value::from(""));
        fresh.insert("zipcode".into(), Value::from(""));
        fresh
    });
    for name in ADDRESS_FIELDS {
        if let Some(value) = errors.optional_string(given, name) {
            address.insert(name.into(), Value::String(value));
        }
    }
    for name in ADDRESS_REQUIRED {
        let present = address.get(name).and_then(Value::as_str).is_some_and(|v| !v.trim().is_empty());
        if !present {
            match given.get(name) {
                Some(Value::String(_)) => errors.add(name, BLANK),
                Some(v) if !v.is_null() => {} // already "Not a valid string."
                _ => errors.add(name, REQUIRED),
            }
        }
    }
    if errors.is_empty() {
        Ok(address)
    } else {
        Err(errors.into_value())
    }
}

/// The 409 when another organization (not `except`) already has `name`.
fn duplicate(workspace: &Workspace, name: &str, except: Option<u64>) -> Option<HttpResponse> {
    let other = workspace
        .counterparties
        .iter()
        .find(|cp| !cp.is_individual && Some(cp.id) != except && cp.name.trim().eq_ignore_ascii_case(name.trim()))?;
    let message = format!("A counterparty named \"{}\" already exists (id {}).", other.name, other.id);
    Some(sd_error(409, DUPLICATE_CODE, &message))
}

fn check_email(errors: &mut FieldErrors, field: &str, email: Option<&str>) {
    if let Some(email) = email {
        let valid = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if !valid {
            errors.add(field, "Enter a valid email address.");
        }
    }
}

/// `POST counter_parties/` → 201 with the new counterparty.
pub(crate) fn create(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut errors = FieldErrors::new();
    let is_individual = match body.get("is_individual") {
        None | Some(Value::Null) => {
            errors.add("is_individual", REQUIRED);
            false
        }
        Some(_) => errors.optional_bool(&body, "is_individual").unwrap_or(false),
    };
    let organization_name = errors.optional_string(&body, "organization_name");
    let contact_name = errors.optional_string(&body, "contact_name");
    let contact_email = errors.optional_string(&body, "contact_email");
    let plain_name = errors.optional_string(&body, "name");
    let brand_name = errors.optional_string(&body, "brand_name");
    errors.optional_string(&body, "organization_type");
    check_email(&mut errors, "contact_email", contact_email.as_deref());
    let nonblank = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    let name = if is_individual {
        nonblank(&contact_name).or_else(|| nonblank(&plain_name))
    } else {
        nonblank(&organization_name).or_else(|| nonblank(&plain_name))
    };
    if name.is_none() {
        errors.add(if is_individual { "contact_name" } else { "organization_name" }, REQUIRED);
    }
    let custom_fields = errors.optional_object(&body, "custom_fields").unwrap_or_default();
    let address = errors.optional_object(&body, "primary_address");
    let mut workspace = ctx.state.workspace();
    let primary_address = match address {
        None => None,
        Some(given) => match merge_address(&given, None, workspace.next.address) {
            Ok(address) => Some(address),
            Err(nested) => {
                errors.nested("primary_address", nested);
                None
            }
        },
    };
    try_answer!(errors.check());
    let name = name.unwrap_or_default();
    if !is_individual {
        if let Some(conflict) = duplicate(&workspace, &name, None) {
            return conflict;
        }
    }
    if primary_address.is_some() {
        Counters::take(&mut workspace.next.address);
    }
    let contacts = if contact_name.is_some() || contact_email.is_some() {
        let id = Counters::take(&mut workspace.next.contact);
        let email = contact_email.unwrap_or_default();
        let contact_name =
            nonblank(&contact_name).unwrap_or_else(|| if is_individual { name.clone() } else { email.clone() });
        vec![Contact { id, name: contact_name, email }]
    } else {
        Vec::new()
    };
    let counterparty = Counterparty {
        id: Counters::take(&mut workspace.next.counterparty),
        name,
        is_individual,
        brand_name,
        contacts,
        primary_address,
        status: "ACTIVE".into(),
        custom_fields,
    };
    let answer = workspace.counterparty_json(&counterparty);
    workspace.counterparties.push(counterparty);
    json_response(201, &answer)
}

/// `PATCH counter_parties/{counterparty_id}`: `name`, `brand_name`,
/// `custom_fields` (merged; `null` removes a field) and `primary_address`
/// (merged) → 200 with the counterparty.
pub(crate) fn update(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(index) = index_of(&workspace, ctx.param("counterparty_id")) else {
        return counterparty_not_found();
    };
    let mut errors = FieldErrors::new();
    let name = match body.get("name") {
        None | Some(Value::Null) => None,
        Some(_) => errors.required_string(&body, "name"),
    };
    let brand_name = errors.optional_string(&body, "brand_name");
    let custom_fields = errors.optional_object(&body, "custom_fields");
    let address = errors.optional_object(&body, "primary_address");
    let current = &workspace.counterparties[index];
    let primary_address = match address {
        None => None,
        Some(given) => match merge_address(&given, current.primary_address.as_ref(), workspace.next.address) {
            Ok(address) => Some(address),
            Err(nested) => {
                errors.nested("primary_address", nested);
                None
            }
        },
    };
    try_answer!(errors.check());
    let id = current.id;
    if let Some(name) = &name {
        if !current.is_individual {
            if let Some(conflict) = duplicate(&workspace, name, Some(id)) {
                return conflict;
            }
        }
    }
    if primary_address.is_some() && current.primary_address.is_none() {
        Counters::take(&mut workspace.next.address);
    }
    let counterparty = &mut workspace.counterparties[index];
    if let Some(name) = name {
        counterparty.name = name.trim().to_string();
    }
    if let Some(brand_name) = brand_name {
        counterparty.brand_name = Some(brand_name);
    }
    for (key, value) in custom_fields.unwrap_or_default() {
        if value.is_null() {
            counterparty.custom_fields.remove(&key);
        } else {
            counterparty.custom_fields.insert(key, value);
        }
    }
    if let Some(address) = primary_address {
        counterparty.primary_address = Some(address);
    }
    let counterparty = counterparty.clone();
    json_response(200, &workspace.counterparty_json(&counterparty))
}
