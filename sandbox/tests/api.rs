//! The emulated operations: auth, routing, lists, filters, status, download,
//! and the rate limit.

mod common;

use common::{get, get_with, request, sandbox, AUTH};
use serde_json::Value;
use spotdraft_sandbox::{
    Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USER_EMAIL, INACTIVE_USER_EMAIL,
};

const CONTRACTS: &str = "/api/v2.1/public/contracts/";

fn ids(body: &Value) -> Vec<String> {
    body["results"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

// ---- authentication ----

#[test]
fn missing_credentials_are_401_not_provided() {
    let sb = sandbox();
    for headers in [vec![], vec![("client-id", DEMO_CLIENT_ID)], vec![("client-secret", DEMO_CLIENT_SECRET)]] {
        let r = get_with(&sb, CONTRACTS, &headers);
        assert_eq!(r.status, 401);
        assert_eq!(r.json()["detail"], "Authentication credentials were not provided.");
    }
}

#[test]
fn wrong_credentials_are_401_without_echo() {
    let sb = sandbox();
    let r = get_with(&sb, CONTRACTS, &[("client-id", DEMO_CLIENT_ID), ("client-secret", "wrong-secret-xyz")]);
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["detail"], "Invalid client credentials.");
    assert!(!String::from_utf8_lossy(&r.body).contains("wrong-secret-xyz"));
    let r = get_with(&sb, CONTRACTS, &[("client-id", "someone-else"), ("client-secret", DEMO_CLIENT_SECRET)]);
    assert_eq!(r.status, 401);
}

#[test]
fn header_names_are_case_insensitive() {
    let sb = sandbox();
    let r = get_with(
        &sb,
        CONTRACTS,
        &[("Client-ID", DEMO_CLIENT_ID), ("CLIENT-SECRET", DEMO_CLIENT_SECRET), ("User-Email", DEMO_USER_EMAIL)],
    );
    assert_eq!(r.status, 200);
}

#[test]
fn custom_credential_replaces_demo() {
    let sb = Sandbox::start(SandboxConfig::new().rate_limit(false).credential("my-id", "my-secret")).unwrap();
    assert_eq!(get(&sb, CONTRACTS).status, 401);
    let r = get_with(&sb, CONTRACTS, &[("client-id", "my-id"), ("client-secret", "my-secret")]);
    assert_eq!(r.status, 200);
}

#[test]
fn user_email_must_be_an_active_member() {
    let sb = Sandbox::start(SandboxConfig::new().rate_limit(false).user_email("extra@partner.example")).unwrap();
    let with_user = |email: &str| {
        let mut headers = AUTH.to_vec();
        headers.push(("user-email", email));
        get_with(&sb, CONTRACTS, &headers)
    };
    assert_eq!(with_user(DEMO_USER_EMAIL).status, 200);
    assert_eq!(with_user("SONIA.SOTOMAYOR@sandbox.example").status, 200);
    assert_eq!(with_user("extra@partner.example").status, 200);
    for email in [INACTIVE_USER_EMAIL, "nobody@nowhere.example"] {
        let r = with_user(email);
        assert_eq!(r.status, 403, "{email}");
        assert!(r.json()["detail"].as_str().unwrap().contains("not an active member"));
    }
}

// ---- routing ----

#[test]
fn trailing_slash_mismatch_redirects_with_query() {
    let sb = sandbox();
    let r = get(&sb, "/api/v2.1/public/contracts?page=2&limit=5");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/api/v2.1/public/contracts/?page=2&limit=5"));
    let r = get(&sb, "/api/v2.1/public/contracts/T-1001/status/");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/api/v2.1/public/contracts/T-1001/status"));
    // Redirects come before authentication, like Django's middleware.
    let r = get_with(&sb, "/api/v2.1/public/templates", &[]);
    assert_eq!(r.status, 302);
}

#[test]
fn unknown_path_404_and_wrong_method_405() {
    let sb = sandbox();
    let r = get(&sb, "/api/v2.1/public/nothing/");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["detail"], "Not found.");
    let r = request(&sb, "DELETE", CONTRACTS, &AUTH, b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["detail"], "Method \"DELETE\" not allowed.");
    assert_eq!(r.header("allow"), Some("GET, POST"));
    // 405 needs credentials first.
    assert_eq!(request(&sb, "DELETE", CONTRACTS, &[], b"").status, 401);
}

// ---- contracts ----

#[test]
fn contract_list_envelope_and_fields() {
    let sb = sandbox();
    let body = get(&sb, CONTRACTS).json();
    assert_eq!(body["page"], 1);
    assert_eq!(body["limit"], 10);
    assert_eq!(body["total_results"], 60);
    let first = &body["results"][0];
    for field in [
        "id",
        "created",
        "created_by",
        "contract_link",
        "contract_status",
        "contract_name",
        "counter_party_name",
        "contract_type_name",
        "contract_type_id",
        "reference_id",
        "created_by_user_name",
        "created_by_user_email",
        "created_by_workspace",
    ] {
        assert!(!first[field].is_null(), "missing {field}");
    }
    // Newest first.
    assert_eq!(first["id"], "H-1060");
    assert_eq!(body["results"][1]["id"], "T-1059");
}

#[test]
fn paging_math() {
    let sb = sandbox();
    let mut seen = Vec::new();
    for page in 1..=7 {
        let body = get(&sb, &format!("{CONTRACTS}?limit=9&page={page}")).json();
        assert_eq!(body["total_results"], 60);
        assert_eq!(body["page"], page);
        assert_eq!(body["limit"], 9);
        let page_ids = ids(&body);
        assert_eq!(page_ids.len(), if page == 7 { 6 } else { 9 });
        seen.extend(page_ids);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 60);
    let past = get(&sb, &format!("{CONTRACTS}?limit=9&page=8")).json();
    assert_eq!(past["total_results"], 60);
    assert!(past["results"].as_array().unwrap().is_empty());
    let capped = get(&sb, &format!("{CONTRACTS}?limit=1000")).json();
    assert_eq!(capped["limit"], 100);
    assert_eq!(capped["results"].as_array().unwrap().len(), 60);
}

#[test]
fn invalid_paging_is_400_field_map() {
    let sb = sandbox();
    let r = get(&sb, &format!("{CONTRACTS}?limit=abc"));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["limit"][0], "A valid integer is required.");
    let r = get(&sb, &format!("{CONTRACTS}?page=0&limit=-1"));
    assert_eq!(r.status, 400);
    let body = r.json();
    assert!(body["page"].is_array() && body["limit"].is_array());
    assert_eq!(get(&sb, "/api/v2.1/public/auth/users/?page=x").status, 400);
}

#[test]
fn contract_id_filters() {
    let sb = sandbox();
    let body = get(&sb, &format!("{CONTRACTS}?filter__contract_id%5B%24eq%5D=T-1001")).json();
    assert_eq!(ids(&body), vec!["T-1001"]);
    let body = get(&sb, &format!("{CONTRACTS}?filter__contract_id=1004")).json();
    assert_eq!(ids(&body), vec!["H-1004"]);
    // Wrong kind prefix matches nothing.
    let body = get(&sb, &format!("{CONTRACTS}?filter__contract_id=H-1001")).json();
    assert_eq!(body["total_results"], 0);
    let body = get(&sb, &format!("{CONTRACTS}?filter__contract_id[$in]=T-1001,H-1004,1005")).json();
    assert_eq!(ids(&body), vec!["T-1005", "H-1004", "T-1001"]);
    // `\,` is a literal comma inside one value, so "1002,1003" is one value, and not a contract id.
    let r = get(&sb, &format!("{CONTRACTS}?filter__contract_id[$in]=1001,1002%5C%2C1003"));
    assert_eq!(r.status, 400);
    assert!(r.json()["filter__contract_id[$in]"][0].as_str().unwrap().contains("\"1002,1003\" is not a contract id"));
    let body = get(&sb, &format!("{CONTRACTS}?filter__contract_id[$ne]=T-1001&limit=100")).json();
    assert_eq!(body["total_results"], 59);
}

#[test]
fn escaped_comma_in_names() {
    let sb = sandbox();
    let target = format!("{CONTRACTS}?limit=100&filter__client_name[$in]=Soylent%5C%2C%20Inc.,Hooli");
    let body = get(&sb, &target).json();
    assert_eq!(body["total_results"], 12);
    for c in body["results"].as_array().unwrap() {
        let cp = c["counter_party_name"].as_str().unwrap();
        assert!(cp == "Soylent, Inc." || cp == "Hooli", "{cp}");
    }
    // Unescaped, the comma splits the name and nothing matches "Soylent".
    let target = format!("{CONTRACTS}?filter__client_name[$in]=Soylent%2C%20Inc.");
    assert_eq!(get(&sb, &target).json()["total_results"], 0);
}

#[test]
fn status_filters_and_query() {
    let sb = sandbox();
    let count = |q: &str| get(&sb, &format!("{CONTRACTS}?limit=100&{q}")).json()["total_results"].as_u64().unwrap();
    assert_eq!(count("filter__display_status=EXECUTED"), 22);
    assert_eq!(count("filter__display_status[$eq]=DRAFT"), 8);
    assert_eq!(count("filter__display_status[$in]=SIGN,ON_HOLD"), 15);
    assert_eq!(count("filter__display_status[$ne]=EXECUTED"), 38);
    assert_eq!(count("filter__display_status=VOIDED&filter__contract_id[$in]=1006,1007"), 1);
    assert_eq!(count("query=soylent"), 6);
    assert_eq!(count("query=MUTUAL%20non"), 9);
    assert_eq!(count("query=no-such-thing"), 0);
    let r = get(&sb, &format!("{CONTRACTS}?filter__display_status=SIGNED"));
    assert_eq!(r.status, 400);
    assert!(r.json()["filter__display_status"][0].as_str().unwrap().contains("\"SIGNED\" is not a valid choice"));
    // The schema documents no `contract_status` filter: the name is refused, not ignored.
    let r = get(&sb, &format!("{CONTRACTS}?filter__contract_status=EXECUTED"));
    assert_eq!(r.status, 400);
    assert!(r.json()["filter__contract_status"][0].as_str().unwrap().contains("Unknown query parameter"));
}

#[test]
fn contract_status_endpoint() {
    let sb = sandbox();
    let body = get(&sb, "/api/v2.1/public/contracts/T-1001/status").json();
    assert_eq!(body["contract_status"], "DRAFT");
    assert_eq!(body["contract_name"], "Basic Non Disclosure Agreement - Acme Corporation");
    assert_eq!(get(&sb, "/api/v2.1/public/contracts/H-1004/status").json()["contract_status"], "EXECUTED");
    assert_eq!(get(&sb, "/api/v2.1/public/contracts/1004/status").status, 200);
    for unknown in ["T-9999", "H-1001", "abc"] {
        let r = get(&sb, &format!("/api/v2.1/public/contracts/{unknown}/status"));
        assert_eq!(r.status, 404, "{unknown}");
        let body = r.json();
        assert_eq!(body["status_code"], 404);
        assert!(body["code"].as_str().unwrap().starts_with("SD_"));
        assert!(body["detail"].is_string() && body["message"].is_string());
    }
}

#[test]
fn download_streams_exact_pdf_bytes() {
    let size = 3 * 1024 * 1024 + 17;
    let sb = Sandbox::start(SandboxConfig::new().rate_limit(false).pdf_size(size)).unwrap();
    let r = request(&sb, "POST", "/api/v2.1/public/contracts/T-1001/download", &AUTH, b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert_eq!(r.body.len() as u64, size);
    assert!(r.body.starts_with(b"%PDF-1.4"));
    assert!(r.body.ends_with(b"%%EOF\n"));
    let again = request(&sb, "POST", "/api/v2.1/public/contracts/1004/download", &AUTH, b"");
    assert_eq!(again.body, r.body, "deterministic content");
    assert_eq!(request(&sb, "POST", "/api/v2.1/public/contracts/T-4242/download", &AUTH, b"").status, 404);
    assert_eq!(request(&sb, "GET", "/api/v2.1/public/contracts/T-1001/download", &AUTH, b"").status, 405);
}

// ---- other lists ----

#[test]
fn contract_types_and_templates() {
    let sb = sandbox();
    let types = get(&sb, "/api/v2.1/public/contract_types/").json();
    let types = types.as_array().expect("bare array");
    assert!(types.len() >= 3);
    assert_eq!(types[0]["id"], 100);
    let templates = get(&sb, "/api/v2.1/public/templates/").json();
    let items = templates["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for t in items {
        let type_id = &t["contract_type_id"];
        assert!(types.iter().any(|ct| &ct["id"] == type_id));
        assert!(t["name"].is_string() && t["id"].is_u64());
    }
}

#[test]
fn templates_filter_by_counterparty_kind() {
    let sb = sandbox();
    let ids = |target: &str| -> Vec<u64> {
        let body = get(&sb, target).json();
        body["items"].as_array().unwrap().iter().map(|t| t["id"].as_u64().unwrap()).collect()
    };
    let base = "/api/v2.1/public/templates/";
    assert_eq!(ids(&format!("{base}?cp_types=Individual")), vec![2, 5]);
    assert_eq!(ids(&format!("{base}?cp_types=Individual&cp_types_all=true")), vec![5]);
    assert_eq!(ids(&format!("{base}?cp_types=Organisation&cp_types_all=true")), vec![1, 3, 4]);
    assert_eq!(ids(&format!("{base}?exclude_multi_party=true")), vec![1, 3, 5]);
    assert_eq!(ids(&format!("{base}?include_archived=true")).len(), 5);
    for (query, parameter) in [("cp_types=Company", "cp_types"), ("cp_types_all=maybe", "cp_types_all")] {
        let response = get(&sb, &format!("{base}?{query}"));
        assert_eq!(response.status, 400, "{query}");
        assert!(response.json()[parameter].is_array(), "{query}: the error names {parameter}");
    }
}

#[test]
fn template_metadata_says_the_counterparty_kind() {
    let sb = sandbox();
    for (id, kind) in [(1, "Organisation"), (2, "Both"), (5, "Individual")] {
        let body = get(&sb, &format!("/api/v2.1/public/templates/{id}/metadata")).json();
        assert_eq!(body["counter_party_kind"], kind, "template {id}");
        assert!(body["attributes"].is_array());
    }
}

#[test]
fn users_list_and_filters() {
    let sb = sandbox();
    let body = get(&sb, "/api/v2.1/public/auth/users/").json();
    assert_eq!(body["total_results"], 6);
    let users = body["results"].as_array().unwrap();
    assert_eq!(users.iter().filter(|u| u["is_active"] == true).count(), 5);
    assert!(users[0]["roles"][0]["name"].is_string());
    let body = get(&sb, "/api/v2.1/public/auth/users/?user_email=ELENA.KAGAN%40sandbox.example").json();
    assert_eq!(body["total_results"], 1);
    assert_eq!(body["results"][0]["email"], DEMO_USER_EMAIL);
    let body = get(&sb, "/api/v2.1/public/auth/users/?user_name=sonia%20s").json();
    assert_eq!(body["results"][0]["first_name"], "Sonia");
    let body = get(&sb, "/api/v2.1/public/auth/users/?limit=4&page=2").json();
    assert_eq!(body["results"].as_array().unwrap().len(), 2);
}

// ---- rate limit ----

#[test]
fn rate_limit_429_without_retry_after_and_switch_off() {
    let sb = Sandbox::start(SandboxConfig::new()).unwrap();
    let mut ok = 0;
    let mut throttled = None;
    for _ in 0..40 {
        let r = get(&sb, "/api/v2.1/public/contract_types/");
        if r.status == 429 {
            throttled = Some(r);
            break;
        }
        assert_eq!(r.status, 200);
        ok += 1;
    }
    let throttled = throttled.expect("a 429 within 40 quick requests");
    assert!(ok >= 10, "the first 10 pass");
    assert_eq!(throttled.json()["detail"], "Request was throttled.");
    assert_eq!(throttled.header("retry-after"), None);
    // Unauthenticated requests are answered 401, not throttled.
    assert_eq!(get_with(&sb, "/api/v2.1/public/contract_types/", &[]).status, 401);

    sb.set_rate_limit(false);
    for _ in 0..30 {
        assert_eq!(get(&sb, "/api/v2.1/public/contract_types/").status, 200);
    }
    let log = sb.requests();
    assert!(log.iter().any(|e| e.status == 429));
}

// ---- embedding ----

#[tokio::test(flavor = "current_thread")]
async fn works_inside_a_current_thread_runtime() {
    let sb = sandbox();
    let r = get(&sb, "/api/v2.1/public/contract_types/");
    assert_eq!(r.status, 200);
    drop(sb);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_inside_a_multi_thread_runtime() {
    let sb = sandbox();
    let addr = sb.local_addr();
    let bytes = tokio::task::spawn_blocking(move || {
        common::raw(addr, "GET", "/api/v2.1/public/templates/", &AUTH, b"").unwrap()
    })
    .await
    .unwrap();
    assert_eq!(common::parse(&bytes).status, 200);
    sb.shutdown();
}

#[test]
fn shutdown_releases_the_port() {
    let sb = sandbox();
    let addr = sb.local_addr();
    sb.shutdown();
    assert!(std::net::TcpStream::connect(addr).is_err());
}
