//! Every emulated operation, asked a valid question, answers with every
//! property the schema marks `required` in its response schema (through
//! `$ref`s, `allOf`/`oneOf`/`anyOf`, nested objects and array items).
//!
//! Runs only when `SPOTDRAFT_OPENAPI` points at the SpotDraft OpenAPI YAML
//! (`scripts/test-all` sets it); the YAML is read by python3 with PyYAML, as
//! the catalogue drift check does, so the sandbox needs no YAML crate.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{request, sandbox, AUTH};
use serde_json::{json, Value};
use spotdraft_sandbox::emulated_operations;

/// One valid request per emulated operation, in an order where each finds
/// what it needs (the webhook it deletes, the mark it removes):
/// `(operation, METHOD, path below /api/v2.1/public/, JSON body)`.
fn valid_requests() -> Vec<(&'static str, &'static str, &'static str, Value)> {
    let none = Value::Null;
    vec![
        ("contract_types.list", "GET", "contract_types/", none.clone()),
        ("templates.list", "GET", "templates/", none.clone()),
        ("templates.get", "GET", "templates/2/", none.clone()),
        ("templates.metadata", "GET", "templates/2/metadata", none.clone()),
        ("contracts.list", "GET", "contracts/?limit=100", none.clone()),
        (
            "contracts.create",
            "POST",
            "contracts/",
            json!({"contract_template_id": 1, "contract_data": {"customer_name": "Acme"},
                   "counter_party_details": [{"organization_name": "Acme Corporation"}],
                   "external_metadata": {"id": "crm-1", "integration_name": "HubSpot"}}),
        ),
        ("contracts.status", "GET", "contracts/T-1001/status", none.clone()),
        ("contracts.void", "POST", "contracts/T-1002/status/void", json!({"note": "superseded"})),
        ("contracts.mark_for_execution", "POST", "contracts/T-1003/mark_for_execution/", json!({})),
        ("contracts.unmark_for_execution", "POST", "contracts/T-1003/unmark_for_execution", json!({"note": "edits"})),
        ("contracts.download", "POST", "contracts/T-1001/download", json!({})),
        ("contracts.download_link", "POST", "contracts/T-1001/download_link", json!({"format": "PDF"})),
        ("contracts.key_pointers.get", "GET", "contracts/T-1001/key_pointers", none.clone()),
        (
            "contracts.key_pointers.bulk_update",
            "POST",
            "contracts/T-1001/key_pointers/bulk",
            json!({"key_pointers": [{"key_pointer_field_name": "renewal_term", "value": {"type": "MONTHS", "value": 6}}]}),
        ),
        (
            "contracts.external_metadata.create",
            "POST",
            "contracts/1005/external_metadata",
            json!({"external_metadata": {"id": "opp-1", "integration_name": "Salesforce"}}),
        ),
        ("contracts.external_metadata.get", "GET", "contracts/1005/external_metadata", none.clone()),
        ("contracts.by_external_metadata", "GET", "contracts/by_external_metadata/opp-1", none.clone()),
        ("contracts.approvals.get", "GET", "contracts/approvals/T-1003/", none.clone()),
        (
            "contracts.approvals.create",
            "POST",
            "contracts/approvals/T-1001/",
            json!({"approvals": [{"name": "Finance", "notes": "Terms", "approver_user_id": 101}]}),
        ),
        ("contracts.comments.list", "GET", "contracts/1001/comments/", none.clone()),
        ("contracts.comments.create", "POST", "contracts/1001/comments/", json!({"comment": "Looks fine."})),
        ("users.list", "GET", "auth/users/", none.clone()),
        ("roles.list", "GET", "auth/roles/", none.clone()),
        ("counter_parties.list", "GET", "counter_parties/", none.clone()),
        (
            "counter_parties.create",
            "POST",
            "counter_parties/",
            json!({"is_individual": false, "organization_name": "Vandelay Industries", "contact_name": "Art Vandelay",
                   "contact_email": "art@vandelay.example",
                   "primary_address": {"line_one": "1 Import Way", "city_name": "New York", "country_name": "USA"}}),
        ),
        ("counter_parties.get", "GET", "counter_parties/500", none.clone()),
        ("counter_parties.update", "PATCH", "counter_parties/500", json!({"brand_name": "Acme"})),
        (
            "webhooks.create",
            "POST",
            "webhooks/",
            json!({"title": "Created", "only_for_activities": ["CONTRACT_CREATED"], "url": "https://hooks.example/sd"}),
        ),
        ("webhooks.hmac_key", "GET", "webhooks/hmac_key/", none.clone()),
        ("webhooks.delete", "DELETE", "webhooks/900", none),
    ]
}

/// The schema as JSON, through python3 and PyYAML.
fn load_schema(path: &std::ffi::OsStr) -> Value {
    let out = Command::new("python3")
        .args(["-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout, default=str)"])
        .arg(path)
        .output()
        .expect("failed to run python3 (needed when SPOTDRAFT_OPENAPI is set)");
    assert!(out.status.success(), "reading the schema failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the schema as JSON")
}

/// Follow `$ref`s (local ones, `#/components/...`).
fn resolve<'a>(doc: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else { return schema };
        let pointer = reference.strip_prefix('#').unwrap_or_else(|| panic!("non-local $ref {reference}"));
        schema = doc.pointer(pointer).unwrap_or_else(|| panic!("dangling $ref {reference}"));
    }
    panic!("$ref chain too long")
}

/// Where `value` lacks a property `schema` requires, as `path.to.property`.
fn missing(doc: &Value, schema: &Value, value: &Value, at: &str, depth: usize, out: &mut Vec<String>) {
    if depth > 24 || value.is_null() {
        return;
    }
    let schema = resolve(doc, schema);
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            missing(doc, part, value, at, depth + 1, out);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(variants) = schema.get(key).and_then(Value::as_array) {
            let per_variant: Vec<Vec<String>> = variants
                .iter()
                .map(|v| {
                    let mut found = Vec::new();
                    missing(doc, v, value, at, depth + 1, &mut found);
                    found
                })
                .collect();
            if !per_variant.iter().any(Vec::is_empty) {
                out.extend(per_variant.into_iter().min_by_key(Vec::len).unwrap_or_default());
            }
        }
    }
    match value {
        Value::Object(object) => {
            for name in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                let name = name.as_str().unwrap_or_default();
                if !object.contains_key(name) {
                    out.push(format!("{at}.{name}"));
                }
            }
            for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if let Some(inner) = object.get(name) {
                    missing(doc, property, inner, &format!("{at}.{name}"), depth + 1, out);
                }
            }
            if let Some(extra) = schema.get("additionalProperties").filter(|s| s.is_object()) {
                let known = schema.get("properties").and_then(Value::as_object);
                for (name, inner) in object {
                    if known.is_none_or(|k| !k.contains_key(name)) {
                        missing(doc, extra, inner, &format!("{at}.{name}"), depth + 1, out);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    missing(doc, item_schema, item, &format!("{at}[{i}]"), depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_emulated_answer_carries_the_required_properties() {
    let Some(schema_path) = std::env::var_os("SPOTDRAFT_OPENAPI").filter(|s| !s.is_empty()) else {
        eprintln!("note: SPOTDRAFT_OPENAPI is not set; skipping the required-properties check");
        return;
    };
    let doc = load_schema(&schema_path);
    let requests = valid_requests();
    let emulated: BTreeSet<&str> = emulated_operations().into_iter().map(|(name, _, _)| name).collect();
    let covered: BTreeSet<&str> = requests.iter().map(|r| r.0).collect();
    assert_eq!(covered, emulated, "one valid request per emulated operation");

    let sb = sandbox();
    let templates: std::collections::BTreeMap<&str, (&str, &str)> =
        emulated_operations().into_iter().map(|(name, method, template)| (name, (method, template))).collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, method, path, body) in requests {
        let (_, template) = templates[name];
        let body = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
        let r = request(&sb, method, &format!("/api/v2.1/public/{path}"), &AUTH, &body);
        assert!((200..300).contains(&r.status), "{name}: {} {}", r.status, String::from_utf8_lossy(&r.body));
        let operation = &doc["paths"][template][method.to_ascii_lowercase()];
        assert!(operation.is_object(), "{name}: {method} {template} is not in the schema");
        let responses = &operation["responses"];
        let documented = responses.get(r.status.to_string()).or_else(|| responses.get("default"));
        let Some(documented) = documented.map(|d| resolve(&doc, d)) else {
            problems.push(format!("{name}: status {} is not documented", r.status));
            continue;
        };
        let Some(json_schema) = documented.pointer("/content/application~1json/schema") else {
            continue; // No body documented (204).
        };
        if resolve(&doc, json_schema).get("format").and_then(Value::as_str) == Some("binary") {
            continue; // A file, whatever content type the schema gives it.
        }
        checked += 1;
        if r.body.is_empty() {
            problems.push(format!("{name}: the schema documents a JSON body, the sandbox sent none"));
            continue;
        }
        match serde_json::from_slice::<Value>(&r.body) {
            Ok(answer) => missing(&doc, json_schema, &answer, name, 0, &mut problems),
            Err(_) => problems.push(format!(
                "{name}: the schema documents a JSON body, the sandbox sent {}",
                r.header("content-type").unwrap_or("no content type")
            )),
        }
    }
    assert!(checked >= 20, "only {checked} answers had a JSON schema to check");
    assert!(problems.is_empty(), "answers lacking what the schema requires:\n{}", problems.join("\n"));
}
