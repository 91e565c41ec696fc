//! End-to-end tests of the `spotdraft` binary against an in-process sandbox. Every run's stdout and stderr is
//! collected, and each test ends by checking that no secret appeared in any of them.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{Harness, CLIENT_ID, SECRET, WRONG_SECRET};
use serde_json::Value;

#[test]
fn saved_credential_end_to_end() {
    let h = Harness::new();
    let base = h.base_url();

    let added = h.add("work", SECRET, &["--description", "Test workspace", "--verify"]).ok();
    assert!(added.stdout.contains("saved credential work: the check passed"), "{}", added.stdout);

    // Saving again without --force keeps the first one.
    let again = h.add("work", SECRET, &[]);
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("work"), "{}", again.stderr);

    let table = h.run(&["credentials", "list"]).ok();
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(lines[0].starts_with("NAME") && lines[0].contains("CLIENT ID"), "{}", table.stdout);
    assert!(lines[1].starts_with("work") && lines[1].contains('*') && lines[1].contains(&base), "{}", table.stdout);
    assert!(lines[1].contains(CLIENT_ID) && lines[1].contains("Test workspace"), "{}", table.stdout);

    for args in [&["credentials", "list", "--json"][..], &["--output", "json", "credentials", "list"][..]] {
        let listed = h.run(args).ok().json();
        let items = listed.as_array().expect("array");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["name"], "work");
        assert_eq!(items[0]["client_id"], CLIENT_ID);
        assert_eq!(items[0]["is_default"], true);
    }

    let shown = h.run(&["credentials", "show", "work"]).ok();
    assert!(shown.stdout.contains("****"), "{}", shown.stdout);
    assert!(shown.stdout.contains(CLIENT_ID) && shown.stdout.contains("Test workspace"), "{}", shown.stdout);
    let shown_json = h.run(&["--output", "json", "credentials", "show", "work"]).ok().json();
    assert!(shown_json["client_secret"].as_str().unwrap().starts_with("****"));

    let tested = h.run(&["credentials", "test", "work"]).ok();
    assert!(tested.stdout.starts_with(&format!("ok: accepted by {base}")), "{}", tested.stdout);
    assert!(tested.stdout.contains("acting as"), "{}", tested.stdout);

    let raw = h.run(&["api", "GET", "/api/v2.1/public/contracts/", "-q", "limit=2"]).ok().json();
    assert_eq!(raw["total_results"], 60);
    assert_eq!(raw["results"].as_array().unwrap().len(), 2);
    let logged = h.sandbox.requests();
    let last = logged.last().expect("a logged request");
    assert_eq!(last.query.as_deref(), Some("limit=2"));
    let agent = last.user_agent.as_deref().unwrap_or_default();
    assert!(agent.contains(concat!("spotdraft-cli/", env!("CARGO_PKG_VERSION"))), "{agent}");

    let contracts = h.run(&["contracts", "list", "--limit", "5"]).ok();
    assert!(contracts.stdout.starts_with("ID"), "{}", contracts.stdout);
    assert!(contracts.stdout.contains("H-1060") && contracts.stdout.contains("EXECUTED"), "{}", contracts.stdout);
    assert_eq!(contracts.stdout.lines().count(), 6);
    assert!(contracts.stderr.contains("page 1 of 12 (60 contracts)"), "{}", contracts.stderr);

    let renamed = h.run(&["credentials", "rename", "work", "prod"]).ok();
    assert!(renamed.stdout.contains("renamed credential work to prod"));
    h.run(&["credentials", "show", "work"]).code(8);

    // A second credential, saved with a CRLF line ending on stdin; then make it the default.
    let crlf = h.run_with(
        &["--base-url", &base, "credentials", "add", "other", "--client-id", CLIENT_ID, "--secret-stdin"],
        Some(&format!("{SECRET}\r\n")),
        &[],
    );
    crlf.ok();
    h.run(&["credentials", "default", "other"]).ok();
    let listed = h.run(&["credentials", "list", "--json"]).ok().json();
    let default: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["is_default"] == true)
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(default, ["other"]);
    h.run(&["credentials", "default", "prod"]).ok();

    // No name: the default profile is used.
    let tested = h.run(&["credentials", "test"]).ok();
    assert!(tested.stdout.contains(&base), "{}", tested.stdout);
    let tested_json = h.run(&["--output", "json", "credentials", "test"]).ok().json();
    assert_eq!(tested_json["ok"], true);

    // A wrong secret: `rotate --verify` refuses it and changes nothing ...
    let refused = h.run_with(
        &["credentials", "rotate", "prod", "--secret-stdin", "--verify"],
        Some(&format!("{WRONG_SECRET}\n")),
        &[],
    );
    let refused = refused.code(3);
    assert!(refused.stderr.contains("was not changed"), "{}", refused.stderr);
    h.run(&["credentials", "test"]).ok();

    // ... plain `rotate` saves it, and then the check fails with exit code 3 and says why.
    let rotated =
        h.run_with(&["credentials", "rotate", "prod", "--secret-stdin"], Some(&format!("{WRONG_SECRET}\n")), &[]);
    assert!(rotated.ok().stdout.contains("rotated the secret of credential prod"));
    let failed = h.run(&["credentials", "test"]).code(3);
    assert!(failed.stderr.starts_with("error: "), "{}", failed.stderr);
    assert!(failed.stderr.contains("not accepted"), "{}", failed.stderr);
    assert!(failed.stderr.contains("(kind: authentication)"), "{}", failed.stderr);
    h.run(&["contracts", "list"]).code(3);
    // The other profile still works.
    h.run(&["--profile", "other", "contracts", "list"]).ok();

    h.run(&["credentials", "remove", "prod"]).ok();
    h.run(&["credentials", "remove", "other"]).ok();
    h.run(&["credentials", "show", "prod"]).code(8);
    let listed = h.run(&["credentials", "list", "--json"]).ok().json();
    assert_eq!(listed, Value::Array(vec![]));

    h.assert_no_secret_leaked();
}

#[test]
fn sandbox_flag_needs_no_store() {
    let h = Harness::new();
    let run = h.run(&["--sandbox", "contracts", "list"]).ok();
    assert!(run.stdout.contains("H-1060"), "{}", run.stdout);
    let run = h.run(&["--sandbox", "--output", "json", "contracts", "list", "--all", "--status", "EXECUTED"]).ok();
    assert_eq!(run.json().as_array().unwrap().len(), 22);
    let run = h.run(&["--sandbox", "--output", "json", "users", "list", "--all"]).ok();
    assert_eq!(run.json().as_array().unwrap().len(), 6);
    let status = h.run(&["--sandbox", "contracts", "status", "T-1001"]).ok();
    assert!(status.stdout.contains("contract_status"), "{}", status.stdout);
    let types = h.run(&["--sandbox", "contract-types", "list"]).ok();
    assert!(types.stdout.contains("Non-Disclosure Agreement"), "{}", types.stdout);
    let templates = h.run(&["--sandbox", "--output", "json", "templates", "list"]).ok();
    assert_eq!(templates.json().as_array().unwrap().len(), 5);
    h.run(&["--sandbox", "credentials", "test"]).ok();
    // Store commands refuse --sandbox rather than touching the store.
    h.run(&["--sandbox", "credentials", "list"]).code(2);
    assert!(h.store_is_empty(), "--sandbox must not create or touch the credential store");
    h.assert_no_secret_leaked();
}

#[test]
fn api_refuses_absolute_urls_and_reports_http_errors() {
    let h = Harness::new();
    let run = h.run(&["--sandbox", "api", "GET", "https://evil.example/api/v2.1/public/contracts/"]).code(2);
    assert!(run.stderr.contains("absolute URL"), "{}", run.stderr);
    assert!(run.stderr.contains("(kind: invalid_argument)"), "{}", run.stderr);
    h.run(&["--sandbox", "api", "FETCH", "/x"]).code(2);
    h.run(&["--sandbox", "api", "GET", "/x", "-q", "novalue"]).code(2);
    h.run(&["--sandbox", "api", "POST", "/x", "--json", "{not json"]).code(2);
    h.run(&["--sandbox", "api", "POST", "/x", "--json", "@/nonexistent/body.json"]).code(2);
    h.run(&["--sandbox", "api", "GET", "/api/v2.1/public/contracts/999999/status"]).code(4);
    h.run(&["--sandbox", "contracts", "status", "999999"]).code(4);
    h.run(&["--sandbox", "contracts", "status", "1/../x"]).code(2);
    h.assert_no_secret_leaked();
}

#[test]
fn missing_profile_names_the_saved_ones() {
    let h = Harness::new();
    h.add("alpha", SECRET, &[]).ok();
    let run = h.run(&["--profile", "beta", "contracts", "list"]).code(8);
    assert!(run.stderr.contains("beta") && run.stderr.contains("alpha"), "{}", run.stderr);
    h.run(&["credentials", "test", "beta"]).code(8);
    h.run_with(&["contracts", "list"], None, &[("SPOTDRAFT_PROFILE", "beta")]).code(8);
    h.assert_no_secret_leaked();
}

#[test]
fn nothing_configured_says_which_sources_were_tried() {
    let h = Harness::new();
    let run = h.run(&["contracts", "list"]).code(8);
    for source in ["--profile", "SPOTDRAFT_CLIENT_ID", "SPOTDRAFT_PROFILE", "default profile"] {
        assert!(run.stderr.contains(source), "{source} missing from: {}", run.stderr);
    }
    assert!(run.stderr.contains("credentials add"), "{}", run.stderr);
    h.assert_no_secret_leaked();
}

#[test]
fn environment_credential_works_without_a_store() {
    let h = Harness::new();
    let base = h.base_url();
    let env = [("SPOTDRAFT_CLIENT_ID", CLIENT_ID), ("SPOTDRAFT_CLIENT_SECRET", SECRET), ("SPOTDRAFT_BASE_URL", &base)];
    let run = h.run_with(&["credentials", "test"], None, &env).ok();
    assert!(run.stdout.contains(&base));
    // `credentials add` takes the secret from the environment too.
    h.run_with(&["credentials", "add", "fromenv"], None, &env).ok();
    h.run(&["credentials", "test", "fromenv"]).ok();
    h.assert_no_secret_leaked();
}

#[test]
fn verbose_traces_requests_but_never_the_secret() {
    let h = Harness::new();
    h.add("work", SECRET, &[]).ok();
    let run = h.run(&["-v", "contracts", "list", "--limit", "1"]).ok();
    assert!(run.stderr.contains("spotdraft.request"), "{}", run.stderr);
    assert!(run.stderr.contains("/api/v2.1/public/contracts/"), "{}", run.stderr);
    let run = h.run(&["-vv", "credentials", "test"]).ok();
    assert!(run.stderr.contains("spotdraft.request"), "{}", run.stderr);
    // Without -v there is no trace.
    let quiet = h.run(&["contracts", "list", "--limit", "1"]).ok();
    assert!(!quiet.stderr.contains("spotdraft.request"));
    h.assert_no_secret_leaked();
}

#[test]
fn the_secret_cannot_come_from_arguments() {
    let h = Harness::new();
    let base = h.base_url();
    let run = h.run(&[
        "--base-url",
        &base,
        "credentials",
        "add",
        "x",
        "--client-id",
        CLIENT_ID,
        "--client-secret",
        "not-a-real-secret-value",
    ]);
    let run = run.code(2);
    assert!(run.stderr.contains("--client-secret"), "{}", run.stderr);
    h.run(&["credentials", "rotate", "x", "--client-secret", "not-a-real-secret-value"]).code(2);

    // No stdin, no environment, no terminal: a clear error, and nothing saved.
    let run = h.run(&["--base-url", &base, "credentials", "add", "x", "--client-id", CLIENT_ID]).code(2);
    assert!(run.stderr.contains("--secret-stdin") && run.stderr.contains("SPOTDRAFT_CLIENT_SECRET"), "{}", run.stderr);
    let run = h.run_with(&["--base-url", &base, "credentials", "add", "x", "--secret-stdin"], Some("abc\n"), &[]);
    assert!(run.code(2).stderr.contains("--client-id"));
    let run = h.run_with(
        &["--base-url", &base, "credentials", "add", "x", "--client-id", CLIENT_ID, "--secret-stdin"],
        Some(""),
        &[],
    );
    assert!(run.code(2).stderr.contains("standard input was empty"));
    // A secret with a bad character is refused by core's validation, without echoing it.
    let run = h.run_with(
        &["--base-url", &base, "credentials", "add", "x", "--client-id", CLIENT_ID, "--secret-stdin"],
        Some(&format!("{SECRET} tail\n")),
        &[],
    );
    assert!(run.code(3).stderr.contains("client_secret contains whitespace"));
    let run = h.run(&["credentials", "add", "bad name!", "--client-id", CLIENT_ID]).code(2);
    assert!(run.stderr.contains("profile name"), "{}", run.stderr);
    assert_eq!(h.run(&["credentials", "list", "--json"]).ok().json(), Value::Array(vec![]));
    h.assert_no_secret_leaked();
}

#[test]
fn add_and_rotate_with_verify_say_the_check_passed_as_whom_and_where() {
    let h = Harness::new();
    let base = h.base_url();
    let own = h.add("own", SECRET, &["--verify"]).ok();
    let line = own.stdout.trim();
    assert!(line.starts_with("saved credential own: the check passed"), "{line}");
    assert!(line.contains(&format!("SpotDraft at {base}")), "{line}");
    assert!(line.contains("acting as the credential's own user"), "{line}");

    let email = spotdraft_sandbox::DEMO_USER_EMAIL;
    let acting = h.add("acting", SECRET, &["--user-email", email, "--verify"]).ok();
    assert!(acting.stdout.contains(&format!("acting as {email}")), "{}", acting.stdout);
    assert!(acting.stdout.contains(&base), "{}", acting.stdout);

    // Without --verify it says so, and how to check later.
    let unchecked = h.add("unchecked", SECRET, &[]).ok();
    assert!(unchecked.stdout.contains("not checked") && unchecked.stdout.contains("credentials test"));

    let rotated =
        h.run_with(&["credentials", "rotate", "own", "--secret-stdin", "--verify"], Some(&format!("{SECRET}\n")), &[]);
    let rotated = rotated.ok();
    assert!(rotated.stdout.contains("rotated the secret of credential own: the check passed"), "{}", rotated.stdout);
    assert!(rotated.stdout.contains("acting as the credential's own user"), "{}", rotated.stdout);
    h.assert_no_secret_leaked();
}

#[test]
fn removing_the_default_says_so_and_leaves_a_usable_default_when_it_can() {
    let h = Harness::new();
    for name in ["a", "b", "c"] {
        h.add(name, SECRET, &[]).ok();
    }
    // Not the default: nothing to say about defaults.
    let plain = h.run(&["credentials", "remove", "c"]).ok();
    assert_eq!(plain.stdout.trim(), "removed credential c");
    assert!(!plain.stderr.contains("default"), "{}", plain.stderr);
    h.add("c", SECRET, &[]).ok();

    // The default with several left: no default, and how to choose one.
    let several = h.run(&["credentials", "remove", "a"]).ok();
    assert!(several.stdout.contains("removed credential a"), "{}", several.stdout);
    let said = format!("{}{}", several.stdout, several.stderr);
    assert!(said.contains("a was the default credential") && said.contains("no default now"), "{said}");
    assert!(said.contains("spotdraft credentials default NAME") && said.contains("b, c"), "{said}");
    h.run(&["contracts", "list"]).code(8);

    // The default with exactly one left: that one becomes the default, and it works at once.
    h.run(&["credentials", "default", "b"]).ok();
    let one = h.run(&["credentials", "remove", "b"]).ok();
    assert!(one.stdout.contains("b was the default credential; the default is now c"), "{}", one.stdout);
    let listed = h.run(&["credentials", "list", "--json"]).ok().json();
    assert_eq!(listed[0]["name"], "c");
    assert_eq!(listed[0]["is_default"], true);
    h.run(&["credentials", "test"]).ok();

    let last = h.run(&["credentials", "remove", "c"]).ok();
    assert!(last.stderr.contains("no saved credentials are left"), "{}", last.stderr);
    h.assert_no_secret_leaked();
}

#[test]
fn add_with_verify_refuses_a_failing_credential() {
    let h = Harness::new();
    let run = h.add("bad", WRONG_SECRET, &["--verify"]).code(3);
    assert!(run.stderr.contains("was not saved") && run.stderr.contains("not accepted"), "{}", run.stderr);
    assert_eq!(h.run(&["credentials", "list", "--json"]).ok().json(), Value::Array(vec![]));
    h.assert_no_secret_leaked();
}

#[test]
fn completions_and_help() {
    let h = Harness::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = h.run(&["completions", shell]).ok();
        assert!(run.stdout.contains("spotdraft"), "{shell}");
    }
    h.run(&["completions", "tcsh"]).code(2);
    let help = h.run(&["--help"]).ok();
    assert!(help.stdout.contains("Exit codes:") && help.stdout.contains("7  the credential store"), "{}", help.stdout);
    assert!(help.stdout.contains("8  no credential to use"), "{}", help.stdout);
    h.run(&["no-such-command"]).code(2);
}

#[test]
fn sandbox_command_prints_its_address_first_and_stops_on_sigterm() {
    let h = Harness::new();
    let mut child = h
        .command(&["sandbox", "--port", "0", "--no-rate-limit"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line: {first:?}")).to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let mut second = String::new();
    stdout.read_line(&mut second).unwrap();
    assert_eq!(second.trim(), format!("client-id: {}", spotdraft_sandbox::DEMO_CLIENT_ID));

    // The running sandbox answers the CLI with the demo credential.
    let env = [
        ("SPOTDRAFT_CLIENT_ID", spotdraft_sandbox::DEMO_CLIENT_ID),
        ("SPOTDRAFT_CLIENT_SECRET", spotdraft_sandbox::DEMO_CLIENT_SECRET),
    ];
    let run = h.run_with(&["--base-url", &url, "credentials", "test"], None, &env).ok();
    assert!(run.stdout.contains(&url));

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}
