use spotdraft::{Credential, ErrorKind, Method};
use spotdraft_sandbox::{DEMO_CLIENT_ID, DEMO_USER_EMAIL};

use crate::common::*;

#[tokio::test]
async fn every_request_carries_the_credential_headers() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let response = client.request(Method::Get, CONTRACTS).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let log = sandbox.requests();
    assert_eq!(log.len(), 1);
    let seen = &log[0];
    assert!(seen.client_id_present && seen.client_id_matched);
    assert!(seen.client_secret_present && seen.client_secret_matched);
    assert_eq!(seen.user_email, None);
    assert!(seen.header_names.iter().any(|h| h == "client-id"));
    assert!(seen.header_names.iter().any(|h| h == "client-secret"));
    assert!(seen.user_agent.as_deref().unwrap_or("").starts_with("spotdraft-rust/"));
}

#[tokio::test]
async fn wrong_pair_is_an_authentication_error_and_not_retried() {
    let sandbox = sandbox();
    let wrong = Credential::new(DEMO_CLIENT_ID, "definitely-not-the-secret").unwrap();
    let client = builder_for(&sandbox, wrong).build().unwrap();
    let err = client.request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.attempts(), 1);
    assert!(!err.is_retryable());
    let text = err.to_string();
    assert!(text.contains("client-id/client-secret"), "{text}");
    assert!(!text.contains("definitely-not-the-secret"), "{text}");
    let log = sandbox.requests();
    assert_eq!(log.len(), 1);
    assert!(log[0].client_id_matched && !log[0].client_secret_matched);
}

#[tokio::test]
async fn as_user_impersonates_and_shares_the_client() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let acting = client.as_user(DEMO_USER_EMAIL).unwrap();
    acting.request(Method::Get, CONTRACTS).send().await.unwrap();
    client.request(Method::Get, CONTRACTS).send().await.unwrap();
    let log = sandbox.requests();
    assert_eq!(log[0].user_email.as_deref(), Some(DEMO_USER_EMAIL));
    assert_eq!(log[1].user_email, None);
    assert_eq!(acting.credential().user_email(), Some(DEMO_USER_EMAIL));
    assert_eq!(client.credential().user_email(), None);
}

#[tokio::test]
async fn unknown_impersonated_user_is_permission_denied_with_a_hint() {
    let sandbox = sandbox();
    let client = client(&sandbox).as_user("nobody@example.com").unwrap();
    let err = client.request(Method::Get, CONTRACTS).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert_eq!(err.status(), Some(403));
    assert!(err.to_string().contains("nobody@example.com"), "{err}");
    assert!(err.to_string().contains("active member"), "{err}");
}

#[tokio::test]
async fn as_user_validates_the_email() {
    let sandbox = sandbox();
    let err = client(&sandbox).as_user("not an email").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidCredential);
    assert!(err.to_string().contains("user_email"));
}

#[tokio::test]
async fn the_user_agent_names_the_binding() {
    let sandbox = sandbox();
    let client = builder_for(&sandbox, credential()).user_agent_suffix("spotdraft-python/0.1.0").build().unwrap();
    client.request(Method::Get, CONTRACTS).send().await.unwrap();
    let agent = sandbox.requests()[0].user_agent.clone().unwrap();
    assert!(agent.starts_with("spotdraft-rust/") && agent.ends_with(" spotdraft-python/0.1.0"), "{agent}");
    let err = builder_for(&sandbox, credential()).user_agent_suffix("bad\nsuffix").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn clones_share_the_rate_limiter() {
    let sandbox = sandbox();
    let client = builder_for(&sandbox, credential()).rate_limit(Some(2)).build().unwrap();
    let clone = client.clone();
    let started = std::time::Instant::now();
    for c in [&client, &clone, &client, &clone, &client] {
        c.request(Method::Get, CONTRACT_TYPES).send().await.unwrap();
    }
    // 2 per second shared: the 5th request waits for the third window.
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "{:?}", started.elapsed());
}
