//! Every filter the schema documents for an emulated list narrows it as the
//! seed's pattern says (`sandbox/README.md`), range operators honour their
//! bounds, and an undocumented parameter or a malformed value is a 400 that
//! names the parameter.

mod common;

use common::{get, sandbox};
use serde_json::Value;
use spotdraft_sandbox::Sandbox;

const CONTRACTS: &str = "/api/v2.1/public/contracts/";

/// `(total_results, ids)` of the contract list under `filters`.
fn list(sb: &Sandbox, filters: &str) -> (u64, Vec<String>) {
    let r = get(sb, &format!("{CONTRACTS}?limit=100&{filters}"));
    assert_eq!(r.status, 200, "{filters}: {}", String::from_utf8_lossy(&r.body));
    let body = r.json();
    let ids = body["results"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    (body["total_results"].as_u64().unwrap(), ids)
}

fn count(sb: &Sandbox, filters: &str) -> u64 {
    list(sb, filters).0
}

/// `$eq` and `$ne` of one value split the 60 contracts between them, and the
/// bare name means `$eq`.
fn splits(sb: &Sandbox, field: &str, value: &str, expected: u64) {
    let eq = list(sb, &format!("filter__{field}[$eq]={value}"));
    assert_eq!(eq.0, expected, "{field} = {value}");
    assert_eq!(list(sb, &format!("filter__{field}={value}")), eq, "bare {field}");
    let ne = list(sb, &format!("filter__{field}[$ne]={value}"));
    assert_eq!(ne.0, 60 - expected, "{field} != {value}");
    assert!(eq.1.iter().all(|id| !ne.1.contains(id)), "{field}: $eq and $ne overlap");
}

#[test]
fn text_filters_narrow() {
    let sb = sandbox();
    splits(&sb, "client_name", "Acme%20Corporation", 6);
    splits(&sb, "client_brand_name", "acme%20corporation", 6);
    splits(&sb, "client_email", "legal@acme.example", 6);
    splits(&sb, "client_email_address", "LEGAL@acme.example", 6);
    splits(&sb, "contract_kind", "Externally%20Executed%20Contracts", 15);
    splits(&sb, "contract_kind", "Template%20Contracts%20(Redlined)", 8);
    splits(&sb, "contract_packet_name", "Q1%20Renewals", 6);
    splits(&sb, "contract_packet_name", "Partner%20Onboarding", 6);
    splits(&sb, "contract_reference_id", "SD-1001", 1);
    splits(&sb, "contract_type_name", "Historic", 3);
    splits(&sb, "entity_name", "Sandbox%20Legal%20Inc.", 30);
    splits(&sb, "tags", "Priority", 9);
    splits(&sb, "tags", "NDA", 18);
    splits(&sb, "tags", "Legacy", 15);
    // Contracts 1008 and 1036 are both historical (Legacy) and Priority.
    assert_eq!(count(&sb, "filter__tags[$in]=Legacy,Priority"), 15 + 9 - 2);
    assert_eq!(count(&sb, "filter__contract_packet_name[$in]=Q1%20Renewals,Partner%20Onboarding"), 12);
    // Each filter narrows what the others left.
    assert_eq!(list(&sb, "filter__client_name=Acme%20Corporation&filter__tags=Priority").1, ["T-1001"]);
}

#[test]
fn signing_filters_narrow() {
    let sb = sandbox();
    splits(&sb, "pending_with", "Executed", 22);
    splits(&sb, "pending_with", "Pending%20with%20Counterparty%20Signatory", 2);
    splits(&sb, "pending_with", "Pending%20with%20Company%20Signatory", 3);
    splits(&sb, "pending_with", "Pending%20with%20Counterparty%20and%20Company%20Signatories", 3);
    splits(&sb, "signatories", "elena.kagan@sandbox.example", 9);
    splits(&sb, "signatories", "legal@acme.example", 3);
    let rejected =
        list(&sb, "filter__signatures_rejected_by[$in]=legal@wayne.example,legal@umbrella.example,x@y.example");
    assert_eq!(rejected.1, ["T-1054", "T-1014", "T-1006"]);
    let pending_company = count(&sb, "filter__signatures_pending_on[$in]=elena.kagan@sandbox.example,sonia.sotomayor@sandbox.example,avery.stone@sandbox.example");
    assert_eq!(pending_company, 6);
    let signed = count(&sb, "filter__signatures_completed_by=elena.kagan@sandbox.example");
    assert!(signed > 0 && signed <= 9, "{signed}");
}

#[test]
fn approvals_pending_follows_the_approvals() {
    let sb = sandbox();
    splits(&sb, "approvals_pending", "true", 8);
    assert_eq!(count(&sb, "filter__approvals_pending=false"), 52);
    assert_eq!(list(&sb, "filter__approvals_pending=true"), list(&sb, "filter__display_status=REDLINING"));
}

#[test]
fn integer_filters_and_their_ranges() {
    let sb = sandbox();
    splits(&sb, "legal_user_id", "101", 20);
    assert_eq!(count(&sb, "filter__legal_user_id[$gt]=101"), 20);
    assert_eq!(count(&sb, "filter__legal_user_id[$gte]=101"), 40);
    assert_eq!(count(&sb, "filter__legal_user_id[$lt]=101"), 20);
    assert_eq!(count(&sb, "filter__legal_user_id[$lte]=101"), 40);
    assert_eq!(count(&sb, "filter__legal_user_id[$in]=100,102"), 40);
    splits(&sb, "business_user_id", "104", 30);
    assert_eq!(count(&sb, "filter__business_user_id[$gt]=103&filter__business_user_id[$lt]=105"), 30);
    // Ten contracts have nobody assigned: they pass only `$ne`.
    assert_eq!(count(&sb, "filter__assigned_to=100"), 10);
    assert_eq!(count(&sb, "filter__assigned_to[$ne]=100"), 50);
    assert_eq!(count(&sb, "filter__assigned_to[$gte]=101"), 40);
    assert_eq!(count(&sb, "filter__assigned_to[$lte]=102"), 50);
    splits(&sb, "contract_type_id", "101", 22);
    assert_eq!(count(&sb, "filter__contract_type_id[$gte]=102"), 16);
    assert_eq!(count(&sb, "filter__contract_type_id[$gt]=102"), 3);
}

#[test]
fn date_time_ranges_honour_their_bounds() {
    let sb = sandbox();
    // T-1001 was created at 2024-01-01T09:00:00Z, the earliest.
    let first = "2024-01-01T09:00:00Z";
    assert_eq!(list(&sb, &format!("filter__created_at={first}")).1, ["T-1001"]);
    assert_eq!(count(&sb, &format!("filter__created_at[$gte]={first}")), 60);
    assert_eq!(count(&sb, &format!("filter__created_at[$gt]={first}")), 59);
    assert_eq!(count(&sb, &format!("filter__created_at[$lte]={first}")), 1);
    assert_eq!(count(&sb, &format!("filter__created_at[$lt]={first}")), 0);
    // The same instant in another zone, and a whole-day window (contract i on 2024-01-(i+1)).
    assert_eq!(count(&sb, "filter__created_at=2024-01-01T10:00:00%2B01:00"), 1);
    let window = list(&sb, "filter__created_at[$gte]=2024-01-10&filter__created_at[$lt]=2024-01-13");
    assert_eq!(window.1, ["H-1012", "T-1011", "T-1010"]);
    // Executed contracts have an execution date; two thirds of them expire.
    assert_eq!(count(&sb, "filter__execution_date[$gte]=2000-01-01"), 22);
    assert_eq!(count(&sb, "filter__execution_date[$lt]=2000-01-01"), 0);
    assert_eq!(count(&sb, "filter__expiring_at[$gt]=2024-06-01"), 15);
    assert_eq!(count(&sb, "filter__expiring_at[$gt]=2026-01-01"), 0);
    let updated_early = count(&sb, "filter__last_updated_on[$lt]=2024-01-15");
    let updated_late = count(&sb, "filter__last_updated_on[$gte]=2024-01-15");
    assert!(updated_early > 0 && updated_late > 0);
    assert_eq!(updated_early + updated_late, 60);
}

#[test]
fn last_updated_on_moves_when_a_contract_changes() {
    let sb = sandbox();
    let before = count(&sb, "filter__last_updated_on[$gte]=2025-01-01");
    let r = common::request(
        &sb,
        "POST",
        &format!("{CONTRACTS}T-1001/status/void"),
        &common::AUTH,
        br#"{"note": "superseded"}"#,
    );
    assert_eq!(r.status, 204);
    assert_eq!(list(&sb, "filter__last_updated_on[$gte]=2025-01-01").1, ["T-1001"]);
    assert_eq!(before, 0);
}

/// The one error of a 400, as `(parameter, message)`.
fn refused(sb: &Sandbox, target: &str) -> (String, String) {
    let r = get(sb, target);
    assert_eq!(r.status, 400, "{target}");
    let body = r.json();
    let map = body.as_object().expect("a field error map");
    assert_eq!(map.len(), 1, "{body}");
    let (param, messages) = map.iter().next().unwrap();
    (param.clone(), messages[0].as_str().unwrap().to_string())
}

#[test]
fn malformed_values_are_400_naming_the_parameter() {
    let sb = sandbox();
    let cases = [
        ("filter__created_at[$gte]=yesterday", "filter__created_at[$gte]", "\"yesterday\" is not a valid date-time"),
        ("filter__expiring_at=2024-02-30", "filter__expiring_at", "not a valid date-time"),
        ("filter__legal_user_id[$gt]=abc", "filter__legal_user_id[$gt]", "A valid integer is required."),
        ("filter__contract_type_id[$in]=101,x", "filter__contract_type_id[$in]", "A valid integer is required."),
        ("filter__display_status[$in]=DRAFT,SIGNED", "filter__display_status[$in]", "\"SIGNED\" is not a valid choice"),
        ("filter__approvals_pending=maybe", "filter__approvals_pending", "Must be a valid boolean."),
        ("filter__contract_id=X-1", "filter__contract_id", "\"X-1\" is not a contract id"),
    ];
    for (query, param, message) in cases {
        let (got_param, got_message) = refused(&sb, &format!("{CONTRACTS}?{query}"));
        assert_eq!(got_param, param, "{query}");
        assert!(got_message.contains(message), "{query}: {got_message}");
    }
}

#[test]
fn undocumented_parameters_are_400_naming_them_on_every_list() {
    let sb = sandbox();
    let lists = [
        CONTRACTS,
        "/api/v2.1/public/contract_types/",
        "/api/v2.1/public/templates/",
        "/api/v2.1/public/auth/users/",
        "/api/v2.1/public/auth/roles/",
        "/api/v2.1/public/counter_parties/",
        "/api/v2.1/public/contracts/T-1001/comments/",
        "/api/v2.1/public/contracts/T-1001/key_pointers",
        "/api/v2.1/public/contracts/approvals/T-1002/",
        "/api/v2.1/public/contracts/by_external_metadata/x",
    ];
    for list in lists {
        for bogus in ["filter__bogus", "foo"] {
            let (param, message) = refused(&sb, &format!("{list}?{bogus}=1"));
            assert_eq!(param, bogus, "{list}");
            assert!(message.contains(&format!("Unknown query parameter \"{bogus}\"")), "{list}: {message}");
        }
    }
    // An operator the schema does not list for a field is undocumented too.
    let (param, _) = refused(&sb, &format!("{CONTRACTS}?filter__client_name[$gt]=A"));
    assert_eq!(param, "filter__client_name[$gt]");
    // Documented parameters of the other lists still pass.
    for ok in [
        "/api/v2.1/public/templates/?cp_types=Individual&tags=nda",
        "/api/v2.1/public/auth/users/?user_name=el&page=1&limit=5",
        "/api/v2.1/public/counter_parties/?filter_custom__tier=gold&filter__client_email_address=legal@acme.example",
        "/api/v2.1/public/contracts/T-1001/comments/?page=1&limit=5",
    ] {
        assert_eq!(get(&sb, ok).status, 200, "{ok}");
    }
}

#[test]
fn the_contract_status_alias_is_gone() {
    let sb = sandbox();
    let (param, message) = refused(&sb, &format!("{CONTRACTS}?filter__contract_status[$in]=EXECUTED"));
    assert_eq!(param, "filter__contract_status[$in]");
    assert!(message.contains("contracts.list"), "{message}");
    let executed: Value = get(&sb, &format!("{CONTRACTS}?limit=100&filter__display_status=EXECUTED")).json();
    assert!(executed["results"].as_array().unwrap().iter().all(|c| c["contract_status"] == "EXECUTED"));
}
