use std::time::Duration;

use spotdraft::{Client, ErrorKind, Method, Request};
use spotdraft_sandbox::Fault;

use crate::common::*;

#[tokio::test]
async fn absolute_urls_are_refused_before_anything_is_sent() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for path in [
        format!("{}{CONTRACTS}", sandbox.base_url()),
        "https://evil.example/api/v2.1/public/contracts/".to_string(),
        "//evil.example/api/".to_string(),
        "api/v2.1/public/contracts/".to_string(),
    ] {
        let err = client.request(Method::Get, path.clone()).send().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{path}");
        assert_eq!(err.attempts(), 0);
    }
    assert!(sandbox.requests().is_empty());
}

#[tokio::test]
async fn a_redirect_to_another_host_is_refused_and_nothing_reaches_it() {
    let sandbox = sandbox();
    let other = crate::common::sandbox();
    let location = format!("{}/steal", other.base_url());
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Redirect { location: location.clone() }));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Redirect);
    assert_eq!(err.status(), Some(302));
    assert_eq!(err.location(), Some(location.as_str()));
    assert!(err.to_string().contains(&location));
    assert_eq!(err.attempts(), 1);
    assert!(other.requests().is_empty(), "the other host was contacted");
}

#[tokio::test]
async fn a_trailing_slash_mismatch_names_the_right_path() {
    let sandbox = sandbox();
    let err = client(&sandbox).request(Method::Get, "/api/v2.1/public/contracts").send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Redirect);
    assert!(err.hint().unwrap_or("").contains("/api/v2.1/public/contracts/"), "{err}");
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused() {
    let err = Client::builder(credential()).base_url("http://api.us.spotdraft.com").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("https"), "{err}");
    assert!(Client::builder(credential()).base_url("https://api.example.com").build().is_ok());
}

#[tokio::test]
async fn query_inline_and_separate_and_json_on_demand() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let response = client.request(Method::Get, format!("{CONTRACTS}?limit=3")).query("page", "2").send().await.unwrap();
    let page: serde_json::Value = response.json().unwrap();
    assert_eq!(page["page"], 2);
    assert_eq!(page["results"].as_array().unwrap().len(), 3);
    assert!(response.header("Content-Type").unwrap().contains("json"));
    let logged = &sandbox.requests()[0];
    let query = logged.query.clone().unwrap();
    assert!(query.contains("limit=3") && query.contains("page=2"), "{query}");
}

#[tokio::test]
async fn a_json_body_is_sent() {
    let sandbox = sandbox();
    sandbox.inject(fault("*", Some("POST"), 1, status_fault(400)));
    let request = Request::new(Method::Post, "/api/v2.1/public/contracts/T-1/download_link")
        .json(serde_json::json!({"format": "PDF"}));
    let _ = client(&sandbox).send(request).await;
    assert_eq!(sandbox.requests()[0].body_len, br#"{"format":"PDF"}"#.len());
}

#[tokio::test]
async fn per_call_timeout_overrides_the_total() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 5, Fault::Delay { millis: 3000 }));
    let err =
        client(&sandbox).request(Method::Get, CONTRACTS).timeout(Duration::from_millis(300)).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
}

#[tokio::test]
async fn unreachable_host_is_a_connection_error() {
    let client = client_to_closed_port();
    let err = client.request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert_eq!(err.attempts(), 4);
    assert!(err.to_string().contains("could not connect"), "{err}");
}

#[tokio::test]
async fn out_of_range_durations_are_refused_not_panicked_on() {
    let sandbox = sandbox();
    for timeout in [Duration::MAX, Duration::ZERO] {
        let err = client(&sandbox).request(Method::Get, CONTRACTS).timeout(timeout).send().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{timeout:?}");
        assert!(err.to_string().contains("timeout"), "{err}");
    }
    for policy in [
        spotdraft::RetryPolicy::default().with_max_backoff(Duration::MAX),
        spotdraft::RetryPolicy::default().with_initial_backoff(Duration::MAX),
        spotdraft::RetryPolicy::default().with_max_retry_after(Duration::MAX),
    ] {
        let err = builder_for(&sandbox, credential()).retry_policy(policy).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{policy:?}");
    }
    assert!(sandbox.requests().is_empty());
}
