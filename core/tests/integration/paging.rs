use std::collections::HashSet;

use futures_util::StreamExt;
use spotdraft::{ErrorKind, Page};
use spotdraft_sandbox::Fault;

use crate::common::*;

#[tokio::test]
async fn the_pager_walks_every_page_once() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let first: Page<serde_json::Value> = client.get_page(CONTRACTS, &[], 1, 10).await.unwrap();
    assert!(first.total_results >= 60);
    sandbox.clear_requests();
    let all: Vec<serde_json::Value> = client.pages(CONTRACTS, &[]).page_size(7).unwrap().collect_all().await.unwrap();
    assert_eq!(all.len() as u64, first.total_results);
    let ids: HashSet<String> = all.iter().map(|c| c["id"].to_string()).collect();
    assert_eq!(ids.len(), all.len(), "no item twice");
    let expected_requests = first.total_results.div_ceil(7) as usize;
    assert!(sandbox.requests().len() <= expected_requests + 1);
}

#[tokio::test]
async fn the_pager_streams_with_filters() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let items: Vec<_> = client
        .pages::<serde_json::Value>(CONTRACTS, &[("filter__display_status", "EXECUTED")])
        .page_size(5)
        .unwrap()
        .into_stream()
        .collect()
        .await;
    assert!(!items.is_empty());
    for item in items {
        assert_eq!(item.unwrap()["contract_status"], "EXECUTED");
    }
}

#[tokio::test]
async fn the_max_pages_guard_stops_endless_paging() {
    let sandbox = sandbox();
    let err = client(&sandbox)
        .pages::<serde_json::Value>(CONTRACTS, &[])
        .page_size(5)
        .unwrap()
        .max_pages(2)
        .collect_all()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("stopped after 2 pages"), "{err}");
}

#[tokio::test]
async fn a_server_that_ignores_the_page_number_is_caught() {
    let sandbox = sandbox();
    let stuck_page = serde_json::json!({
        "page": 1, "limit": 2, "total_results": 1000,
        "results": [{"id": 1}, {"id": 2}]
    });
    sandbox.inject(fault(
        CONTRACTS,
        None,
        50,
        Fault::Status { status: 200, retry_after: None, body: Some(stuck_page) },
    ));
    let err = client(&sandbox)
        .pages::<serde_json::Value>(CONTRACTS, &[])
        .page_size(2)
        .unwrap()
        .collect_all()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(sandbox.requests().len() <= 3);
}

#[tokio::test]
async fn page_arguments_are_checked() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    assert!(client.get_page::<serde_json::Value>(CONTRACTS, &[], 0, 10).await.is_err());
    assert!(client.get_page::<serde_json::Value>(CONTRACTS, &[], 1, 101).await.is_err());
    assert!(client.pages::<serde_json::Value>(CONTRACTS, &[]).page_size(0).is_err());
    let users: Page<serde_json::Value> = client.get_page(USERS, &[], 1, 2).await.unwrap();
    assert_eq!(users.results.len(), 2);
    assert!(users.total_results >= 5);
}

#[test]
fn the_blocking_pager_iterates() {
    let sandbox = sandbox();
    let client = spotdraft::BlockingClient::new(builder_for(&sandbox, credential())).unwrap();
    let count = client.pages::<serde_json::Value>(CONTRACTS, &[]).page_size(25).unwrap().filter(|r| r.is_ok()).count();
    assert!(count >= 60);
}
