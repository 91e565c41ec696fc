//! Webhook subscriptions: create (https URL, known activities), delete, and
//! the workspace's fixed signing key.

use serde_json::{json, Value};

use super::{not_found, try_answer, RequestCtx};
use crate::body::{empty, json_response, HttpResponse};
use crate::fields::{type_name, FieldErrors, REQUIRED};
use crate::seed::{Counters, Webhook, Workspace};
use crate::WEBHOOK_HMAC_KEY;

/// Code of the "no such webhook" error (the sandbox's own number).
pub(crate) const WEBHOOK_NOT_FOUND_CODE: &str = "SD_WEBHOOK_NOT_FOUND";

/// The schema's `OnlyForActivitiesEnum`.
pub(crate) const ACTIVITIES: [&str; 37] = [
    "CONTRACT_VERSION_UPLOADED",
    "CONTRACT_APPROVAL_COMPLETED",
    "CONTRACT_APPROVAL_REQUESTED",
    "CONTRACT_CREATED",
    "CONTRACT_DATA_UPDATED",
    "CONTRACT_DELETED",
    "CONTRACT_EXECUTED",
    "CONTRACT_MARK_FOR_EXECUTION",
    "CONTRACT_SENT_TO_COUNTERPARTY",
    "CONTRACT_SIGNATURE_DECLINED",
    "CONTRACT_SIGNATURE_REQUESTED",
    "CONTRACT_SIGNED",
    "CONTRACT_UNMARK_FOR_EXECUTION",
    "POSTMARK_EMAIL_EVENT",
    "CONTRACT_KEY_POINTER_UPDATION",
    "CONTRACT_KEY_POINTER_CREATION",
    "SIGNING_EMAIL_DELIVERED",
    "SIGNING_EMAIL_OPENED",
    "SIGNING_EMAIL_NOT_DELIVERED",
    "SIGNING_EMAIL_LINK_CLICKED",
    "REDLINING_EMAIL_DELIVERED",
    "REDLINING_EMAIL_OPENED",
    "REDLINING_EMAIL_NOT_DELIVERED",
    "REDLINING_EMAIL_LINK_CLICKED",
    "CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT",
    "COUNTER_PARTY_CREATED",
    "COUNTER_PARTY_UPDATED",
    "COUNTER_PARTY_CONTACT_CREATED",
    "COUNTER_PARTY_CONTACT_UPDATED",
    "COUNTER_PARTY_ADDRESS_CREATED",
    "COUNTER_PARTY_ADDRESS_UPDATED",
    "CONTRACT_ACTIVITY_LOG_COMMENT_CREATED",
    "CONTRACT_VOIDED",
    "CONTRACT_PROCESS_METRIC_UPDATED",
    "CONTRACT_EXTERNAL_METADATA_CREATED",
    "CONTRACT_EXTERNAL_METADATA_UPDATED",
    "CONTRACT_ENTITY_UPDATED",
];

fn webhook_json(workspace: &Workspace, w: &Webhook) -> Value {
    json!({
        "id": w.id,
        "title": w.title,
        "only_for_activities": w.only_for_activities,
        "url": w.url,
        "created_by_user": workspace.user_summary(w.created_by_user_id),
        "description": w.description,
        "custom_headers": w.custom_headers,
        "status": "ACTIVE",
    })
}

/// An `https://host...` URL.
fn is_https_url(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some_and(|h| !h.is_empty()))
}

/// `POST webhooks/` → 201 with the subscription.
pub(crate) fn create(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut errors = FieldErrors::new();
    let title = errors.required_string(&body, "title");
    let url = errors.required_string(&body, "url");
    if let Some(url) = &url {
        if !is_https_url(url.trim()) {
            errors.add("url", "Enter a valid https URL: SpotDraft only calls HTTPS endpoints.");
        }
    }
    let activities: Vec<String> = match body.get("only_for_activities") {
        None | Some(Value::Null) => {
            errors.add("only_for_activities", REQUIRED);
            Vec::new()
        }
        Some(Value::Array(items)) if items.is_empty() => {
            errors.add("only_for_activities", "This list may not be empty.");
            Vec::new()
        }
        Some(Value::Array(items)) => {
            for item in items {
                match item.as_str() {
                    Some(a) if ACTIVITIES.contains(&a) => {}
                    Some(a) => errors.add("only_for_activities", format!("\"{a}\" is not a valid choice.")),
                    None => errors.add("only_for_activities", format!("\"{item}\" is not a valid choice.")),
                }
            }
            items.iter().filter_map(Value::as_str).map(String::from).collect()
        }
        Some(other) => {
            errors
                .add("only_for_activities", format!("Expected a list of items but got type \"{}\".", type_name(other)));
            Vec::new()
        }
    };
    let description = errors.optional_string(&body, "description");
    let custom_headers = errors.optional_object(&body, "custom_headers").unwrap_or_default();
    if custom_headers.values().any(|v| !v.is_string()) {
        errors.add("custom_headers", "Header values must be strings.");
    }
    try_answer!(errors.check());
    let mut workspace = ctx.state.workspace();
    let webhook = Webhook {
        id: Counters::take(&mut workspace.next.webhook),
        title: title.unwrap_or_default(),
        url: url.unwrap_or_default().trim().to_string(),
        only_for_activities: activities,
        description,
        custom_headers,
        created_by_user_id: ctx.acting_user_id(&workspace),
    };
    let answer = webhook_json(&workspace, &webhook);
    workspace.webhooks.push(webhook);
    json_response(201, &answer)
}

/// `GET webhooks/hmac_key/` → `{"hmac_key": WEBHOOK_HMAC_KEY}`.
pub(crate) fn hmac_key(_ctx: &RequestCtx<'_>) -> HttpResponse {
    json_response(200, &json!({ "hmac_key": WEBHOOK_HMAC_KEY }))
}

/// `DELETE webhooks/{webhook_id}` → 204; 404 when there is no such webhook.
pub(crate) fn delete(ctx: &RequestCtx<'_>) -> HttpResponse {
    let raw = ctx.param("webhook_id");
    let id = raw.parse::<u64>().ok().filter(|_| raw.bytes().all(|b| b.is_ascii_digit()));
    let mut workspace = ctx.state.workspace();
    match id.and_then(|id| workspace.webhooks.iter().position(|w| w.id == id)) {
        Some(index) => {
            workspace.webhooks.remove(index);
            empty(204)
        }
        None => not_found(WEBHOOK_NOT_FOUND_CODE, "Webhook not found."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_only() {
        assert!(is_https_url("https://hooks.example/x"));
        assert!(!is_https_url("http://hooks.example/x"));
        assert!(!is_https_url("https://"));
        assert!(!is_https_url("hooks.example"));
    }
}
