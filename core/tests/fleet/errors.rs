//! Wrong Redis addresses: clear errors or the documented fallback, never a hang, never
//! the password.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use spotdraft::{Client, Credential, ErrorKind, Method};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

use crate::redis_server::{free_port, RedisServer};
use crate::worker::ENDPOINT;

const PASSWORD: &str = "fleet-redis-pw-7731";

fn client(sandbox: &Sandbox, redis_url: &str, strict: bool) -> Client {
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    Client::builder(credential)
        .base_url(&sandbox.base_url())
        .total_timeout(Duration::from_secs(10))
        .shared_rate_limit(redis_url)
        .shared_rate_limit_strict(strict)
        .build()
        .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// One call, timed; panics if it takes longer than a few seconds (a hang).
fn call(client: &Client) -> (spotdraft::Result<spotdraft::Response>, Duration) {
    let started = Instant::now();
    let result = runtime().block_on(client.request(Method::Get, ENDPOINT).send());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "the call took {took:?}");
    (result, took)
}

fn strict_error(sandbox: &Sandbox, url: &str) -> spotdraft::Error {
    let client = client(sandbox, url, true);
    let error = call(&client).0.expect_err("a strict client must fail when Redis is unusable");
    assert_eq!(error.kind(), ErrorKind::Connection, "{error}");
    assert!(!error.was_sent());
    let text = format!("{error} {error:?} {}", error.hint().unwrap_or(""));
    assert!(!text.contains(PASSWORD), "the password leaked: {text}");
    assert!(error.message().contains("shared rate limiter"), "{error}");
    error
}

pub fn bad_scheme_is_invalid_argument() {
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    let url = format!("http://:{PASSWORD}@127.0.0.1:6379");
    let error = Client::builder(credential).shared_rate_limit(&url).build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(error.message().contains("redis://"), "{error}");
    assert!(!error.to_string().contains(PASSWORD));
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    let error =
        Client::builder(credential).rate_limit(None).shared_rate_limit("redis://127.0.0.1").build().unwrap_err();
    assert!(error.message().contains("needs a rate"), "{error}");
}

pub fn unreachable_redis_strict_fails_fast() {
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    let url = format!("redis://:{PASSWORD}@127.0.0.1:{}", free_port());
    let error = strict_error(&sandbox, &url);
    assert!(error.message().contains("redis://:****@127.0.0.1"), "{error}");
    assert!(sandbox.requests().iter().all(|r| r.path != ENDPOINT), "a strict client sent without a slot");
}

pub fn unreachable_redis_falls_back() {
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    let client = client(&sandbox, &format!("redis://127.0.0.1:{}", free_port()), false);
    for _ in 0..3 {
        let (result, _) = call(&client);
        result.expect("the local limiter takes over while Redis is unreachable");
    }
}

pub fn wrong_password_is_clear_and_hidden() {
    let redis = RedisServer::start(Some("the-right-one-4410"));
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    let url = format!("redis://:{PASSWORD}@127.0.0.1:{}", redis.port);
    let error = strict_error(&sandbox, &url);
    let message = error.message().to_ascii_lowercase();
    assert!(message.contains("wrongpass") || message.contains("auth"), "{error}");
    // With the right password it works, strict or not.
    let good = client(&sandbox, &redis.url(), true);
    call(&good).0.expect("the right password is accepted");
    call(&client(&sandbox, &url, false)).0.expect("a wrong password falls back when not strict");
}

pub fn non_redis_server_never_hangs() {
    // The sandbox itself speaks HTTP on its port.
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    strict_error(&sandbox, &format!("redis://:{PASSWORD}@127.0.0.1:{}", sandbox.port()));
    call(&client(&sandbox, &format!("redis://127.0.0.1:{}", sandbox.port()), false)).0.expect("fallback");
}

pub fn silent_server_never_hangs() {
    // Accepts connections and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    strict_error(&sandbox, &format!("redis://:{PASSWORD}@127.0.0.1:{port}"));
    drop(listener);
}

pub fn key_is_hashed_and_expires() {
    let redis = RedisServer::start(None);
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    call(&client(&sandbox, &redis.url(), true)).0.expect("shared limiter works");
    let keys: Vec<String> = runtime().block_on(async {
        let client = redis::Client::open(redis.url()).unwrap();
        let mut connection = client.get_multiplexed_async_connection().await.unwrap();
        let keys: Vec<String> = redis::cmd("KEYS").arg("*").query_async(&mut connection).await.unwrap();
        for key in &keys {
            let ttl: i64 = redis::cmd("PTTL").arg(key).query_async(&mut connection).await.unwrap();
            assert!(ttl > 0 && ttl <= 3_000, "key {key} has TTL {ttl} ms; it must expire by itself");
        }
        keys
    });
    assert_eq!(keys.len(), 1, "{keys:?}");
    let key = &keys[0];
    let hash = key.strip_prefix("spotdraft:ratelimit:").expect("the key has the documented prefix");
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    assert!(!key.contains(DEMO_CLIENT_SECRET) && !key.contains(DEMO_CLIENT_ID), "{key}");
}

/// A caller waiting for a shared slot stops at its total timeout and when cancelled.
pub fn waiting_honours_deadline_and_cancellation() {
    let redis = RedisServer::start(None);
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    // One request per second for the fleet: the second call of a burst waits about a second.
    let client = Client::builder(credential)
        .base_url(&sandbox.base_url())
        .rate_limit(Some(1))
        .shared_rate_limit(&redis.url())
        .shared_rate_limit_strict(true)
        .build()
        .unwrap();
    let runtime = runtime();
    runtime.block_on(client.request(Method::Get, ENDPOINT).send()).expect("the first slot is free");
    let started = Instant::now();
    let short = client.request(Method::Get, ENDPOINT).timeout(Duration::from_millis(300));
    let error = runtime.block_on(short.send()).expect_err("the next slot is after the deadline");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(error.message().contains("rate limit"), "{error}");
    assert!(started.elapsed() < Duration::from_millis(300), "gave up only after {:?}", started.elapsed());

    let token = spotdraft::CancellationToken::new();
    let cancel = token.clone();
    let started = Instant::now();
    let result = runtime.block_on(async {
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            cancel.cancel();
        });
        client.request(Method::Get, ENDPOINT).cancel_on(token).send().await
    });
    assert_eq!(result.expect_err("cancelled while waiting").kind(), ErrorKind::Cancelled);
    assert!(started.elapsed() < Duration::from_millis(600), "cancelling took {:?}", started.elapsed());
    // Both abandoned slots went back: the next call waits for the first call's window only.
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    runtime.block_on(client.request(Method::Get, ENDPOINT).send()).expect("a slot after the first one");
    let waited = started.elapsed();
    assert!(waited < Duration::from_millis(1500), "the abandoned slots were kept: waited {waited:?}");
    let sent = sandbox.requests().iter().filter(|r| r.path == ENDPOINT).count();
    assert_eq!(sent, 2, "the timed-out and the cancelled call must not have reached the sandbox");
}

/// `rediss://` goes through rustls (ring): against a plain-text Redis the TLS handshake
/// fails with a clear error, no panic and no hang.
pub fn tls_against_plain_redis_is_a_clear_error() {
    let redis = RedisServer::start(None);
    let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
    let error = strict_error(&sandbox, &format!("rediss://:{PASSWORD}@127.0.0.1:{}", redis.port));
    assert!(error.message().contains("rediss://:****@127.0.0.1"), "{error}");
}
