use std::time::Duration;

use spotdraft::{Client, ClientBuilder, Credential, RetryPolicy};
use spotdraft_sandbox::{Fault, FaultRule, Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

pub const CONTRACTS: &str = "/api/v2.1/public/contracts/";
pub const CONTRACT_TYPES: &str = "/api/v2.1/public/contract_types/";
pub const USERS: &str = "/api/v2.1/public/auth/users/";

pub fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::new().rate_limit(false)).expect("sandbox starts")
}

pub fn credential() -> Credential {
    Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap()
}

/// Retries that keep tests fast: same rules, short waits.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(4)
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(40))
        .with_max_retry_after(Duration::from_secs(5))
}

pub fn builder_for(sandbox: &Sandbox, credential: Credential) -> ClientBuilder {
    Client::builder(credential)
        .base_url(&sandbox.base_url())
        .rate_limit(None)
        .retry_policy(fast_retries())
        .attempt_timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(30))
}

pub fn client(sandbox: &Sandbox) -> Client {
    builder_for(sandbox, credential()).build().unwrap()
}

pub fn fault(path: &str, method: Option<&str>, times: u32, fault: Fault) -> FaultRule {
    FaultRule { path: path.to_string(), method: method.map(str::to_string), times, fault }
}

pub fn status_fault(status: u16) -> Fault {
    Fault::Status { status, retry_after: None, body: None }
}

/// A loopback port with nothing listening on it.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

/// A client whose host refuses every connection, with fast retries.
pub fn client_to_closed_port() -> Client {
    Client::builder(credential())
        .base_url(&format!("http://127.0.0.1:{}", closed_port()))
        .rate_limit(None)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}
