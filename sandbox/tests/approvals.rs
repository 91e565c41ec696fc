//! `contracts/approvals/{contract_id}/`: the seeded approvals with their
//! history, ad-hoc approvals sent through the API, and their validation.

mod common;

use common::{get, request, sandbox, AUTH};
use serde_json::{json, Value};
use spotdraft_sandbox::Sandbox;

fn approvals(id: &str) -> String {
    format!("/api/v2.1/public/contracts/approvals/{id}/")
}

fn post(sb: &Sandbox, id: &str, body: &Value) -> common::Response {
    request(sb, "POST", &approvals(id), &AUTH, body.to_string().as_bytes())
}

#[test]
fn seeded_approvals_show_their_state_and_history() {
    let sb = sandbox();
    // T-1002 is REDLINING: one pending legal review, not yet answered.
    let body = get(&sb, &approvals("T-1002")).json();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let approval = &results[0]["approval"];
    assert_eq!(approval["contract_id"], 1002);
    assert_eq!(approval["status"], "PENDING");
    assert_eq!(approval["approval_type"], "PRE_SIGN");
    assert_eq!(approval["sent_for_approval"], true);
    assert_eq!(approval["org_user"]["email"], "sonia.sotomayor@sandbox.example");
    assert!(approval["created_by_org_user"]["id"].is_u64());
    assert_eq!(results[0]["approval_actions"], json!([]));
    // T-1003 is SIGN: its review was approved; the one action is the latest.
    let body = get(&sb, &approvals("1003")).json();
    let actions = body["results"][0]["approval_actions"].as_array().unwrap();
    assert_eq!(body["results"][0]["approval"]["status"], "APPROVED");
    assert_eq!((actions.len(), &actions[0]["status"], &actions[0]["latest"]), (1, &json!("APPROVED"), &json!(true)));
    // A historical contract has none.
    assert_eq!(get(&sb, &approvals("H-1004")).json(), json!({"results": []}));
}

#[test]
fn unknown_contracts_are_404() {
    let sb = sandbox();
    for id in ["T-9999", "H-1001", "nope"] {
        let r = get(&sb, &approvals(id));
        assert_eq!(r.status, 404, "{id}");
        assert_eq!(r.json()["code"], "SD_CONTRACTS_00004");
        let r = post(&sb, id, &json!({"approvals": [{"name": "x", "notes": "", "approver_user_id": 101}]}));
        assert_eq!(r.status, 404, "{id}");
    }
}

#[test]
fn ad_hoc_approvals_are_created_sent_and_then_block_another_group() {
    let sb = sandbox();
    let body = json!({"approvals": [
        {"name": "Finance", "notes": "Check the payment terms.", "approver_role_id": 790},
        {"name": "Security", "notes": "", "approver_user_id": 102, "order": 5},
    ]});
    let r = post(&sb, "T-1001", &body);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let created = r.json();
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["contract_id"], 1001);
    assert_eq!(created[0]["name"], "Finance");
    assert_eq!(created[0]["approver_role_id"], 790);
    assert_eq!(created[0]["approver_user_id"], Value::Null);
    assert_eq!((&created[0]["is_sent"], &created[0]["order"]), (&json!(true), &json!(1)));
    assert_eq!(created[1]["order"], 5);
    assert_ne!(created[0]["id"], created[1]["id"]);
    // They are listed after the seeded one, pending, and the list filter sees them.
    let listed = get(&sb, &approvals("T-1001")).json();
    let listed = listed["results"].as_array().unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[1]["approval"]["id"], created[0]["id"]);
    assert_eq!(listed[1]["approval"]["approval_type"], "AD_HOC");
    assert_eq!(listed[2]["approval"]["org_user"]["id"], 102);
    assert_eq!(listed[1]["approval"]["created_by_org_user"]["email"], "elena.kagan@sandbox.example");
    let pending = get(&sb, "/api/v2.1/public/contracts/?filter__approvals_pending=true&filter__contract_id=T-1001");
    assert_eq!(pending.json()["total_results"], 1);
    // While those are pending, another group is refused with SpotDraft's code.
    let r = post(&sb, "T-1001", &json!({"approvals": [{"name": "Again", "notes": "", "approver_user_id": 101}]}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "SD_CONTRACTS_00152");
    assert_eq!(
        post(&sb, "T-1002", &json!({"approvals": [{"name": "x", "notes": "", "approver_user_id": 101}]})).status,
        400
    );
}

#[test]
fn requests_are_validated_field_by_field() {
    let sb = sandbox();
    let r = post(&sb, "T-1001", &json!({}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["approvals"][0], "This field is required.");
    assert_eq!(post(&sb, "T-1001", &json!({"approvals": []})).json()["approvals"][0], "This list may not be empty.");
    assert!(post(&sb, "T-1001", &json!({"approvals": "x"})).json()["approvals"][0]
        .as_str()
        .unwrap()
        .contains("Expected a list of items"));
    let body = json!({"approvals": [
        {"name": "ok", "notes": "", "approver_user_id": 101},
        {"notes": 3, "approver_user_id": 105, "order": 0},
        {"name": "no approver", "notes": ""},
        {"name": "bad role", "notes": "", "approver_role_id": 1},
        7,
    ]});
    let r = post(&sb, "T-1001", &body);
    assert_eq!(r.status, 400);
    let errors = r.json()["approvals"].clone();
    assert_eq!(errors[0], json!({}));
    assert_eq!(errors[1]["name"][0], "This field is required.");
    assert_eq!(errors[1]["notes"][0], "Not a valid string.");
    // User 105 is deactivated.
    assert_eq!(errors[1]["approver_user_id"][0], "Invalid pk \"105\" - object does not exist.");
    assert!(errors[1]["order"].is_array());
    assert!(errors[2]["non_field_errors"][0].as_str().unwrap().contains("approver_user_id or approver_role_id"));
    assert_eq!(errors[3]["approver_role_id"][0], "Invalid pk \"1\" - object does not exist.");
    assert!(errors[4]["non_field_errors"][0].as_str().unwrap().contains("Expected a dictionary"));
    // Nothing was created.
    assert_eq!(get(&sb, &approvals("T-1001")).json()["results"].as_array().unwrap().len(), 1);
}
