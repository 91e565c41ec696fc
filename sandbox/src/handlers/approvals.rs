//! Approvals of a contract: `GET contracts/approvals/{contract_id}/` lists them
//! with their history (`{"results": [{approval, approval_actions}]}`);
//! `POST` creates and sends ad-hoc approvals (201, a bare array of the new ones),
//! refused with `SD_CONTRACTS_00152` while another approval is pending.

use serde_json::{json, Value};

use super::contracts::contract_not_found;
use super::{try_answer, RequestCtx};
use crate::body::{json_response, sd_error, HttpResponse};
use crate::fields::{type_name, FieldErrors, Object, REQUIRED};
use crate::seed::{now_rfc3339, Approval, ApprovalAction, Counters, Workspace};

/// Code of the 400 answered while another approval group is in progress.
pub(crate) const APPROVAL_IN_PROGRESS_CODE: &str = "SD_CONTRACTS_00152";

/// `{id, name, email}` of a user (`OrgUserSerializerV2`); `null` when unknown.
fn org_user(workspace: &Workspace, id: u64) -> Value {
    match workspace.user(id) {
        Some(u) => json!({"id": u.id, "name": u.full_name(), "email": u.email}),
        None => Value::Null,
    }
}

fn action_json(action: &ApprovalAction, latest: bool) -> Value {
    json!({"status": action.status, "notes": action.notes, "created": action.created, "latest": latest})
}

fn approval_json(workspace: &Workspace, contract_id: u64, a: &Approval) -> Value {
    let mut approval = json!({
        "id": a.id,
        "contract_id": contract_id,
        "approval_name": a.name,
        "approval_type": a.approval_type,
        "sent_for_approval": a.sent,
        "notes": a.notes,
        "created_by_org_user": org_user(workspace, a.created_by_user_id),
        "status": a.status,
    });
    if let Some(user) = a.approver_user_id {
        approval["org_user"] = org_user(workspace, user);
    }
    if let Some(sent) = &a.last_sent_at {
        approval["last_sent_at"] = json!(sent);
    }
    let last = a.actions.len().saturating_sub(1);
    let actions: Vec<Value> = a.actions.iter().enumerate().map(|(i, action)| action_json(action, i == last)).collect();
    json!({"approval": approval, "approval_actions": actions})
}

/// The answer to a create, one item per new approval (`AdhocApprovalsResponse`).
fn created_json(contract_id: u64, a: &Approval) -> Value {
    json!({
        "id": a.id,
        "contract_id": contract_id,
        "name": a.name,
        "approver_user_id": a.approver_user_id,
        "approver_role_id": a.approver_role_id,
        "is_sent": a.sent,
        "notes": a.notes,
        "order": a.order,
    })
}

pub(crate) fn get(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    let results: Vec<Value> = contract.approvals.iter().map(|a| approval_json(&workspace, contract.id, a)).collect();
    json_response(200, &json!({ "results": results }))
}

/// One requested approval, checked.
struct Requested {
    name: String,
    notes: String,
    approver_user_id: Option<u64>,
    approver_role_id: Option<u64>,
    order: Option<u64>,
}

/// An optional id field that must name an existing object.
fn reference(errors: &mut FieldErrors, item: &Object, field: &str, exists: impl Fn(u64) -> bool) -> Option<u64> {
    match item.get(field) {
        None | Some(Value::Null) => None,
        Some(value) => match value.as_u64() {
            Some(id) if exists(id) => Some(id),
            Some(id) => {
                errors.add(field, format!("Invalid pk \"{id}\" - object does not exist."));
                None
            }
            None => {
                errors.add(field, "A valid integer is required.");
                None
            }
        },
    }
}

/// Check one item of `approvals`; `Err` holds its field errors.
fn requested(workspace: &Workspace, item: &Value) -> Result<Requested, Value> {
    let Some(item) = item.as_object() else {
        let message = format!("Invalid data. Expected a dictionary, but got {}.", type_name(item));
        return Err(json!({ "non_field_errors": [message] }));
    };
    let mut errors = FieldErrors::new();
    let name = errors.required_string(item, "name");
    let notes = match item.get("notes") {
        None => {
            errors.add("notes", REQUIRED);
            None
        }
        Some(_) => errors.optional_string(item, "notes"),
    };
    let user = reference(&mut errors, item, "approver_user_id", |id| workspace.user(id).is_some_and(|u| u.is_active));
    let role = reference(&mut errors, item, "approver_role_id", |id| workspace.roles.iter().any(|r| r.id == id));
    let approver_given =
        ["approver_user_id", "approver_role_id"].iter().any(|f| item.get(*f).is_some_and(|v| !v.is_null()));
    if !approver_given {
        errors.add("non_field_errors", "Give approver_user_id or approver_role_id.");
    }
    let order = match item.get("order") {
        None | Some(Value::Null) => None,
        Some(value) => match value.as_u64().filter(|n| *n >= 1) {
            Some(n) => Some(n),
            None => {
                errors.add("order", "Ensure this value is a whole number greater than or equal to 1.");
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors.into_value());
    }
    Ok(Requested {
        name: name.unwrap_or_default(),
        notes: notes.unwrap_or_default(),
        approver_user_id: user,
        approver_role_id: role,
        order,
    })
}

/// `{"approvals": [{name, notes, approver_user_id | approver_role_id, order?}]}` → 201.
pub(crate) fn create(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    let (pending, composite_id) = (contract.approvals_pending(), contract.composite_id());
    let mut errors = FieldErrors::new();
    let mut wanted = Vec::new();
    match body.get("approvals") {
        None | Some(Value::Null) => errors.add("approvals", REQUIRED),
        Some(Value::Array(items)) if items.is_empty() => errors.add("approvals", "This list may not be empty."),
        Some(Value::Array(items)) => {
            let checked: Vec<Result<Requested, Value>> = items.iter().map(|i| requested(&workspace, i)).collect();
            if checked.iter().any(Result::is_err) {
                let per_item: Vec<Value> =
                    checked.iter().map(|c| c.as_ref().err().cloned().unwrap_or(json!({}))).collect();
                errors.nested("approvals", Value::Array(per_item));
            } else {
                wanted = checked.into_iter().flatten().collect();
            }
        }
        Some(other) => {
            errors.add("approvals", format!("Expected a list of items but got type \"{}\".", type_name(other)))
        }
    }
    try_answer!(errors.check());
    if pending {
        let message = format!("Another approval group is already in progress for contract {composite_id}.");
        return sd_error(400, APPROVAL_IN_PROGRESS_CODE, &message);
    }
    let acting_user_id = ctx.acting_user_id(&workspace);
    let ids: Vec<u64> = wanted.iter().map(|_| Counters::take(&mut workspace.next.approval)).collect();
    let Some(contract) = workspace.find_contract_mut(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    let now = now_rfc3339();
    let mut answer = Vec::new();
    for (position, (request, id)) in wanted.into_iter().zip(ids).enumerate() {
        let approval = Approval {
            id,
            name: request.name,
            approval_type: "AD_HOC".into(),
            approver_user_id: request.approver_user_id,
            approver_role_id: request.approver_role_id,
            sent: true,
            last_sent_at: Some(now.clone()),
            notes: request.notes,
            order: request.order.unwrap_or(position as u64 + 1),
            created_by_user_id: acting_user_id,
            status: "PENDING".into(),
            actions: Vec::new(),
        };
        answer.push(created_json(contract.id, &approval));
        contract.approvals.push(approval);
    }
    contract.facts.last_updated_on = now;
    json_response(201, &Value::Array(answer))
}
