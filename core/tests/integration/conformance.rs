//! Runs the cross-language scenarios in `tests/conformance/` against the sandbox.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;
use spotdraft::{Credential, Method, Request};
use spotdraft_sandbox::{FaultRule, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

use crate::common::*;

// Every struct refuses unknown fields: a field this runner does not know would otherwise
// be silently ignored and its check never made.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    #[allow(dead_code, reason = "read by people, not checked")]
    description: String,
    #[serde(default)]
    credential: CredentialSpec,
    #[serde(default)]
    faults: Vec<FaultRule>,
    #[serde(default)]
    client: ClientSpec,
    #[serde(default)]
    before: Vec<BeforeSpec>,
    request: RequestSpec,
    expect: Expect,
}

/// A request sent (and required to succeed) before the measured one, with the same client.
/// (`request`'s fields repeated: serde cannot refuse unknown fields through `flatten`.)
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BeforeSpec {
    method: String,
    path: String,
    #[serde(default)]
    query: serde_json::Map<String, Value>,
    body: Option<Value>,
    #[serde(default)]
    wait_after_ms: u64,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CredentialSpec {
    secret: Option<String>,
    user_email: Option<String>,
}

/// Client settings a scenario changes from the runner's defaults.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ClientSpec {
    base_url: Option<String>,
    attempt_timeout_ms: Option<u64>,
    total_timeout_ms: Option<u64>,
    max_body_size: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestSpec {
    method: String,
    path: String,
    #[serde(default)]
    query: serde_json::Map<String, Value>,
    body: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
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
    message_excludes: Vec<String>,
    #[serde(default)]
    json_has: Vec<String>,
    min_elapsed_ms: Option<u64>,
    max_elapsed_ms: Option<u64>,
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
            .build();
    let started = Instant::now();
    let outcome = match client {
        Ok(client) => {
            for before in &scenario.before {
                let spec = RequestSpec {
                    method: before.method.clone(),
                    path: before.path.clone(),
                    query: before.query.clone(),
                    body: before.body.clone(),
                };
                let response = client.send(request_for(&spec)?).await;
                response.map_err(|e| format!("request in `before` failed: {e}"))?;
                tokio::time::sleep(Duration::from_millis(before.wait_after_ms)).await;
            }
            let request = request_for(&scenario.request)?;
            let started = Instant::now();
            (client.send(request).await, started.elapsed())
        }
        // A client the settings refuse is the scenario's outcome: nothing was sent.
        Err(err) => (Err(err), started.elapsed()),
    };
    let (outcome, elapsed) = outcome;
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
            // Only JSON answers are decoded: a download's PDF is a success too.
            let body = if expect.json_has.is_empty() {
                Value::Null
            } else {
                response.json_value().map_err(|e| e.to_string())?
            };
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
            for needle in &expect.message_excludes {
                check(!text.contains(needle.as_str()), format!("{text:?} contains {needle:?}"))?;
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
    if let Some(max) = expect.max_elapsed_ms {
        check(elapsed.as_millis() as u64 <= max, format!("took {elapsed:?}, expected at most {max} ms"))?;
    }
    Ok(())
}

fn request_for(spec: &RequestSpec) -> Result<Request, String> {
    let method: Method = spec.method.parse().map_err(|e: spotdraft::Error| e.to_string())?;
    let mut request = Request::new(method, spec.path.clone());
    for (k, v) in &spec.query {
        request = request.query(k.clone(), v.as_str().ok_or("query values must be strings")?);
    }
    if let Some(body) = &spec.body {
        request = request.json(body.clone());
    }
    Ok(request)
}

fn with_client_spec(mut builder: spotdraft::ClientBuilder, spec: &ClientSpec) -> spotdraft::ClientBuilder {
    if let Some(url) = &spec.base_url {
        builder = builder.base_url(url);
    }
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

#[test]
fn a_field_this_runner_does_not_know_is_refused() {
    let base =
        r#"{"name": "n", "description": "d", "request": {"method": "GET", "path": "/"}, "expect": {"ok": true}}"#;
    assert!(serde_json::from_str::<Scenario>(base).is_ok());
    let misspelt = [
        r#"{"name": "n", "description": "d", "request": {"method": "GET", "path": "/"}, "expect": {"ok": true}, "befor": []}"#,
        r#"{"name": "n", "description": "d", "request": {"method": "GET", "path": "/", "querry": {}}, "expect": {"ok": true}}"#,
        r#"{"name": "n", "description": "d", "request": {"method": "GET", "path": "/"}, "expect": {"ok": true, "max_elapsed": 5}}"#,
        r#"{"name": "n", "description": "d", "client": {"baseurl": "x"}, "request": {"method": "GET", "path": "/"}, "expect": {"ok": true}}"#,
        r#"{"name": "n", "description": "d", "credential": {"email": "x"}, "request": {"method": "GET", "path": "/"}, "expect": {"ok": true}}"#,
        r#"{"name": "n", "description": "d", "before": [{"method": "GET", "path": "/", "wait_ms": 1}], "request": {"method": "GET", "path": "/"}, "expect": {"ok": true}}"#,
    ];
    for text in misspelt {
        let err = serde_json::from_str::<Scenario>(text).err().unwrap_or_else(|| panic!("accepted: {text}"));
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}
