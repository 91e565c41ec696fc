//! Contracts: the paged, filtered list; creation from a template; status,
//! void and the execution marks; lookup by external metadata id.

use serde_json::{json, Map, Value};

use super::{try_answer, RequestCtx};
use crate::body::{detail, empty, json_response, sd_error, HttpResponse};
use crate::fields::{type_name, FieldErrors, REQUIRED};
use crate::params::{filters, Filter, Paging};
use crate::seed::{
    key_pointers_for, now_rfc3339, parse_composite_id, Contract, ContractKind, FIRST_CONTRACT_ID, STATUSES,
};

/// Code of the "no such contract" error (the sandbox's own number).
pub(crate) const CONTRACT_NOT_FOUND_CODE: &str = "SD_CONTRACTS_00004";

pub(crate) fn contract_not_found() -> HttpResponse {
    sd_error(404, CONTRACT_NOT_FOUND_CODE, "Contract not found.")
}

/// The filters of the contract list, validated.
struct ContractFilters {
    ids: Vec<Filter>,
    statuses: Vec<Filter>,
    client_names: Vec<Filter>,
    contract_type_ids: Vec<Filter>,
    query: Option<String>,
}

impl ContractFilters {
    fn from_ctx(ctx: &RequestCtx<'_>) -> Result<Self, Value> {
        let mut statuses = filters(&ctx.query, "display_status");
        // Accepted alias: clients often think of it as the contract status.
        statuses.extend(filters(&ctx.query, "contract_status"));
        let mut errors = Map::new();
        for filter in &statuses {
            if let Some(bad) = filter.values.iter().find(|v| !STATUSES.contains(&v.as_str())) {
                errors.insert(filter.param.clone(), json!([format!("\"{bad}\" is not a valid choice.")]));
            }
        }
        if !errors.is_empty() {
            return Err(Value::Object(errors));
        }
        Ok(ContractFilters {
            ids: filters(&ctx.query, "contract_id"),
            statuses,
            client_names: filters(&ctx.query, "client_name"),
            contract_type_ids: filters(&ctx.query, "contract_type_id"),
            query: ctx.query.get("query").map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()),
        })
    }

    fn accepts(&self, c: &Contract) -> bool {
        self.ids.iter().all(|f| f.accepts(|v| id_equals(c, v)))
            && self.statuses.iter().all(|f| f.accepts(|v| c.status == v))
            && self.client_names.iter().all(|f| f.accepts(|v| c.counterparty_name.eq_ignore_ascii_case(v)))
            && self.contract_type_ids.iter().all(|f| f.accepts(|v| v.trim().parse::<u64>() == Ok(c.contract_type_id)))
            && self
                .query
                .as_deref()
                .is_none_or(|q| c.name.to_lowercase().contains(q) || c.counterparty_name.to_lowercase().contains(q))
    }
}

/// A contract id filter value may be composite (`T-1001`) or bare (`1001`).
fn id_equals(c: &Contract, value: &str) -> bool {
    match parse_composite_id(value.trim()) {
        Some((kind, digits)) => digits.parse::<u64>() == Ok(c.id) && kind.is_none_or(|k| k == c.kind),
        None => false,
    }
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let paging = match Paging::from_query(&ctx.query) {
        Ok(paging) => paging,
        Err(errors) => return json_response(400, &errors),
    };
    let filters = match ContractFilters::from_ctx(ctx) {
        Ok(filters) => filters,
        Err(errors) => return json_response(400, &errors),
    };
    let workspace = ctx.state.workspace();
    // Newest first.
    let mut matching: Vec<&Contract> = workspace.contracts.iter().filter(|c| filters.accepts(c)).collect();
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
    let contract = Contract {
        id,
        kind: ContractKind::Template,
        key_pointers: key_pointers_for(id, &created, &contract_data),
        created,
        status: "DRAFT".into(),
        name,
        counterparty_name,
        contract_type_id: template.contract_type_id,
        template_id: Some(template.id),
        created_by_user_id: ctx.acting_user_id(&workspace),
        marked_for_execution: false,
        external_metadata,
        comments: Vec::new(),
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
