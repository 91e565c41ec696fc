use spotdraft::{BlockingClient, Credential, ErrorKind};
use spotdraft_sandbox::{DEMO_CLIENT_ID, DEMO_USER_EMAIL};

use crate::common::*;

#[tokio::test]
async fn a_good_credential_verifies() {
    let sandbox = sandbox();
    let verified = client(&sandbox).verify().await.unwrap();
    assert!(verified.contract_types >= 3);
    assert_eq!(verified.acting_as, None);
    let as_user = client(&sandbox).as_user(DEMO_USER_EMAIL).unwrap().verify().await.unwrap();
    assert_eq!(as_user.acting_as.as_deref(), Some(DEMO_USER_EMAIL));
}

#[tokio::test]
async fn a_rejected_pair_is_explained() {
    let sandbox = sandbox();
    let wrong = Credential::new(DEMO_CLIENT_ID, "wrong-secret-value").unwrap();
    let err = builder_for(&sandbox, wrong).build().unwrap().verify().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert!(err.to_string().contains("pair was not accepted"), "{err}");
}

#[tokio::test]
async fn an_inactive_user_is_explained() {
    let sandbox = sandbox();
    let err = client(&sandbox).as_user("ghost@example.com").unwrap().verify().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("impersonated user"), "{err}");
}

#[test]
fn the_blocking_client_verifies_and_refuses_async_context() {
    let sandbox = sandbox();
    let client = BlockingClient::new(builder_for(&sandbox, credential())).unwrap();
    client.verify().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let err = runtime.block_on(async { client.verify() }).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    drop(runtime);
    // Dropping the blocking client inside a runtime must not panic either.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move { drop(client) });
}
