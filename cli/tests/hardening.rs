//! What a hostile server or an impatient user meets: server text that tries to drive the terminal, the
//! verbosity levels and RUST_LOG, and the `--timeout`, `--connect-timeout` and `--retries` flags.

mod common;

use std::time::{Duration, Instant};

use common::{Harness, SECRET};
use serde_json::{json, Value};
use spotdraft_sandbox::{Fault, FaultRule};

/// ESC-started sequences (window title, clear screen, colour), BEL, CR+LF (to fake a `hint:` line), a C1 CSI and
/// a right-to-left override.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r\nhint: run rm -rf ~ \u{9b}31m\u{202e}gpj.exe";

fn assert_inert(text: &str) {
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(c == '\n' || !(c.is_control() || bidi), "raw {:?} reached the terminal in:\n{text}", c);
    }
}

fn hostile_status(status: u16) -> Fault {
    Fault::Status {
        status,
        retry_after: None,
        body: Some(json!({"detail": HOSTILE, "code": "SD_\u{1b}[31mX", "name": [format!("bad\r{HOSTILE}")]})),
    }
}

#[test]
fn server_error_text_cannot_drive_the_terminal() {
    let h = Harness::new();
    for status in [400, 404, 409, 500] {
        h.sandbox.inject(FaultRule::new("*", hostile_status(status)).times(10));
        let run = h.api(&["contracts", "status", "T-1001"]);
        assert_ne!(run.code, 0);
        assert_inert(&run.stderr);
        // The text is still there to read, escaped; and it stayed on the error line.
        assert!(run.stderr.contains("\\u{1b}]0;pwned\\u{7}"), "{}", run.stderr);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert!(lines[0].starts_with("error: ") && lines[0].contains("hint: run rm"), "{}", run.stderr);
        assert!(!lines.iter().any(|l| l.starts_with("hint: run")), "a server faked a hint line: {}", run.stderr);
        assert!(lines.last().unwrap().starts_with("(kind: "), "{}", run.stderr);
        h.sandbox.clear_faults();
    }
    h.assert_no_secret_leaked();
}

#[test]
fn server_data_printed_as_text_or_json_is_inert() {
    let h = Harness::new();
    let url = format!("https://files.example/x{HOSTILE}");
    let link = Fault::Status { status: 200, retry_after: None, body: Some(json!({"url": url})) };

    h.sandbox.inject(FaultRule::new("*", link.clone()));
    let text = h.api(&["contracts", "link", "T-1002"]).ok();
    assert_inert(&text.stdout);
    assert_eq!(text.stdout.lines().count(), 1, "{}", text.stdout);
    assert!(text.stdout.starts_with("https://files.example/x\\u{1b}]0;pwned"), "{}", text.stdout);

    // JSON keeps the exact value, with every dangerous character escaped.
    h.sandbox.inject(FaultRule::new("*", link));
    let json = h.api(&["--output", "json", "contracts", "link", "T-1002"]).ok();
    assert_inert(&json.stdout);
    assert_eq!(json.json()["url"], Value::String(url));

    // Table cells and key: value lines.
    let contract = json!({"id": "T-1001", "contract_name": HOSTILE, "contract_status": "DRAFT"});
    let page = json!({"page": 1, "limit": 20, "total_results": 1, "results": [contract]});
    h.sandbox.inject(FaultRule::new("*", Fault::Status { status: 200, retry_after: None, body: Some(page) }));
    let table = h.api(&["contracts", "list"]).ok();
    assert_inert(&table.stdout);
    assert_eq!(table.stdout.lines().count(), 2, "{}", table.stdout);
    h.assert_no_secret_leaked();
}

/// A temporary file named like those of the credential store, as a writer killed mid-save leaves it.
fn leave_stale_temp(h: &Harness) -> std::path::PathBuf {
    let path = h.store_dir().join(".credentials.json.tmp-4242-1700000000000000000-0");
    std::fs::write(&path, b"{}").unwrap();
    path
}

#[test]
fn warnings_show_by_default_and_rust_log_overrides_the_flags() {
    let h = Harness::new();
    h.add("work", SECRET, &[]).ok();

    // No flag: warnings from the spotdraft crates reach stderr, in the CLI's own style.
    let temp = leave_stale_temp(&h);
    let run = h.run(&["credentials", "list"]).ok();
    assert!(run.stderr.contains("warning: removed a temporary file left by an interrupted change"), "{}", run.stderr);
    assert!(!temp.exists());
    // ... but nothing below a warning.
    let quiet = h.run(&["contracts", "list", "--limit", "1"]).ok();
    assert!(!quiet.stderr.contains("spotdraft.request"), "{}", quiet.stderr);

    // RUST_LOG replaces the default and -v: off silences the warning even with -vv ...
    leave_stale_temp(&h);
    let off = h.run_with(&["-vv", "contracts", "list", "--limit", "1"], None, &[("RUST_LOG", "off")]).ok();
    assert!(!off.stderr.contains("warning:") && !off.stderr.contains("spotdraft.request"), "{}", off.stderr);
    // ... and a debug filter shows the request traces without -v.
    let debug = h.run_with(&["contracts", "list", "--limit", "1"], None, &[("RUST_LOG", "spotdraft=debug")]).ok();
    assert!(debug.stderr.contains("spotdraft.request") && debug.stderr.contains("response"), "{}", debug.stderr);
    assert!(!debug.stderr.contains("client settings"), "trace events under a debug filter: {}", debug.stderr);

    // A RUST_LOG that is not a filter is reported, and the flags apply.
    let bad = h.run_with(&["-v", "contracts", "list", "--limit", "1"], None, &[("RUST_LOG", "spotdraft=loud")]).ok();
    assert!(bad.stderr.contains("ignoring RUST_LOG"), "{}", bad.stderr);
    assert!(bad.stderr.contains("spotdraft.request"), "{}", bad.stderr);
    h.assert_no_secret_leaked();
}

#[test]
fn double_v_shows_more_than_single_v() {
    let h = Harness::new();
    h.add("work", SECRET, &[]).ok();
    let v = h.run(&["-v", "contracts", "list", "--limit", "1"]).ok();
    let vv = h.run(&["-vv", "contracts", "list", "--limit", "1"]).ok();
    for run in [&v, &vv] {
        assert!(run.stderr.contains("DEBUG") && run.stderr.contains("spotdraft.request"), "{}", run.stderr);
    }
    assert!(!v.stderr.contains("TRACE"), "{}", v.stderr);
    assert!(vv.stderr.contains("TRACE") && vv.stderr.contains("client settings"), "{}", vv.stderr);
    assert!(vv.stderr.lines().count() > v.stderr.lines().count());
    h.assert_no_secret_leaked();
}

fn attempts(h: &Harness, path: &str) -> usize {
    h.sandbox.requests().iter().filter(|r| r.path == path).count()
}

#[test]
fn timeout_ends_a_slow_call_on_time() {
    let h = Harness::new();
    h.sandbox.inject(FaultRule::new("*", Fault::Delay { millis: 8000 }).times(10));
    let started = Instant::now();
    let run = h.api(&["--timeout", "1", "contracts", "status", "T-1001"]).code(6);
    let elapsed = started.elapsed();
    assert!(run.stderr.contains("(kind: timeout)"), "{}", run.stderr);
    assert!(elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(4), "took {elapsed:?}");
    h.sandbox.clear_faults();
    // Generous limits change nothing for a prompt answer.
    h.api(&["--timeout", "2.5", "--connect-timeout", "5", "contracts", "status", "T-1001"]).ok();
    h.assert_no_secret_leaked();
}

#[test]
fn retries_sets_how_many_attempts_follow_the_first() {
    let h = Harness::new();
    let path = "/api/v2.1/public/contracts/T-1001/status";
    let unavailable = Fault::Status { status: 503, retry_after: Some("0".into()), body: None };
    for (flag, expected) in [(Some("0"), 1), (Some("2"), 3), (None, 4)] {
        h.sandbox.clear_requests();
        h.sandbox.inject(FaultRule::new(path, unavailable.clone()).times(10));
        let mut args = vec!["contracts", "status", "T-1001"];
        if let Some(n) = flag {
            args.splice(0..0, ["--retries", n]);
        }
        let run = h.api(&args).code(5);
        assert_eq!(attempts(&h, path), expected, "--retries {flag:?}: {}", run.stderr);
        h.sandbox.clear_faults();
    }
    h.assert_no_secret_leaked();
}

#[test]
fn bad_timeouts_and_retries_are_usage_errors() {
    let h = Harness::new();
    for flag in ["--timeout", "--connect-timeout"] {
        for bad in ["0", "-1", "abc", "", "1e9", "inf", "NaN", "86401"] {
            let arg = format!("{flag}={bad}");
            let run = h.api(&[&arg, "contracts", "status", "T-1001"]).code(2);
            assert!(run.stderr.contains(flag) && run.stderr.contains("seconds"), "{arg}: {}", run.stderr);
        }
    }
    for bad in ["-1", "20", "1.5", "x", "99999999999999999999"] {
        let arg = format!("--retries={bad}");
        let run = h.api(&[&arg, "contracts", "status", "T-1001"]).code(2);
        assert!(run.stderr.contains("--retries") && run.stderr.contains("retries from 0"), "{arg}: {}", run.stderr);
    }
    assert!(h.sandbox.requests().is_empty(), "a bad flag still sent a request");
    h.assert_no_secret_leaked();
}

#[test]
fn a_long_retry_after_is_announced_without_verbose_flags() {
    let h = Harness::new();
    let path = "/api/v2.1/public/contracts/T-1001/status";
    let busy = Fault::Status { status: 503, retry_after: Some("2".into()), body: None };
    h.sandbox.inject(FaultRule::new(path, busy).times(1));
    let run = h.api(&["contracts", "status", "T-1001"]).ok();
    assert!(run.stderr.contains("waiting 2.0 s before retrying"), "no announcement: {}", run.stderr);
    assert!(run.stderr.contains("Retry-After"), "{}", run.stderr);
    // A wait past the cap is refused, in units a person reads.
    let days = Fault::Status { status: 503, retry_after: Some("100000".into()), body: None };
    h.sandbox.inject(FaultRule::new(path, days).times(1));
    let run = h.api(&["contracts", "status", "T-1001"]).code(5);
    assert!(run.stderr.contains("27.8 h"), "{}", run.stderr);
    h.assert_no_secret_leaked();
}
