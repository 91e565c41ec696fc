//! What the bindings rely on: cancellation that closes the connection, pull-based
//! download streams, the blocking client on foreign threads, and the error contract
//! (was_sent, request id, cause, redaction after the answer arrived).

use std::io::Read;
use std::time::{Duration, Instant};

use spotdraft::{BlockingClient, CancellationToken, Client, ContractQuery, ErrorKind, Method, Page, Request, Response};
use spotdraft_sandbox::{Fault, DEMO_CLIENT_SECRET};

use crate::common::*;

const DOWNLOAD: &str = "/api/v2.1/public/contracts/T-1001/download";

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_call_closes_its_connection_promptly() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Delay { millis: 20_000 }));
    let token = CancellationToken::new();
    let client = client(&sandbox).with_cancellation(token.clone());
    let call = tokio::spawn(async move { client.request(Method::Get, CONTRACTS).send().await });
    // Wait until the request is at the server (a delayed request is logged when it arrives),
    // then cancel from elsewhere; only the time from the cancel on is judged.
    let started = Instant::now();
    while sandbox.requests().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(30), "the request never reached the sandbox");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let cancelled_at = Instant::now();
    token.cancel();
    let err = call.await.unwrap().unwrap_err();
    assert!(cancelled_at.elapsed() < Duration::from_secs(5), "cancel took {:?}", cancelled_at.elapsed());
    assert_eq!(err.kind(), ErrorKind::Cancelled, "{err}");
    assert!(err.was_sent(), "the request had reached the server");
    assert_eq!(err.attempts(), 1);
    let counts = || sandbox.connection_counts();
    let deadline = Instant::now() + Duration::from_secs(5);
    while counts().1 < counts().0 {
        assert!(Instant::now() < deadline, "the sandbox never saw the connection close: {:?}", counts());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_cancelled_token_stops_calls_before_they_are_sent() {
    let sandbox = sandbox();
    let token = CancellationToken::new();
    token.cancel();
    let request = Request::new(Method::Get, CONTRACTS).cancel_on(token.clone());
    let err = client(&sandbox).send(request).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert!(!err.was_sent());
    assert_eq!(err.attempts(), 0);
    assert!(sandbox.requests().is_empty());
    // Pagers take a token too.
    let mut pager = client(&sandbox).contracts().list_all(&ContractQuery::new()).unwrap().cancel_on(token);
    assert_eq!(pager.next_page().await.unwrap_err().kind(), ErrorKind::Cancelled);
}

#[tokio::test]
async fn a_download_is_a_pull_stream_and_progress_can_stop_it() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let mut stream = client.contracts().open_download("T-1001").await.unwrap();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next_chunk().await.unwrap() {
        bytes.extend_from_slice(&chunk);
    }
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(stream.info().bytes, bytes.len() as u64);
    assert_eq!(stream.progress().total, Some(bytes.len() as u64));

    let mut sink = Vec::new();
    let err =
        client.download(Request::new(Method::Post, DOWNLOAD).idempotent(true), &mut sink, |_| false).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled, "{err}");
    assert!(err.message().contains("progress callback"), "{err}");
}

#[test]
fn blocking_calls_work_from_small_foreign_threads_and_read_like_files() {
    let sandbox = sandbox();
    let client = BlockingClient::new(builder_for(&sandbox, credential())).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || {
                    let page = client.contracts().list(&ContractQuery::new(), 1, 5).unwrap();
                    let mut reader = client.contracts().open_download("T-1001").unwrap();
                    let mut body = Vec::new();
                    reader.read_to_end(&mut body).unwrap();
                    (page.results.len(), body.len())
                })
                .unwrap()
        })
        .collect();
    for thread in threads {
        let (items, size) = thread.join().expect("no stack overflow, no panic");
        assert_eq!(items, 5);
        assert!(size > 1000);
    }
    let all: Vec<_> = client.contracts().list_all(&ContractQuery::new()).unwrap().collect::<Result<_, _>>().unwrap();
    let first = client.contracts().list(&ContractQuery::new(), 1, 100).unwrap();
    assert_eq!(all.len() as u64, first.total_results);
    let response = client.call("contract_types.list", &Default::default(), None).unwrap();
    assert_eq!(response.status(), 200);
}

#[test]
fn blocking_calls_can_be_cancelled_from_another_thread() {
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Delay { millis: 20_000 }));
    let token = CancellationToken::new();
    let client = BlockingClient::new(builder_for(&sandbox, credential())).unwrap().with_cancellation(token.clone());
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        token.cancel();
    });
    let started = Instant::now();
    let err = client.send(Request::new(Method::Get, CONTRACTS)).unwrap_err();
    canceller.join().unwrap();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(5));
    wait_until("the connection is closed", || {
        let (opened, closed) = sandbox.connection_counts();
        closed == opened
    });
}

#[tokio::test]
async fn decode_errors_are_redacted_and_keep_their_cause() {
    let sandbox = sandbox();
    let body = serde_json::json!({"page": 1, "limit": 20, "total_results": 1, "results": format!("echo {DEMO_CLIENT_SECRET}")});
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Status { status: 200, retry_after: None, body: Some(body) }));
    let err = client(&sandbox).contracts().list(&ContractQuery::new(), 1, 20).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let mut texts = vec![err.to_string(), format!("{err:?}")];
    let mut source = std::error::Error::source(&err);
    assert!(source.is_some(), "the serde error is kept as the cause");
    while let Some(cause) = source {
        texts.push(cause.to_string());
        source = cause.source();
    }
    for text in texts {
        assert!(!text.contains(DEMO_CLIENT_SECRET), "secret in {text}");
    }
}

#[tokio::test]
async fn wrong_shapes_are_decode_errors_not_empty_lists() {
    let sandbox = sandbox();
    for body in
        [serde_json::json!({}), serde_json::json!([]), serde_json::json!({"results": [{"foo": 1}], "total_results": 1})]
    {
        sandbox.inject(fault(
            CONTRACTS,
            None,
            1,
            Fault::Status { status: 200, retry_after: None, body: Some(body.clone()) },
        ));
        let err = client(&sandbox).contracts().list(&ContractQuery::new(), 1, 20).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{body}: {err}");
    }
    let empty = serde_json::json!({"page": 1, "limit": 100, "total_results": 500, "results": []});
    sandbox.inject(fault(CONTRACTS, None, 1, Fault::Status { status: 200, retry_after: None, body: Some(empty) }));
    let err = client(&sandbox).contracts().list_all(&ContractQuery::new()).unwrap().collect_all().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert!(err.message().contains("empty"), "{err}");
}

#[tokio::test]
async fn oversized_answers_fail_clearly() {
    let sandbox = sandbox();
    let client = builder_for(&sandbox, credential()).max_body_size(1024).build().unwrap();
    let err = client.request(Method::Get, CONTRACTS).query("limit", "100").send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert!(err.message().contains("1024 bytes"), "{err}");
    assert_eq!(err.attempts(), 1, "an oversized answer is not retried");
}

#[tokio::test]
async fn errors_say_whether_the_request_was_sent() {
    let err = client_to_closed_port().request(Method::Post, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert!(!err.was_sent(), "no connection was ever made: {err}");
    let sandbox = sandbox();
    sandbox.inject(fault(CONTRACTS, None, 1, status_fault(409)));
    let err = client(&sandbox).request(Method::Post, CONTRACTS).json(serde_json::json!({})).send().await.unwrap_err();
    assert!(err.was_sent());
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let err = client(&sandbox).request(Method::Get, "https://evil.example/x").send().await.unwrap_err();
    assert!(!err.was_sent());
}

#[tokio::test]
async fn request_and_response_debug_show_sizes_not_bodies() {
    let sandbox = sandbox();
    let response: Response = client(&sandbox).request(Method::Get, CONTRACTS).send().await.unwrap();
    let shown = format!("{response:?}");
    assert!(shown.contains("body_bytes"), "{shown}");
    assert!(!shown.contains("results"), "{shown}");
    let page: Page<serde_json::Value> = response.json().unwrap();
    assert!(!page.results.is_empty());
}

/// Bindings (pyo3, napi) move clients and futures across threads and keep them in
/// `'static` tasks: this fails to compile if any of them stops being so.
#[allow(dead_code)]
fn public_types_and_futures_are_send_sync_static(client: Client, blocking: BlockingClient) {
    fn send_sync_static<T: Send + Sync + 'static>(_: &T) {}
    fn send_static<T: Send + 'static>(_: T) {}
    send_sync_static(&client);
    send_sync_static(&blocking);
    send_sync_static(&client.contracts());
    send_sync_static(&client.templates());
    send_sync_static(&client.contract_types());
    send_sync_static(&client.counterparties());
    send_sync_static(&client.users());
    send_sync_static(&client.roles());
    send_sync_static(&client.webhooks());
    send_sync_static(&blocking.contracts());
    send_sync_static(&CancellationToken::new());
    let c = client.clone();
    send_static(async move { c.send(Request::new(Method::Get, "/")).await });
    let c = client.clone();
    send_static(async move { c.verify().await });
    let c = client.clone();
    send_static(async move { c.call("contracts.list", &Default::default(), None).await });
    let c = client.clone();
    send_static(async move { c.contracts().list(&ContractQuery::new(), 1, 1).await });
    let c = client.clone();
    send_static(async move { c.contracts().get("T-1").await });
    let c = client.clone();
    send_static(async move {
        let mut stream = c.contracts().open_download("T-1").await?;
        stream.next_chunk().await
    });
    let c = client.clone();
    send_static(async move { c.contracts().list_all(&ContractQuery::new())?.collect_all().await });
    let c = client;
    send_static(async move { c.contracts().download_to_file("T-1", std::path::Path::new("x"), false, |_| {}).await });
}
