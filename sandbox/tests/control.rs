//! The `/__sandbox` HTTP control endpoints and the request log.

mod common;

use common::{get, get_with, request, sandbox};
use serde_json::{json, Value};
use spotdraft_sandbox::{Fault, FaultRule, LoggedRequest, Sandbox, SandboxConfig};

const TYPES: &str = "/api/v2.1/public/contract_types/";

fn post_json(sb: &Sandbox, path: &str, body: &Value) -> common::Response {
    let bytes = serde_json::to_vec(body).unwrap();
    request(sb, "POST", path, &[("content-type", "application/json")], &bytes)
}

#[test]
fn fault_endpoints() {
    let sb = sandbox();
    let rule = json!({
        "path": TYPES,
        "method": "GET",
        "times": 2,
        "fault": {"kind": "status", "status": 429, "retry_after": "1", "body": null}
    });
    assert_eq!(post_json(&sb, "/__sandbox/faults", &rule).status, 204);
    let r = get(&sb, TYPES);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(request(&sb, "DELETE", "/__sandbox/faults", &[], b"").status, 204);
    assert_eq!(get(&sb, TYPES).status, 200);

    // Other kinds parse too; `times` defaults to 1.
    for fault in [
        json!({"kind": "reset"}),
        json!({"kind": "delay", "millis": 5}),
        json!({"kind": "truncate"}),
        json!({"kind": "redirect", "location": "http://elsewhere.example/"}),
    ] {
        let r = post_json(&sb, "/__sandbox/faults", &json!({"path": "/x", "fault": fault}));
        assert_eq!(r.status, 204);
    }
    let r = post_json(&sb, "/__sandbox/faults", &json!({"path": "/x", "fault": {"kind": "explode"}}));
    assert_eq!(r.status, 400);
}

#[test]
fn request_log_endpoints() {
    let sb = sandbox();
    // `a` is not a parameter of the operation: the log shows the query and the 400 it got.
    get(&sb, &format!("{TYPES}?a=1"));
    get_with(&sb, TYPES, &[("User-Agent", "probe/1.0"), ("user-email", "someone@sandbox.example")]);
    let r = request(&sb, "GET", "/__sandbox/requests", &[], b"");
    assert_eq!(r.status, 200);
    let entries: Vec<LoggedRequest> = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(entries.len(), 2, "control requests are not logged");
    assert_eq!(entries[0].path, TYPES);
    assert_eq!(entries[0].query.as_deref(), Some("a=1"));
    assert!(entries[0].client_id_present && entries[0].client_id_matched);
    assert!(entries[0].client_secret_present && entries[0].client_secret_matched);
    assert!(entries[0].header_names.contains(&"client-secret".to_string()));
    assert_eq!(entries[0].status, 400);
    assert!(!entries[1].client_id_present);
    assert_eq!(entries[1].status, 401);
    assert_eq!(entries[1].user_agent.as_deref(), Some("probe/1.0"));
    assert_eq!(entries[1].user_email.as_deref(), Some("someone@sandbox.example"));
    assert_eq!(request(&sb, "DELETE", "/__sandbox/requests", &[], b"").status, 204);
    assert!(sb.requests().is_empty());
}

#[test]
fn rate_limit_endpoint() {
    let sb = Sandbox::start(SandboxConfig::new()).unwrap();
    assert_eq!(post_json(&sb, "/__sandbox/rate_limit", &json!({"enabled": false})).status, 204);
    for _ in 0..25 {
        assert_eq!(get(&sb, TYPES).status, 200);
    }
    assert_eq!(post_json(&sb, "/__sandbox/rate_limit", &json!({"enabled": true})).status, 204);
    let statuses: Vec<u16> = (0..25).map(|_| get(&sb, TYPES).status).collect();
    assert!(statuses.contains(&429));
    assert_eq!(post_json(&sb, "/__sandbox/rate_limit", &json!({"on": 1})).status, 400);
}

#[test]
fn control_endpoints_ignore_faults_and_need_no_auth() {
    let sb = sandbox();
    sb.inject(FaultRule::new("*", Fault::Reset).times(10));
    let r = request(&sb, "GET", "/__sandbox/health", &[], b"");
    assert_eq!(r.status, 200);
    assert_eq!(request(&sb, "GET", "/__sandbox/nothing", &[], b"").status, 404);
    assert_eq!(request(&sb, "PUT", "/__sandbox/faults", &[], b"").status, 405);
}

#[test]
fn the_log_never_holds_a_secret_value() {
    let secret = "s3cr3t-VALUE-that-must-not-leak";
    let wrong = "wr0ng-VALUE-that-must-not-leak";
    let sb = Sandbox::start(SandboxConfig::new().rate_limit(false).credential("cid", secret)).unwrap();
    get_with(&sb, TYPES, &[("client-id", "cid"), ("client-secret", secret)]);
    get_with(&sb, TYPES, &[("client-id", "cid"), ("client-secret", wrong)]);
    sb.inject(FaultRule::new("*", Fault::Reset));
    let _ = common::raw(sb.local_addr(), "GET", TYPES, &[("client-id", "cid"), ("client-secret", secret)], b"");
    let log = sb.requests();
    assert_eq!(log.len(), 3);
    assert!(log[0].client_secret_matched);
    assert!(log[1].client_secret_present && !log[1].client_secret_matched);
    let debug = format!("{log:?}");
    let json = request(&sb, "GET", "/__sandbox/requests", &[], b"");
    let json = String::from_utf8(json.body).unwrap();
    for text in [&debug, &json] {
        assert!(!text.contains(secret));
        assert!(!text.contains(wrong));
    }
    let config_debug = format!("{:?}", SandboxConfig::new().credential("cid", secret));
    assert!(!config_debug.contains(secret));
}
