//! Every exit code documented in cli/README.md and `--help` is produced by the situation it is documented for.
//! A code that is documented but never produced here, or produced but not documented, fails the test.

mod common;

use std::collections::BTreeSet;

use common::{Harness, SECRET, WRONG_SECRET};
use serde_json::json;
use spotdraft_sandbox::{Fault, FaultRule};

/// The codes in the README's exit-code table (`| 3 | ...`).
fn readme_codes() -> BTreeSet<i32> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme.split("## Exit codes").nth(1).expect("an Exit codes section");
    table.lines().filter_map(|l| l.strip_prefix("| ")?.split(' ').next()?.parse().ok()).collect()
}

/// The codes in `--help` (`  3  ...`).
fn help_codes(help: &str) -> BTreeSet<i32> {
    let section = help.split("Exit codes:").nth(1).expect("an Exit codes section in --help");
    section.lines().filter_map(|l| l.strip_prefix("  ")?.split("  ").next()?.parse().ok()).collect()
}

fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[test]
fn every_documented_exit_code_is_produced_by_its_situation() {
    let h = Harness::new();
    let mut seen = BTreeSet::new();
    let mut expect = |code: i32, what: &str, run: common::Run| {
        assert_eq!(run.code, code, "{what}: expected exit {code}\nstdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
        seen.insert(code);
        run
    };

    // 0: success.
    let help = expect(0, "--help", h.run(&["--help"]));
    expect(0, "a listing", h.api(&["contracts", "list", "--limit", "1"]));

    // 1: anything else: an answer that is not what the operation returns (decode).
    let not_a_status = Fault::Status { status: 200, retry_after: None, body: Some(json!("not a status")) };
    h.sandbox.inject(FaultRule::new("*", not_a_status));
    let run = expect(1, "an undecodable answer", h.api(&["contracts", "status", "T-1001"]));
    assert!(run.stderr.contains("(kind: decode)"), "{}", run.stderr);

    // 2: usage, including the local problems that are bad input.
    expect(2, "a bad flag value", h.api(&["contracts", "list", "--limit", "0"]));
    expect(2, "an invalid argument", h.api(&["contracts", "status", "1/../x"]));
    h.add("taken", SECRET, &[]).ok();
    h.add("other", SECRET, &[]).ok();
    let run = expect(2, "add over an existing name", h.add("taken", SECRET, &[]));
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    expect(2, "rename onto an existing name", h.run(&["credentials", "rename", "other", "taken"]));
    let long = "d".repeat(3000);
    let run = expect(2, "a too-long description", h.add("long", SECRET, &["--description", &long]));
    assert!(run.stderr.contains("description is longer"), "{}", run.stderr);
    expect(2, "a port that is taken", {
        let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = busy.local_addr().unwrap().port().to_string();
        h.run(&["sandbox", "--port", &port])
    });

    // 3: the credential is malformed or not accepted.
    let base = h.base_url();
    let wrong = [("SPOTDRAFT_CLIENT_ID", common::CLIENT_ID), ("SPOTDRAFT_CLIENT_SECRET", WRONG_SECRET)];
    let run = h.run_with(&["--base-url", &base, "credentials", "test"], None, &wrong);
    expect(3, "a wrong secret", run);
    let malformed = [("SPOTDRAFT_CLIENT_ID", "id"), ("SPOTDRAFT_CLIENT_SECRET", "has space")];
    expect(3, "a malformed environment credential", h.run_with(&["contracts", "list"], None, &malformed));

    // 4: not found on the server.
    expect(4, "a contract that does not exist", h.api(&["contracts", "get", "T-999999"]));

    // 5: the server refused or failed.
    h.sandbox.inject(FaultRule::new("*", Fault::Status { status: 503, retry_after: None, body: None }));
    expect(5, "a 503", h.api(&["--retries", "0", "contracts", "list"]));
    h.sandbox.inject(FaultRule::new("*", Fault::Status { status: 409, retry_after: None, body: None }));
    expect(5, "a server conflict", h.api(&["contracts", "list"]));

    // 6: network.
    let closed = closed_port_url();
    let env = [("SPOTDRAFT_CLIENT_ID", common::CLIENT_ID), ("SPOTDRAFT_CLIENT_SECRET", SECRET)];
    let run = h.run_with(&["--base-url", &closed, "--retries", "0", "contracts", "list"], None, &env);
    assert!(expect(6, "nothing listening", run).stderr.contains("(kind: connection)"));
    h.sandbox.inject(FaultRule::new("*", Fault::Delay { millis: 5000 }));
    let run = expect(6, "--timeout running out", h.api(&["--timeout", "0.5", "contracts", "list"]));
    assert!(run.stderr.contains("(kind: timeout)"), "{}", run.stderr);
    h.sandbox.clear_faults();

    // 7: the credential store cannot be used.
    let not_a_dir = h.config_dir.path().join("file");
    std::fs::write(&not_a_dir, b"x").unwrap();
    let store_env = [("SPOTDRAFT_CONFIG_DIR", not_a_dir.to_str().unwrap())];
    let run = expect(7, "a store that is a file", h.run_with(&["credentials", "list"], None, &store_env));
    assert!(run.stderr.contains("(kind: store)"), "{}", run.stderr);

    // 8: no credential to use.
    expect(8, "no such profile", h.run(&["--profile", "nope", "contracts", "list"]));
    expect(8, "show a name that is not saved", h.run(&["credentials", "show", "nope"]));
    expect(8, "remove a name that is not saved", h.run(&["credentials", "remove", "nope"]));
    let half = [("SPOTDRAFT_CLIENT_ID", common::CLIENT_ID)];
    expect(8, "half a credential in the environment", h.run_with(&["contracts", "list"], None, &half));
    h.run(&["credentials", "remove", "taken"]).ok();
    h.run(&["credentials", "remove", "other"]).ok();
    let run = expect(8, "nothing configured", h.run(&["contracts", "list"]));
    assert!(run.stderr.contains("no SpotDraft credential found"), "{}", run.stderr);

    let documented = readme_codes();
    assert_eq!(documented, help_codes(&help.stdout), "README.md and --help document different codes");
    assert_eq!(seen, documented, "codes produced here differ from the documented ones");
    h.assert_no_secret_leaked();
}
