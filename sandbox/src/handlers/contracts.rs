//! Contracts: the paged, filtered list; creation from a template; status,
//! void and the execution marks; lookup by external metadata id.

use serde_json::{json, Map, Value};

use super::contract_filters::ContractFilters;
use super::{try_answer, RequestCtx};
use crate::body::{detail, empty, json_response, sd_error, HttpResponse};
use crate::fields::{type_name, FieldErrors, REQUIRED};
use crate::params::Paging;
use crate::seed::{key_pointers_for, now_rfc3339, Contract, ContractFacts, ContractKind, ENTITIES, FIRST_CONTRACT_ID};

/// Code of the "no such contract" error (the sandbox's own number).
pub(crate) const CONTRACT_NOT_FOUND_CODE: &str = "SD_CONTRACTS_00004";

pub(crate) fn contract_not_found() -> HttpResponse {
    sd_error(404, CONTRACT_NOT_FOUND_CODE, "Contract not found.")
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let paging = match Paging::from_query(&ctx.query) {
        Ok(paging) => paging,
        Err(errors) => return json_response(400, &errors),
    };
    let filters = match ContractFilters::from_query(&ctx.query) {
        Ok(filters) => filters,
        Err(errors) => return json_response(400, &errors),
    };
    let workspace = ctx.state.workspace();
    // Newest first.
    let mut matching: Vec<&Contract> = workspace.contracts.iter().filter(|c| filters.accepts(&workspace, c)).collect();
    matching.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    let items: Vec<Value> = matching.iter().map(|c| workspace.contract_json(c)).collect();
    json_response(200, &paging.envelope(items))
}

pub(crate) fn status(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    match workspace.find_contract(ctx.param("composite_id")) {
        Some(c) => json_response(200, &json!({"contract_status": c.status, "contract_name": c.name})),
        None => contract_not_found(),
    }
}

/// Code of the 402 answered when a contract's state forbids marking it for execution.
pub(crate) const CANNOT_MARK_CODE: &str = "SD_CONTRACTS_00289";

/// The name of the first counterparty in `counter_party_details`, if any.
fn counterparty_name(details: &[Value]) -> Option<String> {
    let first = details.first()?.as_object()?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    if let Some(name) = text(first.get("organization_name")) {
        return Some(name);
    }
    if let Some(poc) = first.get("poc_details").and_then(Value::as_object) {
        let full = [text(poc.get("first_name")), text(poc.get("last_name"))].into_iter().flatten().collect::<Vec<_>>();
        if !full.is_empty() {
            return Some(full.join(" "));
        }
    }
    text(first.get("name"))
}

/// The point-of-contact emails given in `counter_party_details`.
fn counterparty_emails(details: &[Value]) -> Vec<String> {
    details
        .iter()
        .filter_map(|d| d.get("poc_details")?.get("email")?.as_str())
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(String::from)
        .collect()
}

/// `POST contracts/`: a new DRAFT contract `T-<n>` from a template.
pub(crate) fn create(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut errors = FieldErrors::new();
    let mut workspace = ctx.state.workspace();
    let template = match body.get("contract_template_id") {
        None | Some(Value::Null) => {
            errors.add("contract_template_id", REQUIRED);
            None
        }
        Some(value) => match value.as_u64().or_else(|| value.as_str().and_then(|s| s.trim().parse().ok())) {
            None => {
                errors.add("contract_template_id", "A valid integer is required.");
                None
            }
            Some(id) => match workspace.template(id) {
                Some(t) => Some(t.clone()),
                None => {
                    errors.add("contract_template_id", format!("Invalid pk \"{id}\" - object does not exist."));
                    None
                }
            },
        },
    };
    let contract_data = match body.get("contract_data") {
        None => {
            errors.add("contract_data", REQUIRED);
            Map::new()
        }
        Some(_) => errors.optional_object(&body, "contract_data").unwrap_or_default(),
    };
    let details = match body.get("counter_party_details") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            if items.iter().any(|i| !i.is_object()) {
                errors.add("counter_party_details", "Each item must be an object.");
            }
            items.clone()
        }
        Some(other) => {
            errors.add(
                "counter_party_details",
                format!("Expected a list of items but got type \"{}\".", type_name(other)),
            );
            Vec::new()
        }
    };
    let external_metadata = errors.optional_object(&body, "external_metadata");
    let contract_name = errors.optional_string(&body, "contract_name").filter(|n| !n.trim().is_empty());
    try_answer!(errors.check());
    let Some(template) = template else {
        return detail(400, "Invalid template.");
    };

    let id = workspace.contracts.iter().map(|c| c.id).max().unwrap_or(FIRST_CONTRACT_ID - 1) + 1;
    let counterparty_name = counterparty_name(&details).unwrap_or_default();
    let name = contract_name.unwrap_or_else(|| {
        if counterparty_name.is_empty() {
            template.name.clone()
        } else {
            format!("{} - {}", template.name, counterparty_name)
        }
    });
    let created = now_rfc3339();
    let acting_user_id = ctx.acting_user_id(&workspace);
    let contract = Contract {
        id,
        kind: ContractKind::Template,
        key_pointers: key_pointers_for(id, &created, &contract_data),
        created: created.clone(),
        status: "DRAFT".into(),
        name,
        counterparty_name: counterparty_name.clone(),
        contract_type_id: template.contract_type_id,
        template_id: Some(template.id),
        created_by_user_id: acting_user_id,
        marked_for_execution: false,
        external_metadata,
        comments: Vec::new(),
        facts: ContractFacts {
            kind_label: "Template Contracts".into(),
            entity_name: ENTITIES[0].into(),
            tags: template.tags.clone(),
            client_brand_name: (!counterparty_name.is_empty()).then(|| counterparty_name.clone()),
            client_emails: counterparty_emails(&details),
            legal_user_id: Some(acting_user_id),
            last_updated_on: created.clone(),
            ..ContractFacts::default()
        },
        approvals: Vec::new(),
    };
    let mut answer = workspace.contract_json(&contract);
    answer["contract_id"] = json!(id);
    workspace.contracts.push(contract);
    json_response(201, &answer)
}

/// `POST contracts/{composite_id}/status/void` with `{"note": ...}` → 204.
pub(crate) fn void(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract_mut(ctx.param("composite_id")) else {
        return contract_not_found();
    };
    let mut errors = FieldErrors::new();
    errors.required_string(&body, "note");
    try_answer!(errors.check());
    match contract.status.as_str() {
        "VOIDED" => detail(400, "Contract is already voided."),
        "EXECUTED" => detail(400, "Cannot void an executed contract."),
        _ => {
            contract.status = "VOIDED".into();
            contract.marked_for_execution = false;
            contract.facts.last_updated_on = now_rfc3339();
            empty(204)
        }
    }
}

/// `POST contracts/{composite_id}/mark_for_execution/` → 200, no body; 402 when
/// the contract is VOIDED or EXECUTED.
pub(crate) fn mark_for_execution(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract_mut(ctx.param("composite_id")) else {
        return contract_not_found();
    };
    let mut errors = FieldErrors::new();
    errors.optional_bool(&body, "affix_stamp_documents");
    try_answer!(errors.check());
    if contract.status == "VOIDED" || contract.status == "EXECUTED" {
        let message =
            format!("Contract {} cannot be marked for execution: it is {}.", contract.composite_id(), contract.status);
        return sd_error(402, CANNOT_MARK_CODE, &message);
    }
    contract.marked_for_execution = true;
    contract.facts.last_updated_on = now_rfc3339();
    empty(200)
}

/// `POST contracts/{composite_id}/unmark_for_execution` → 200, no body; 400
/// when it is not marked.
pub(crate) fn unmark_for_execution(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract_mut(ctx.param("composite_id")) else {
        return contract_not_found();
    };
    let mut errors = FieldErrors::new();
    errors.optional_string(&body, "note");
    try_answer!(errors.check());
    if !contract.marked_for_execution {
        return detail(400, "Unable to unmark the contract for execution.");
    }
    contract.marked_for_execution = false;
    contract.facts.last_updated_on = now_rfc3339();
    empty(200)
}

/// `GET contracts/by_external_metadata/{external_metadata_id}`: a bare array,
/// newest first (empty when nothing is linked).
pub(crate) fn by_external_metadata(ctx: &RequestCtx<'_>) -> HttpResponse {
    let wanted = ctx.param("external_metadata_id");
    let workspace = ctx.state.workspace();
    let mut matching: Vec<&Contract> =
        workspace.contracts.iter().filter(|c| c.external_id().as_deref() == Some(wanted)).collect();
    matching.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    json_response(200, &Value::Array(matching.iter().map(|c| workspace.contract_json(c)).collect()))
}
