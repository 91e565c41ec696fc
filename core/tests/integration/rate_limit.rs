use std::time::{Duration, Instant};

use spotdraft::{Client, ErrorKind, Method, RetryPolicy};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_USER_EMAIL};

use crate::common::*;

#[tokio::test]
async fn the_client_holds_ten_per_second_across_clones() {
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(true)).unwrap();
    let client =
        Client::builder(credential()).base_url(&sandbox.base_url()).retry_policy(RetryPolicy::none()).build().unwrap();
    let impersonating = client.as_user(DEMO_USER_EMAIL).unwrap();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..25 {
        let c = if i % 2 == 0 { client.clone() } else { impersonating.clone() };
        tasks.push(tokio::spawn(async move { c.request(Method::Get, CONTRACT_TYPES).send().await }));
    }
    for task in tasks {
        task.await.unwrap().expect("no request may be throttled");
    }
    assert!(started.elapsed() >= Duration::from_secs(2), "25 requests at 10/s need 2 s, took {:?}", started.elapsed());
    assert!(sandbox.requests().iter().all(|r| r.status == 200));
}

#[tokio::test]
async fn without_the_client_limit_the_sandbox_throttles() {
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(true)).unwrap();
    let client = Client::builder(credential())
        .base_url(&sandbox.base_url())
        .rate_limit(None)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let tasks: Vec<_> = (0..30)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.request(Method::Get, CONTRACT_TYPES).send().await })
        })
        .collect();
    let mut limited = 0;
    for task in tasks {
        if let Err(e) = task.await.unwrap() {
            assert_eq!(e.kind(), ErrorKind::RateLimited);
            assert!(e.is_retryable());
            limited += 1;
        }
    }
    assert!(limited >= 1, "30 requests in a burst must trip the 10/s limit");
}
