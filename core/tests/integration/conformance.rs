//! Runs the cross-language scenarios in `tests/conformance/` against the sandbox.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;
use spotdraft::{Credential, Method, Request};
use spotdraft_sandbox::{FaultRule, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

use crate::common::*;

#[derive(Deserialize)]
struct Scenario {
    name: String,
    #[serde(default)]
    credential: CredentialSpec,
    #[serde(default)]
    faults: Vec<FaultRule>,
    #[serde(default)]
    client: ClientSpec,
    request: RequestSpec,
    expect: Expect,
}

#[derive(Deserialize, Default)]
struct CredentialSpec {
    secret: Option<String>,
    user_email: Option<String>,
}

/// Client settings a scenario changes from the runner's defaults.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ClientSpec {
    attempt_timeout_ms: Option<u64>,
    total_timeout_ms: Option<u64>,
    max_body_size: Option<u64>,
}

#[derive(Deserialize)]
struct RequestSpec {
    method: String,
    path: String,
    #[serde(default)]
    query: serde_json::Map<String, Value>,
    body: Option<Value>,
}

#[derive(Deserialize)]
struct Expect {
    ok: bool,
    status: Option<u16>,
    error: Option<String>,
    attempts: Option<u32>,
    requests_logged: Option<usize>,
    retryable: Option<bool>,
    code: Option<String>,
    #[serde(default)]
    field_errors: Vec<String>,
    #[serde(default)]
    message_contains: Vec<String>,
    #[serde(default)]
    json_has: Vec<String>,
    min_elapsed_ms: Option<u64>,
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn every_conformance_scenario_passes() {
    let files = scenario_files();
    assert!(files.len() >= 15, "scenarios missing: {files:?}");
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let scenario: Scenario = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if let Err(why) = run(&scenario).await {
            failures.push(format!("{}: {why}", scenario.name));
        }
    }
    assert!(failures.is_empty(), "failed scenarios:\n{}", failures.join("\n"));
}

async fn run(scenario: &Scenario) -> Result<(), String> {
    let sandbox = sandbox();
    for rule in &scenario.faults {
        sandbox.inject(rule.clone());
    }
    let secret = match scenario.credential.secret.as_deref() {
        None | Some("demo") => DEMO_CLIENT_SECRET,
        Some("wrong") => "wrong-secret-for-conformance",
        Some(other) => return Err(format!("unknown credential.secret {other:?}")),
    };
    let mut credential = Credential::builder(DEMO_CLIENT_ID, secret);
    if let Some(email) = &scenario.credential.user_email {
        credential = credential.user_email(email.clone());
    }
    let client =
        with_client_spec(builder_for(&sandbox, credential.build().map_err(|e| e.to_string())?), &scenario.client)
            .build()
            .map_err(|e| e.to_string())?;
    let method: Method = scenario.request.method.parse().map_err(|e: spotdraft::Error| e.to_string())?;
    let mut request = Request::new(method, scenario.request.path.clone());
    for (k, v) in &scenario.request.query {
        request = request.query(k.clone(), v.as_str().ok_or("query values must be strings")?);
    }
    if let Some(body) = &scenario.request.body {
        request = request.json(body.clone());
    }
    let started = Instant::now();
    let outcome = client.send(request).await;
    let elapsed = started.elapsed();
    let expect = &scenario.expect;
    let check = |cond: bool, what: String| if cond { Ok(()) } else { Err(what) };
    match outcome {
        Ok(response) => {
            check(expect.ok, format!("expected error {:?}, got HTTP {}", expect.error, response.status()))?;
            if let Some(status) = expect.status {
                check(response.status() == status, format!("status {} != {status}", response.status()))?;
            }
            if let Some(attempts) = expect.attempts {
                check(response.attempts() == attempts, format!("attempts {} != {attempts}", response.attempts()))?;
            }
            let body = response.json_value().map_err(|e| e.to_string())?;
            for key in &expect.json_has {
                check(body.get(key).is_some(), format!("answer has no {key:?}"))?;
            }
        }
        Err(err) => {
            let text = format!("{err}");
            check(!expect.ok, format!("expected success, got {text}"))?;
            check(!text.contains(DEMO_CLIENT_SECRET) && !text.contains(secret), "secret in error".into())?;
            if let Some(kind) = &expect.error {
                check(err.kind().as_str() == kind, format!("kind {} != {kind} ({text})", err.kind()))?;
            }
            if let Some(status) = expect.status {
                check(err.status() == Some(status), format!("status {:?} != {status}", err.status()))?;
            }
            if let Some(attempts) = expect.attempts {
                check(err.attempts() == attempts, format!("attempts {} != {attempts}", err.attempts()))?;
            }
            if let Some(retryable) = expect.retryable {
                check(err.is_retryable() == retryable, format!("retryable {}", err.is_retryable()))?;
            }
            if let Some(code) = &expect.code {
                check(
                    err.spotdraft_code() == Some(code.as_str()),
                    format!("code {:?} != {code}", err.spotdraft_code()),
                )?;
            }
            for field in &expect.field_errors {
                check(err.field_errors().contains_key(field), format!("no field error for {field}"))?;
            }
            for needle in &expect.message_contains {
                check(text.contains(needle.as_str()), format!("{text:?} lacks {needle:?}"))?;
            }
        }
    }
    if let Some(logged) = expect.requests_logged {
        let seen = sandbox.requests().len();
        check(seen == logged, format!("sandbox saw {seen} requests, expected {logged}"))?;
    }
    if let Some(min) = expect.min_elapsed_ms {
        check(elapsed.as_millis() as u64 >= min, format!("took {elapsed:?}, expected at least {min} ms"))?;
    }
    Ok(())
}

fn with_client_spec(mut builder: spotdraft::ClientBuilder, spec: &ClientSpec) -> spotdraft::ClientBuilder {
    if let Some(ms) = spec.attempt_timeout_ms {
        builder = builder.attempt_timeout(Duration::from_millis(ms));
    }
    if let Some(ms) = spec.total_timeout_ms {
        builder = builder.total_timeout(Duration::from_millis(ms));
    }
    if let Some(bytes) = spec.max_body_size {
        builder = builder.max_body_size(bytes);
    }
    builder
}
