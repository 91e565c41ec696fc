use std::time::{Duration, Instant};

use spotdraft::{ErrorKind, Method, RetryPolicy};
use spotdraft_sandbox::Fault;

use crate::common::*;

const DOWNLOAD: &str = "/api/v2.1/public/contracts/T-1/download";

#[tokio::test]
async fn idempotent_requests_are_retried_on_each_retryable_status() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for status in [408, 429, 500, 502, 503, 504] {
        sandbox.clear_requests();
        sandbox.inject(fault(CONTRACTS, None, 2, status_fault(status)));
        let response = client.request(Method::Get, CONTRACTS).send().await.unwrap();
        assert_eq!(response.attempts(), 3, "status {status}");
        assert_eq!(sandbox.requests().len(), 3, "status {status}");
    }
}

#[tokio::test]
async fn attempts_are_capped() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 100, status_fault(503)));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.attempts(), 4);
    assert!(err.is_retryable());
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
    assert_eq!(sandbox.requests().len(), 4);
}

#[tokio::test]
async fn post_is_not_retried_once_it_reached_the_server() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for fault_kind in [status_fault(503), status_fault(429), Fault::Reset, Fault::Truncate] {
        sandbox.clear_requests();
        sandbox.inject(fault(DOWNLOAD, Some("POST"), 1, fault_kind.clone()));
        let err = client.request(Method::Post, DOWNLOAD).send().await.unwrap_err();
        assert_eq!(err.attempts(), 1, "{fault_kind:?}");
        assert!(!err.is_retryable(), "{fault_kind:?}");
        assert_eq!(sandbox.requests().len(), 1, "{fault_kind:?} was sent again");
        sandbox.clear_faults();
    }
}

#[tokio::test]
async fn a_broken_post_says_it_may_have_taken_effect() {
    let sandbox = sandbox();
    sandbox.inject(fault(DOWNLOAD, Some("POST"), 1, Fault::Reset));
    let err = client(&sandbox).request(Method::Post, DOWNLOAD).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert!(err.hint().unwrap().contains("may already have taken effect"), "{err}");
}

#[tokio::test]
async fn post_is_retried_when_it_never_reached_the_server() {
    let client = client_to_closed_port();
    let err = client.request(Method::Post, DOWNLOAD).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert_eq!(err.attempts(), 4);
}

#[tokio::test]
async fn get_survives_a_reset_and_a_truncated_body() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Reset));
    assert_eq!(client.request(Method::Get, CONTRACTS).send().await.unwrap().attempts(), 2);
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Truncate));
    let response = client.request(Method::Get, CONTRACTS).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
    let page: serde_json::Value = response.json().unwrap();
    assert!(page["results"].is_array());
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Status { status: 429, retry_after: Some("1".into()), body: None }));
    let started = Instant::now();
    let response = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert!(started.elapsed() >= Duration::from_millis(950), "waited only {:?}", started.elapsed());
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_fails_at_once() {
    let sandbox = sandbox();
    sandbox.inject(fault(
        CONTRACTS,
        None,
        1,
        Fault::Status { status: 429, retry_after: Some("3600".into()), body: None },
    ));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.attempts(), 1);
    assert!(err.to_string().contains("asked to wait"), "{err}");
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_get_is_retried() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Delay { millis: 5_000 }));
    let client = builder_for(&sandbox, credential()).attempt_timeout(Duration::from_millis(300)).build().unwrap();
    let response = client.request(Method::Get, CONTRACTS).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn a_slow_post_times_out_without_retry() {
    let sandbox = sandbox();
    sandbox.inject(fault(DOWNLOAD, None, 1, Fault::Delay { millis: 5_000 }));
    let client = builder_for(&sandbox, credential()).attempt_timeout(Duration::from_millis(300)).build().unwrap();
    let err = client.request(Method::Post, DOWNLOAD).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn the_total_deadline_bounds_all_retries() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 1000, status_fault(503)));
    let client = builder_for(&sandbox, credential())
        .retry_policy(RetryPolicy::default().with_max_attempts(20).with_initial_backoff(Duration::from_millis(200)))
        .total_timeout(Duration::from_millis(600))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(err.attempts() < 20);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn non_retryable_statuses_are_not_retried() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 5, status_fault(400)));
    let err = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(sandbox.requests().len(), 1);
}

#[tokio::test]
async fn a_post_after_the_server_dropped_an_idle_pooled_connection_is_sent_once() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for round in 0..5 {
        sandbox.inject(fault(CONTRACT_TYPES, None, 1, Fault::CloseWhenIdle { after_millis: 5 }));
        client.request(Method::Get, CONTRACT_TYPES).send().await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let response = client
            .request(Method::Post, "/api/v2.1/public/contracts/T-1001/download")
            .send()
            .await
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(response.attempts(), 1);
    }
    let posts = sandbox.requests().iter().filter(|r| r.method == "POST").count();
    assert_eq!(posts, 5, "every POST reached the server exactly once");
}

#[tokio::test]
async fn a_get_on_a_connection_the_server_just_dropped_is_retried() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for _ in 0..10 {
        sandbox.inject(fault(CONTRACT_TYPES, None, 1, Fault::CloseWhenIdle { after_millis: 0 }));
        client.request(Method::Get, CONTRACT_TYPES).send().await.unwrap();
        client.request(Method::Get, CONTRACT_TYPES).send().await.unwrap();
    }
}
