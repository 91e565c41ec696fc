use spotdraft::{ErrorKind, Method};
use spotdraft_sandbox::Fault;

use crate::common::*;

#[tokio::test]
async fn field_errors_from_a_400_are_kept() {
    let sandbox = sandbox();
    let err = client(&sandbox).request(Method::Get, CONTRACTS).query("limit", "abc").send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(400));
    assert!(err.field_errors().contains_key("limit"), "{:?}", err.field_errors());
    assert!(err.to_string().contains("limit"));
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn spotdraft_error_codes_are_kept() {
    let sandbox = sandbox();
    let body = serde_json::json!({
        "detail": "Contract is not in a state that allows this",
        "status_code": 402,
        "code": "SD_CONTRACTS_00289",
        "message": "Workflow state does not allow this action"
    });
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Status { status: 402, retry_after: None, body: Some(body) }));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BusinessRule);
    assert_eq!(err.spotdraft_code(), Some("SD_CONTRACTS_00289"));
    assert_eq!(err.server_message(), Some("Workflow state does not allow this action"));
    assert_eq!(err.detail(), Some("Contract is not in a state that allows this"));
    assert!(err.to_string().contains("SD_CONTRACTS_00289"));
}

#[tokio::test]
async fn unknown_contract_is_not_found() {
    let sandbox = sandbox();
    let err =
        client(&sandbox).request(Method::Get, "/api/v2.1/public/contracts/T-999999/status").send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn every_status_maps_to_its_kind() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for (status, kind) in [
        (400, ErrorKind::Validation),
        (401, ErrorKind::Authentication),
        (402, ErrorKind::BusinessRule),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (413, ErrorKind::Validation),
        (501, ErrorKind::NotEnabled),
    ] {
        sandbox.inject(fault(CONTRACTS, None, 1, status_fault(status)));
        let err = client.request(Method::Get, CONTRACTS).send().await.unwrap_err();
        assert_eq!(err.kind(), kind, "status {status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.attempts(), 1, "status {status} must not be retried");
    }
}

#[test]
fn kinds_have_stable_codes() {
    let codes: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        codes,
        [
            "invalid_credential",
            "invalid_argument",
            "authentication",
            "permission_denied",
            "not_found",
            "conflict",
            "business_rule",
            "validation",
            "rate_limited",
            "server",
            "not_enabled",
            "redirect",
            "timeout",
            "connection",
            "decode",
            "file",
            "store",
            "cancelled"
        ]
    );
    for (index, kind) in ErrorKind::ALL.into_iter().enumerate() {
        assert_eq!(ErrorKind::parse(kind.as_str()), Some(kind));
        // The numbers are C's status codes: frozen, from 1, in this order.
        assert_eq!(kind.as_u32(), index as u32 + 1, "{kind}");
        assert_eq!(ErrorKind::from_u32(kind.as_u32()), Some(kind));
    }
    assert_eq!(ErrorKind::from_u32(0), None);
    assert_eq!(ErrorKind::from_u32(19), None);
}

#[tokio::test]
async fn a_2xx_declared_json_that_does_not_parse_is_a_decode_error_not_retried() {
    let sandbox = sandbox();
    let broken = r#"{"results": [{"name": "body-marker-5e1f"#;
    sandbox.inject(fault(CONTRACTS, None, 3, Fault::MalformedJson { body: Some(broken.into()) }));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.attempts(), 1);
    assert!(!err.is_retryable());
    let text = err.to_string();
    assert!(text.contains("not valid JSON") && text.contains("application/json"), "{text}");
    assert!(!text.contains("body-marker"), "the body is not quoted: {text}");
    assert_eq!(sandbox.requests().len(), 1);
}

#[tokio::test]
async fn a_2xx_body_of_another_type_is_not_judged_as_json() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    // A PDF is not JSON and must come through untouched.
    let response = client.request(Method::Post, "/api/v2.1/public/contracts/T-1001/download").send().await.unwrap();
    assert!(response.body().starts_with(b"%PDF"));
    // An empty body declared as JSON (a 204-like answer) is not an error either.
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::MalformedJson { body: Some("  ".into()) }));
    let response = client.request(Method::Get, CONTRACTS).send().await.unwrap();
    assert_eq!(response.json_value().unwrap(), serde_json::Value::Null);
}
