//! Operations with state: contracts (create, void, execution marks, download
//! links, key pointers, external metadata, comments), templates, roles,
//! counterparties and webhooks, with their error bodies.

mod common;

use common::{get, request, sandbox, Response, AUTH};
use serde_json::{json, Value};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_USER_EMAIL, WEBHOOK_HMAC_KEY};

const API: &str = "/api/v2.1/public";

fn send(sb: &Sandbox, method: &str, path: &str, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap();
    let mut headers = AUTH.to_vec();
    headers.push(("content-type", "application/json"));
    request(sb, method, &format!("{API}{path}"), &headers, &bytes)
}

fn api_get(sb: &Sandbox, path: &str) -> Response {
    get(sb, &format!("{API}{path}"))
}

/// The richer SpotDraft error body.
fn assert_sd_error(r: &Response, status: u16, code: &str) {
    assert_eq!(r.status, status, "{:?}", String::from_utf8_lossy(&r.body));
    let body = r.json();
    assert_eq!(body["status_code"], status);
    assert_eq!(body["code"], code);
    assert!(body["detail"].is_string() && body["message"].is_string(), "{body}");
}

// ---- contracts ----

#[test]
fn create_contract_then_it_is_listed_first() {
    let sb = sandbox();
    let body = json!({
        "contract_template_id": 3,
        "contract_data": {"customer_name": "Acme Inc.", "effective_date": "2026-03-28"},
        "counter_party_details": [{
            "is_individual": false,
            "organization_name": "Acme Inc.",
            "poc_details": {"first_name": "Avery", "last_name": "Stone", "email": "legal@acme.example"}
        }],
        "external_metadata": {"id": "hubspot-deal-10024", "integration_name": "HubSpot"}
    });
    let r = send(&sb, "POST", "/contracts/", &body);
    assert_eq!(r.status, 201, "{:?}", r.json());
    let created = r.json();
    assert_eq!(created["id"], "T-1061");
    assert_eq!(created["contract_id"], 1061);
    assert_eq!(created["contract_status"], "DRAFT");
    assert_eq!(created["contract_name"], "Master Services Agreement - Acme Inc.");
    assert_eq!(created["counter_party_name"], "Acme Inc.");
    assert_eq!(created["contract_type_id"], 102);
    assert_eq!(created["created_by_user_email"], DEMO_USER_EMAIL);
    assert_eq!(created["external_metadata"]["id"], "hubspot-deal-10024");
    let list = api_get(&sb, "/contracts/?limit=2").json();
    assert_eq!(list["total_results"], 61);
    assert_eq!(list["results"][0]["id"], "T-1061");
    assert_eq!(
        list["results"][0],
        created
            .as_object()
            .map(|o| {
                let mut o = o.clone();
                o.remove("contract_id");
                Value::Object(o)
            })
            .unwrap()
    );
    // The contract_data values named like key pointers set them.
    let kps = api_get(&sb, "/contracts/T-1061/key_pointers").json();
    assert_eq!(kps[0]["field_name"], "effective_date");
    assert_eq!(kps[0]["value"], "2026-03-28");
    // Linked by its external id.
    let found = api_get(&sb, "/contracts/by_external_metadata/hubspot-deal-10024").json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], "T-1061");
    // Without counterparty, the template name alone; ids keep counting.
    let r = send(&sb, "POST", "/contracts/", &json!({"contract_template_id": 1, "contract_data": {}}));
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["id"], "T-1062");
    assert_eq!(r.json()["contract_name"], "Basic Non Disclosure Agreement");
    let r = send(
        &sb,
        "POST",
        "/contracts/",
        &json!({"contract_template_id": 1, "contract_data": {}, "contract_name": "Mine"}),
    );
    assert_eq!(r.json()["contract_name"], "Mine");
}

#[test]
fn create_contract_field_errors() {
    let sb = sandbox();
    let r = send(&sb, "POST", "/contracts/", &json!({"contract_template_id": 99, "contract_data": {}}));
    assert_eq!(r.status, 400);
    assert!(r.json()["contract_template_id"][0].as_str().unwrap().contains("99"));
    let r = send(&sb, "POST", "/contracts/", &json!({}));
    assert_eq!(r.status, 400);
    let body = r.json();
    assert_eq!(body["contract_template_id"][0], "This field is required.");
    assert_eq!(body["contract_data"][0], "This field is required.");
    let r = send(
        &sb,
        "POST",
        "/contracts/",
        &json!({"contract_template_id": "x", "contract_data": [1], "counter_party_details": {}}),
    );
    let body = r.json();
    assert_eq!(body["contract_template_id"][0], "A valid integer is required.");
    assert!(body["contract_data"][0].as_str().unwrap().contains("dictionary"));
    assert!(body["counter_party_details"][0].as_str().unwrap().contains("list"));
    let r = request(&sb, "POST", &format!("{API}/contracts/"), &AUTH, b"{not json");
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"].as_str().unwrap().starts_with("JSON parse error"));
    // Nothing was created.
    assert_eq!(api_get(&sb, "/contracts/").json()["total_results"], 60);
}

#[test]
fn void_then_status_is_voided_and_void_twice_is_400() {
    let sb = sandbox();
    // T-1001 is DRAFT.
    let r = send(&sb, "POST", "/contracts/T-1001/status/void", &json!({"note": "Deal lost"}));
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(api_get(&sb, "/contracts/T-1001/status").json()["contract_status"], "VOIDED");
    let r = send(&sb, "POST", "/contracts/T-1001/status/void", &json!({"note": "again"}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"detail": "Contract is already voided."}));
    // H-1004 is EXECUTED.
    let r = send(&sb, "POST", "/contracts/H-1004/status/void", &json!({"note": "no"}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"detail": "Cannot void an executed contract."}));
    // The note is required and may not be blank.
    let r = send(&sb, "POST", "/contracts/T-1002/status/void", &json!({}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["note"][0], "This field is required.");
    let r = send(&sb, "POST", "/contracts/T-1002/status/void", &json!({"note": "  "}));
    assert_eq!(r.json()["note"][0], "This field may not be blank.");
    assert_eq!(api_get(&sb, "/contracts/T-1002/status").json()["contract_status"], "REDLINING");
    assert_sd_error(
        &send(&sb, "POST", "/contracts/T-9999/status/void", &json!({"note": "x"})),
        404,
        "SD_CONTRACTS_00004",
    );
    // The list shows the new status too.
    let list = api_get(&sb, "/contracts/?filter__contract_id=T-1001").json();
    assert_eq!(list["results"][0]["contract_status"], "VOIDED");
}

#[test]
fn mark_and_unmark_for_execution() {
    let sb = sandbox();
    // T-1003 is SIGN.
    let r = send(&sb, "POST", "/contracts/T-1003/unmark_for_execution", &json!({}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"detail": "Unable to unmark the contract for execution."}));
    let r = send(&sb, "POST", "/contracts/T-1003/mark_for_execution/", &json!({"affix_stamp_documents": true}));
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    // Marking again is harmless.
    assert_eq!(request(&sb, "POST", &format!("{API}/contracts/1003/mark_for_execution/"), &AUTH, b"").status, 200);
    let r = send(&sb, "POST", "/contracts/T-1003/unmark_for_execution", &json!({"note": "edits requested"}));
    assert_eq!(r.status, 200);
    assert_eq!(send(&sb, "POST", "/contracts/T-1003/unmark_for_execution", &json!({})).status, 400);
    // Not from EXECUTED or VOIDED: 402 with an SD_ code.
    assert_sd_error(&send(&sb, "POST", "/contracts/H-1004/mark_for_execution/", &json!({})), 402, "SD_CONTRACTS_00289");
    assert_sd_error(&send(&sb, "POST", "/contracts/T-1007/mark_for_execution/", &json!({})), 402, "SD_CONTRACTS_00289");
    let r = send(&sb, "POST", "/contracts/T-1003/mark_for_execution/", &json!({"affix_stamp_documents": "yes"}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["affix_stamp_documents"][0], "Must be a valid boolean.");
    // Voiding clears the mark.
    assert_eq!(send(&sb, "POST", "/contracts/T-1003/mark_for_execution/", &json!({})).status, 200);
    assert_eq!(send(&sb, "POST", "/contracts/T-1003/status/void", &json!({"note": "x"})).status, 204);
    assert_eq!(send(&sb, "POST", "/contracts/T-1003/unmark_for_execution", &json!({})).status, 400);
    assert_sd_error(&send(&sb, "POST", "/contracts/T-4242/mark_for_execution/", &json!({})), 404, "SD_CONTRACTS_00004");
}

#[test]
fn download_link_serves_the_file_without_credentials() {
    let size = 200_000;
    let sb = Sandbox::start(SandboxConfig::new().rate_limit(false).pdf_size(size)).unwrap();
    let r = send(&sb, "POST", "/contracts/T-1001/download_link", &json!({"format": "PDF"}));
    assert_eq!(r.status, 200);
    let link = r.json();
    assert_eq!(link["file_name"], "Basic Non Disclosure Agreement - Acme Corporation.pdf");
    assert_eq!(link["current_version_id"], 1);
    let url = link["url"].as_str().unwrap();
    let prefix = format!("{}/__sandbox/files/", sb.base_url());
    assert!(url.starts_with(&prefix), "{url}");
    assert!(url.contains("?signature="));
    let target = &url[sb.base_url().len()..];
    let file = request(&sb, "GET", target, &[], b"");
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("application/pdf"));
    assert_eq!(file.body.len() as u64, size);
    let direct = request(&sb, "POST", &format!("{API}/contracts/T-1001/download"), &AUTH, b"");
    assert_eq!(file.body, direct.body);
    // A wrong signature or token.
    let (path, _) = target.split_once('?').unwrap();
    assert_eq!(request(&sb, "GET", &format!("{path}?signature=0000"), &[], b"").status, 403);
    assert_eq!(request(&sb, "GET", "/__sandbox/files/nope?signature=1", &[], b"").status, 404);
    // DOCX, the default and bad formats.
    let docx = send(&sb, "POST", "/contracts/H-1004/download_link", &json!({"format": "DOCX"})).json();
    assert!(docx["file_name"].as_str().unwrap().ends_with(".docx"));
    let default = request(&sb, "POST", &format!("{API}/contracts/T-1001/download_link"), &AUTH, b"");
    assert!(default.json()["file_name"].as_str().unwrap().ends_with(".pdf"));
    let r = send(&sb, "POST", "/contracts/T-1001/download_link", &json!({"format": "TXT"}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["format"][0], "\"TXT\" is not a valid choice.");
    assert_sd_error(&send(&sb, "POST", "/contracts/T-4242/download_link", &json!({})), 404, "SD_CONTRACTS_00004");
}

#[test]
fn key_pointers_bulk_update_then_get() {
    let sb = sandbox();
    let kps = api_get(&sb, "/contracts/T-1002/key_pointers").json();
    let kps = kps.as_array().expect("bare array");
    let names: Vec<&str> = kps.iter().map(|k| k["field_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["effective_date", "contract_value", "renewal_term"]);
    for k in kps {
        for field in ["id", "value", "label", "field_name", "data_type", "format_option"] {
            assert!(k.get(field).is_some(), "{field} in {k}");
        }
    }
    assert_eq!(kps[0]["id"], 10021);
    let update = json!({"key_pointers": [
        {"key_pointer_id": 10022, "value": {"type": "USD", "value": 99000}},
        {"key_pointer_field_name": "renewal_term", "value": {"type": "MONTHS", "value": 6}},
    ]});
    let r = send(&sb, "POST", "/contracts/T-1002/key_pointers/bulk", &update);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()[1]["value"]["value"], 99000);
    let after = api_get(&sb, "/contracts/1002/key_pointers").json();
    assert_eq!(after[1]["value"], json!({"type": "USD", "value": 99000}));
    assert_eq!(after[2]["value"], json!({"type": "MONTHS", "value": 6}));
    // Unknown ids and fields: 400 per item, nothing applied.
    let bad = json!({"key_pointers": [
        {"key_pointer_field_name": "effective_date", "value": "2030-01-01"},
        {"key_pointer_id": 1, "value": 1},
        {"key_pointer_field_name": "nope", "value": 1},
        {"value": 1},
        {"key_pointer_id": 10021},
    ]});
    let r = send(&sb, "POST", "/contracts/T-1002/key_pointers/bulk", &bad);
    assert_eq!(r.status, 400);
    let errors = r.json();
    let items = errors["key_pointers"].as_array().unwrap();
    assert_eq!(items[0], json!({}));
    assert!(items[1]["key_pointer_id"][0].as_str().unwrap().contains("does not exist"));
    assert!(items[2]["key_pointer_field_name"][0].is_string());
    assert!(items[3]["non_field_errors"][0].is_string());
    assert_eq!(items[4]["value"][0], "This field is required.");
    assert_eq!(api_get(&sb, "/contracts/T-1002/key_pointers").json()[0]["value"], kps[0]["value"]);
    // Values are stored as given (no type check).
    let r = send(
        &sb,
        "POST",
        "/contracts/T-1002/key_pointers/bulk",
        &json!({"key_pointers": [{"key_pointer_id": 10021, "value": "soon"}]}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()[0]["value"], "soon");
    assert_eq!(
        send(&sb, "POST", "/contracts/T-1002/key_pointers/bulk", &json!({})).json()["key_pointers"][0],
        "This field is required."
    );
    assert_sd_error(&api_get(&sb, "/contracts/T-4242/key_pointers"), 404, "SD_CONTRACTS_00004");
}

#[test]
fn external_metadata_set_then_found() {
    let sb = sandbox();
    assert_sd_error(&api_get(&sb, "/contracts/1005/external_metadata"), 404, "SD_INTEGRATIONS_00021");
    assert_eq!(api_get(&sb, "/contracts/by_external_metadata/opp-1").json(), json!([]));
    let metadata = json!({
        "id": "opp-1",
        "integration_name": "Salesforce",
        "record_type": "Opportunity",
        "record_data": {"stage": "Closed Won"},
        "object_configuration_id": "2a2340fb-1af6-401e-a04c-c69a14c798b1"
    });
    let r = send(&sb, "POST", "/contracts/1005/external_metadata", &json!({"external_metadata": metadata}));
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"external_metadata": metadata}));
    assert_eq!(api_get(&sb, "/contracts/1005/external_metadata").json()["external_metadata"], metadata);
    // Composite ids are tolerated in the integer path parameter.
    assert_eq!(api_get(&sb, "/contracts/T-1005/external_metadata").status, 200);
    let found = api_get(&sb, "/contracts/by_external_metadata/opp-1").json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], "T-1005");
    assert_eq!(found[0]["external_metadata"]["id"], "opp-1");
    // Replacing it moves the link.
    let r = send(&sb, "POST", "/contracts/1005/external_metadata", &json!({"external_metadata": {"id": 77}}));
    assert_eq!(r.status, 200);
    assert_eq!(api_get(&sb, "/contracts/by_external_metadata/opp-1").json(), json!([]));
    assert_eq!(api_get(&sb, "/contracts/by_external_metadata/77").json()[0]["id"], "T-1005");
    // Errors.
    assert_eq!(
        send(&sb, "POST", "/contracts/1005/external_metadata", &json!({})).json()["external_metadata"][0],
        "This field is required."
    );
    let r = send(
        &sb,
        "POST",
        "/contracts/1005/external_metadata",
        &json!({"external_metadata": {"object_configuration_id": "x"}}),
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["external_metadata"]["object_configuration_id"][0].is_string());
    assert_sd_error(&api_get(&sb, "/contracts/9999/external_metadata"), 404, "SD_CONTRACTS_00004");
}

#[test]
fn comments_add_then_list() {
    let sb = sandbox();
    let seeded = api_get(&sb, "/contracts/1001/comments/").json();
    assert_eq!(seeded["total_results"], 1);
    assert_eq!(seeded["results"][0]["replies"][0]["comment"], "Reviewed, looks fine.");
    let empty = api_get(&sb, "/contracts/1002/comments/").json();
    assert_eq!(empty, json!({"page": 1, "limit": 10, "total_results": 0, "results": []}));
    let r = send(&sb, "POST", "/contracts/1002/comments/", &json!({"comment": "Please review."}));
    assert_eq!(r.status, 201);
    let comment = r.json();
    assert_eq!(comment["contract_id"], 1002);
    assert_eq!(comment["comment"], "Please review.");
    assert_eq!(comment["replies"], json!([]));
    assert!(comment["id"].is_u64());
    send(&sb, "POST", "/contracts/T-1002/comments/", &json!({"comment": "Second."}));
    let list = api_get(&sb, "/contracts/1002/comments/?limit=1&page=2").json();
    assert_eq!(list["total_results"], 2);
    assert_eq!(list["results"][0]["comment"], "Second.");
    let r = send(&sb, "POST", "/contracts/1002/comments/", &json!({"comment": ""}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["comment"][0], "This field may not be blank.");
    assert_eq!(
        send(&sb, "POST", "/contracts/1002/comments/", &json!({})).json()["comment"][0],
        "This field is required."
    );
    assert_sd_error(&api_get(&sb, "/contracts/9999/comments/"), 404, "SD_CONTRACTS_00004");
}

// ---- templates, roles ----

#[test]
fn templates_get_metadata_and_tags() {
    let sb = sandbox();
    let t = api_get(&sb, "/templates/3/").json();
    assert_eq!(t["id"], 3);
    assert_eq!(t["name"], "Master Services Agreement");
    assert_eq!(t["contract_type_id"], 102);
    assert_eq!(t["tags"], json!(["MSA", "Sales"]));
    assert_sd_error(&api_get(&sb, "/templates/99/"), 404, "SD_TEMPLATES_00004");
    assert_sd_error(&api_get(&sb, "/templates/abc/"), 404, "SD_TEMPLATES_00004");
    let meta = api_get(&sb, "/templates/3/metadata").json();
    let attributes = meta["attributes"].as_array().unwrap();
    assert_eq!(attributes[0]["variable"], "customer_name");
    assert_eq!(attributes[0]["type"], "string");
    assert_eq!(attributes[0]["required"], true);
    assert!(attributes.iter().all(|a| a["display_label"].is_string()));
    assert_sd_error(&api_get(&sb, "/templates/99/metadata"), 404, "SD_TEMPLATES_00004");
    let all = api_get(&sb, "/templates/").json();
    assert_eq!(all["items"].as_array().unwrap().len(), 5);
    assert!(all["items"][0]["tags"].is_array());
    let nda = api_get(&sb, "/templates/?tags_all=NDA").json();
    assert_eq!(nda["items"].as_array().unwrap().len(), 2);
    let subset = api_get(&sb, "/templates/?tags=Sales&tags=MSA").json();
    let ids: Vec<u64> = subset["items"].as_array().unwrap().iter().map(|t| t["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [3, 4]);
    assert_eq!(api_get(&sb, "/templates/?tags=Sales,MSA").json(), subset);
}

#[test]
fn roles_list() {
    let sb = sandbox();
    let roles = api_get(&sb, "/auth/roles/").json();
    let active = roles["active_roles"].as_array().unwrap();
    assert_eq!(active.len(), 4);
    assert_eq!(active[0], json!({"id": 123, "name": "Admin", "description": "Admin team"}));
}

// ---- counterparties ----

#[test]
fn counterparty_list_get_and_custom_filters() {
    let sb = sandbox();
    let list = api_get(&sb, "/counter_parties/?limit=3").json();
    assert_eq!(list["total_results"], 10);
    let first = &list["results"][0];
    assert_eq!(first["id"], 500);
    assert_eq!(first["name"], "Acme Corporation");
    assert_eq!(first["status"], "ACTIVE");
    assert_eq!(first["custom_fields"]["vendor_id"], "V-1000");
    assert_eq!(first["contacts"][0]["email"], "legal@acme.example");
    assert_eq!(first["primary_address"]["city_name"], "Phoenix");
    assert_eq!(api_get(&sb, "/counter_parties/507").json()["name"], "Soylent, Inc.");
    assert_sd_error(&api_get(&sb, "/counter_parties/42"), 404, "SD_COUNTERPARTY_NOT_FOUND");
    let by_vendor = api_get(&sb, "/counter_parties/?filter_custom__vendor_id=V-1003").json();
    assert_eq!(by_vendor["total_results"], 1);
    assert_eq!(by_vendor["results"][0]["id"], 503);
    let gold = api_get(&sb, "/counter_parties/?filter_custom__tier=gold&limit=100").json();
    assert_eq!(gold["total_results"], 4);
    let both = api_get(&sb, "/counter_parties/?filter_custom__tier=gold&filter_custom__vendor_id=V-1003").json();
    assert_eq!(both["total_results"], 1);
    assert_eq!(api_get(&sb, "/counter_parties/?filter_custom__nope=1").json()["total_results"], 0);
    let by_email = api_get(&sb, "/counter_parties/?filter__client_email_address=legal%40hooli.example").json();
    assert_eq!(by_email["results"][0]["name"], "Hooli");
}

#[test]
fn counterparty_create_get_patch_and_duplicate() {
    let sb = sandbox();
    let body = json!({
        "is_individual": false,
        "organization_type": "Private Limited",
        "organization_name": "Vandelay Industries",
        "contact_name": "Art Vandelay",
        "contact_email": "art@vandelay.example",
        "brand_name": "Vandelay",
        "primary_address": {"line_one": "1 Import Way", "city_name": "New York", "country_name": "USA"},
        "custom_fields": {"vendor_id": "V-2000"}
    });
    let r = send(&sb, "POST", "/counter_parties/", &body);
    assert_eq!(r.status, 201, "{:?}", r.json());
    let created = r.json();
    let id = created["id"].as_u64().unwrap();
    assert_eq!(id, 510);
    assert_eq!(created["name"], "Vandelay Industries");
    assert_eq!(created["is_individual"], false);
    assert_eq!(created["status"], "ACTIVE");
    assert_eq!(created["contacts"][0]["name"], "Art Vandelay");
    assert_eq!(created["contacts"][0]["email"], "art@vandelay.example");
    assert!(created["contacts"][0]["id"].is_u64());
    assert_eq!(created["primary_address"]["city_name"], "New York");
    assert_eq!(created["primary_address"]["zipcode"], "");
    assert!(created["primary_address"]["id"].is_u64());
    assert_eq!(created["custom_fields"], json!({"vendor_id": "V-2000"}));
    assert_eq!(api_get(&sb, &format!("/counter_parties/{id}")).json(), created);
    assert_eq!(api_get(&sb, "/counter_parties/?filter_custom__vendor_id=V-2000").json()["results"][0]["id"], id);
    // Same organization name again (any case): 409.
    let again = json!({"is_individual": false, "organization_name": "VANDELAY INDUSTRIES"});
    assert_sd_error(&send(&sb, "POST", "/counter_parties/", &again), 409, "SD_COUNTERPARTY_DUPLICATE");
    // Partial update.
    let patch = json!({"name": "Vandelay Imports", "custom_fields": {"gst_number": "22AAAAA0000A1Z5"}, "primary_address": {"zipcode": "10001"}});
    let r = send(&sb, "PATCH", &format!("/counter_parties/{id}"), &patch);
    assert_eq!(r.status, 200);
    let updated = r.json();
    assert_eq!(updated["name"], "Vandelay Imports");
    assert_eq!(updated["brand_name"], "Vandelay");
    assert_eq!(updated["custom_fields"], json!({"vendor_id": "V-2000", "gst_number": "22AAAAA0000A1Z5"}));
    assert_eq!(updated["primary_address"]["zipcode"], "10001");
    assert_eq!(updated["primary_address"]["city_name"], "New York");
    assert_eq!(api_get(&sb, &format!("/counter_parties/{id}")).json(), updated);
    // Renaming onto another organization: 409; blank name: 400; unknown: 404.
    assert_sd_error(
        &send(&sb, "PATCH", &format!("/counter_parties/{id}"), &json!({"name": "Hooli"})),
        409,
        "SD_COUNTERPARTY_DUPLICATE",
    );
    let r = send(&sb, "PATCH", &format!("/counter_parties/{id}"), &json!({"name": ""}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["name"][0], "This field may not be blank.");
    assert_sd_error(
        &send(&sb, "PATCH", "/counter_parties/42", &json!({"name": "x"})),
        404,
        "SD_COUNTERPARTY_NOT_FOUND",
    );
    // An individual is named by its contact.
    let person = json!({"is_individual": true, "contact_name": "Kel Varnsen", "contact_email": "kel@example.com"});
    let r = send(&sb, "POST", "/counter_parties/", &person);
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["name"], "Kel Varnsen");
    assert_eq!(r.json()["is_individual"], true);
    assert_eq!(api_get(&sb, "/counter_parties/").json()["total_results"], 12);
}

#[test]
fn counterparty_field_errors() {
    let sb = sandbox();
    let r = send(&sb, "POST", "/counter_parties/", &json!({"is_individual": false}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["organization_name"][0], "This field is required.");
    let r = send(&sb, "POST", "/counter_parties/", &json!({"organization_name": "X Co"}));
    assert_eq!(r.json()["is_individual"][0], "This field is required.");
    let r = send(&sb, "POST", "/counter_parties/", &json!({"is_individual": true}));
    assert_eq!(r.json()["contact_name"][0], "This field is required.");
    let bad = json!({
        "is_individual": false,
        "organization_name": "X Co",
        "contact_email": "not-an-email",
        "primary_address": {"city_name": "Paris"},
        "custom_fields": "vendor"
    });
    let r = send(&sb, "POST", "/counter_parties/", &bad);
    assert_eq!(r.status, 400);
    let errors = r.json();
    assert_eq!(errors["contact_email"][0], "Enter a valid email address.");
    assert_eq!(errors["primary_address"]["line_one"][0], "This field is required.");
    assert_eq!(errors["primary_address"]["country_name"][0], "This field is required.");
    assert!(errors["custom_fields"][0].is_string());
    assert_eq!(api_get(&sb, "/counter_parties/").json()["total_results"], 10);
}

// ---- webhooks ----

#[test]
fn webhook_create_delete_and_delete_again() {
    let sb = sandbox();
    let body = json!({
        "title": "Contract Created webhook",
        "only_for_activities": ["CONTRACT_CREATED", "CONTRACT_VOIDED"],
        "url": "https://hooks.example/spotdraft",
        "description": "For tests",
        "custom_headers": {"X-ABC-ACCESS-KEY": "example-access-key"}
    });
    let r = send(&sb, "POST", "/webhooks/", &body);
    assert_eq!(r.status, 201, "{:?}", r.json());
    let hook = r.json();
    let id = hook["id"].as_u64().unwrap();
    assert_eq!(hook["title"], "Contract Created webhook");
    assert_eq!(hook["only_for_activities"], json!(["CONTRACT_CREATED", "CONTRACT_VOIDED"]));
    assert_eq!(hook["url"], "https://hooks.example/spotdraft");
    assert_eq!(hook["description"], "For tests");
    assert_eq!(hook["custom_headers"]["X-ABC-ACCESS-KEY"], "example-access-key");
    assert_eq!(hook["status"], "ACTIVE");
    assert_eq!(hook["created_by_user"]["email"], DEMO_USER_EMAIL);
    assert_eq!(hook["created_by_user"]["id"], 100);
    let second = send(&sb, "POST", "/webhooks/", &body).json();
    assert_eq!(second["id"].as_u64().unwrap(), id + 1);
    let r = request(&sb, "DELETE", &format!("{API}/webhooks/{id}"), &AUTH, b"");
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_sd_error(&request(&sb, "DELETE", &format!("{API}/webhooks/{id}"), &AUTH, b""), 404, "SD_WEBHOOK_NOT_FOUND");
    assert_sd_error(&request(&sb, "DELETE", &format!("{API}/webhooks/abc"), &AUTH, b""), 404, "SD_WEBHOOK_NOT_FOUND");
    assert_eq!(request(&sb, "DELETE", &format!("{API}/webhooks/{}", id + 1), &AUTH, b"").status, 204);
}

#[test]
fn webhook_field_errors() {
    let sb = sandbox();
    let r = send(
        &sb,
        "POST",
        "/webhooks/",
        &json!({"title": "t", "url": "http://hooks.example/x", "only_for_activities": ["CONTRACT_CREATED"]}),
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["url"][0].as_str().unwrap().contains("https"));
    let r = send(
        &sb,
        "POST",
        "/webhooks/",
        &json!({"title": "t", "url": "https://hooks.example/x", "only_for_activities": []}),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["only_for_activities"][0], "This list may not be empty.");
    let r = send(
        &sb,
        "POST",
        "/webhooks/",
        &json!({"title": "t", "url": "https://hooks.example/x", "only_for_activities": ["CONTRACT_CREATED", "NOPE"]}),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["only_for_activities"][0], "\"NOPE\" is not a valid choice.");
    let r = send(&sb, "POST", "/webhooks/", &json!({}));
    let errors = r.json();
    for field in ["title", "url", "only_for_activities"] {
        assert_eq!(errors[field][0], "This field is required.", "{field}");
    }
}

#[test]
fn hmac_key_is_the_fixed_constant() {
    let sb = sandbox();
    let r = api_get(&sb, "/webhooks/hmac_key/");
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"hmac_key": WEBHOOK_HMAC_KEY}));
    // base64 of 64 bytes.
    assert_eq!(WEBHOOK_HMAC_KEY.len(), 88);
    assert!(WEBHOOK_HMAC_KEY.ends_with("=="));
}

// ---- authentication on stateful operations ----

#[test]
fn unauthenticated_writes_change_nothing() {
    let sb = sandbox();
    let body = serde_json::to_vec(&json!({"note": "x"})).unwrap();
    let r = request(&sb, "POST", &format!("{API}/contracts/T-1001/status/void"), &[], &body);
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["detail"], "Authentication credentials were not provided.");
    let wrong = [("client-id", "sandbox-demo-client-id"), ("client-secret", "wrong")];
    assert_eq!(request(&sb, "POST", &format!("{API}/contracts/T-1001/status/void"), &wrong, &body).status, 401);
    assert_eq!(request(&sb, "DELETE", &format!("{API}/webhooks/900"), &[], b"").status, 401);
    // Not emulated, unauthenticated: 401 too.
    assert_eq!(request(&sb, "GET", &format!("{API}/organizations/types/"), &[], b"").status, 401);
    assert_eq!(request(&sb, "GET", &format!("{API}/organizations/types/"), &AUTH, b"").status, 501);
    assert_eq!(api_get(&sb, "/contracts/T-1001/status").json()["contract_status"], "DRAFT");
}

#[test]
fn acting_user_is_recorded_as_creator() {
    let sb = sandbox();
    let bytes = serde_json::to_vec(&json!({"contract_template_id": 2, "contract_data": {}})).unwrap();
    let mut headers = AUTH.to_vec();
    headers.push(("user-email", "sonia.sotomayor@sandbox.example"));
    let r = request(&sb, "POST", &format!("{API}/contracts/"), &headers, &bytes);
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["created_by_user_email"], "sonia.sotomayor@sandbox.example");
    assert_eq!(r.json()["created_by"], "Sonia Sotomayor");
}
