//! Templates: `GET templates/` (`{"items": [...]}`, not paged; the `tags`, `tags_all`,
//! `cp_types`, `cp_types_all`, `exclude_multi_party` and `include_archived` filters),
//! `GET templates/{template_id}/` and its field metadata.

use serde_json::{json, Value};

use super::{not_found, RequestCtx};
use crate::body::{json_response, HttpResponse};
use crate::fields::Rejected;
use crate::seed::Template;

/// Code of the "no such template" error (the sandbox's own number).
pub(crate) const TEMPLATE_NOT_FOUND_CODE: &str = "SD_TEMPLATES_00004";

fn template_json(t: &Template) -> Value {
    json!({"id": t.id, "name": t.name, "contract_type_id": t.contract_type_id, "tags": t.tags})
}

/// Tag values of a query parameter: repeated and/or comma-separated.
fn tag_values(ctx: &RequestCtx<'_>, key: &str) -> Vec<String> {
    ctx.query
        .get_all(key)
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The counterparty kinds `cp_types` may name.
const COUNTERPARTY_KINDS: [&str; 2] = ["Organisation", "Individual"];

/// A boolean query parameter as Django REST framework reads one; `Err` is the field
/// error for a 400.
fn flag(ctx: &RequestCtx<'_>, key: &str) -> Result<bool, Value> {
    match ctx.query.get(key).map(|v| v.trim().to_lowercase()) {
        None => Ok(false),
        Some(v) if ["true", "1", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["false", "0", "no", "off", ""].contains(&v.as_str()) => Ok(false),
        Some(_) => Err(json!({ key: ["Must be a valid boolean."] })),
    }
}

/// Whether a template's counterparties match `cp_types` (one of them, or all with `cp_types_all`).
fn counterparties_match(t: &Template, kind: Option<&str>, all: bool) -> bool {
    let Some(kind) = kind else { return true };
    let matches = |k: &String| k == kind;
    if all {
        t.counterparty_kinds.iter().all(matches)
    } else {
        t.counterparty_kinds.iter().any(matches)
    }
}

/// `Organisation` or `Individual` when every counterparty slot is of that kind, else `Both`.
pub(crate) fn counterparty_kind(t: &Template) -> &str {
    match t.counterparty_kinds.first() {
        Some(first) if t.counterparty_kinds.iter().all(|k| k == first) => first,
        _ => "Both",
    }
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let kind = ctx.query.get("cp_types").map(str::trim).filter(|k| !k.is_empty());
    if let Some(kind) = kind.filter(|k| !COUNTERPARTY_KINDS.contains(k)) {
        let message = format!("\"{kind}\" is not a valid choice; expected Organisation or Individual.");
        return json_response(400, &json!({ "cp_types": [message] }));
    }
    let (all, exclude_multi_party) = match (flag(ctx, "cp_types_all"), flag(ctx, "exclude_multi_party")) {
        (Ok(all), Ok(exclude)) => (all, exclude),
        (Err(errors), _) | (_, Err(errors)) => return json_response(400, &errors),
    };
    // Nothing is archived in the sandbox, so including archived templates changes nothing;
    // the value is still checked.
    if let Err(errors) = flag(ctx, "include_archived") {
        return json_response(400, &errors);
    }
    // `tags`: the template's tags are a subset of those passed; `tags_all`: the
    // passed tags are a subset of the template's.
    let tags = tag_values(ctx, "tags");
    let tags_all = tag_values(ctx, "tags_all");
    let has = |t: &Template, tag: &str| t.tags.iter().any(|x| x.to_lowercase() == tag);
    let workspace = ctx.state.workspace();
    let items: Vec<Value> = workspace
        .templates
        .iter()
        .filter(|t| tags.is_empty() || t.tags.iter().all(|x| tags.contains(&x.to_lowercase())))
        .filter(|t| tags_all.iter().all(|tag| has(t, tag)))
        .filter(|t| counterparties_match(t, kind, all))
        .filter(|t| !(exclude_multi_party && t.counterparty_kinds.len() > 1))
        .map(template_json)
        .collect();
    json_response(200, &json!({ "items": items }))
}

fn find(ctx: &RequestCtx<'_>) -> Result<Template, Rejected> {
    let raw = ctx.param("template_id");
    let id = raw.parse::<u64>().ok().filter(|_| raw.bytes().all(|b| b.is_ascii_digit()));
    match id.and_then(|id| ctx.state.workspace().template(id).cloned()) {
        Some(t) => Ok(t),
        None => Err(Box::new(not_found(TEMPLATE_NOT_FOUND_CODE, "Template not found."))),
    }
}

pub(crate) fn get(ctx: &RequestCtx<'_>) -> HttpResponse {
    match find(ctx) {
        Ok(t) => json_response(200, &template_json(&t)),
        Err(response) => *response,
    }
}

/// One field descriptor (`CfPublicDescriptor`).
fn field(variable: &str, label: &str, kind: &str, required: bool, help: &str) -> Value {
    json!({"variable": variable, "display_label": label, "type": kind, "required": required, "help_text": help})
}

/// `{"attributes": [...]}`: the fields `contract_data` may set for this template.
pub(crate) fn metadata(ctx: &RequestCtx<'_>) -> HttpResponse {
    let template = match find(ctx) {
        Ok(t) => t,
        Err(response) => return *response,
    };
    let mut attributes = vec![
        field("customer_name", "Customer Name", "string", true, "Legal name of the counterparty."),
        field("effective_date", "Effective Date", "date", true, "YYYY-MM-DD."),
    ];
    match template.contract_type_id {
        101 => {
            attributes.push(field("term_months", "Term (months)", "int", false, "How long confidentiality lasts."));
            let mut law = field("governing_law", "Governing Law", "enum", false, "");
            law["options"] = json!([
                {"label": "New York", "value": "NY"},
                {"label": "California", "value": "CA"},
                {"label": "England and Wales", "value": "EW"},
            ]);
            attributes.push(law);
        }
        102 => {
            attributes.push(field("contract_value", "Contract Value", "float", true, "Total value in USD."));
            attributes.push(field("auto_renewal", "Auto Renewal", "boolean", false, ""));
            attributes.push(field("service_countries", "Service Countries", "array of strings", false, "ISO codes."));
        }
        _ => {
            attributes.push(field("contract_value", "Contract Value", "float", false, "Total value in USD."));
            attributes.push(field("renewal_term", "Renewal Term", "string", false, ""));
        }
    }
    json_response(200, &json!({ "attributes": attributes, "counter_party_kind": counterparty_kind(&template) }))
}
