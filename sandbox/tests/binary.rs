//! The `spotdraft-sandbox` binary.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use common::{parse, raw, AUTH};

const BIN: &str = env!("CARGO_BIN_EXE_spotdraft-sandbox");

/// Kills the child when the test ends, even on panic.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and reads its announcement: the listening line, then `lines_after` more.
fn start(args: &[&str], envs: &[(&str, &str)], lines_after: usize) -> (Running, Vec<String>, SocketAddr) {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("SPOTDRAFT_SANDBOX_CLIENT_SECRET").stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in envs {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("binary starts");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    let first = first.trim_end().to_string();
    let addr = first
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .parse()
        .unwrap();
    let mut lines = vec![first];
    for _ in 0..lines_after {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        lines.push(line.trim_end().to_string());
    }
    (running, lines, addr)
}

#[test]
fn prints_listening_line_and_demo_credential() {
    let (_child, lines, addr) = start(&["--port", "0", "--no-rate-limit"], &[], 3);
    assert_eq!(lines[3], format!("user-email: {}", spotdraft_sandbox::DEMO_USER_EMAIL));
    assert!(lines[0].starts_with("listening on http://127.0.0.1:"));
    assert_ne!(addr.port(), 0);
    assert!(lines.iter().any(|l| l.contains(spotdraft_sandbox::DEMO_CLIENT_ID)));
    assert!(lines.iter().any(|l| l.contains(spotdraft_sandbox::DEMO_CLIENT_SECRET)));
    let bytes = raw(addr, "GET", "/api/v2.1/public/contract_types/", &AUTH, b"").unwrap();
    assert_eq!(parse(&bytes).status, 200);
}

#[test]
fn custom_credential_from_env_is_never_printed() {
    let secret = "env-provided-secret-123";
    let (_child, lines, addr) = start(
        &["--client-id", "bin-id", "--user-email", "ci@partner.example", "--pdf-size", "1000"],
        &[("SPOTDRAFT_SANDBOX_CLIENT_SECRET", secret)],
        1,
    );
    // Its own credential, its own user: the demo user is not announced.
    assert_eq!(lines[1], "user-email: ci@partner.example");
    assert!(lines.iter().all(|l| !l.contains(spotdraft_sandbox::DEMO_USER_EMAIL)));
    assert!(lines.iter().all(|l| !l.contains(secret)));
    assert!(lines.iter().all(|l| !l.contains(spotdraft_sandbox::DEMO_CLIENT_SECRET)));
    let headers = [("client-id", "bin-id"), ("client-secret", secret), ("user-email", "ci@partner.example")];
    let bytes = raw(addr, "POST", "/api/v2.1/public/contracts/T-1001/download", &headers, b"").unwrap();
    let r = parse(&bytes);
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), 1000);
    let bytes = raw(addr, "GET", "/api/v2.1/public/contract_types/", &AUTH, b"").unwrap();
    assert_eq!(parse(&bytes).status, 401);
}

#[test]
fn bad_arguments_exit_with_2() {
    for args in [&["--bogus"][..], &["--port", "notaport"], &["--client-id", "only-id"]] {
        let output = Command::new(BIN).args(args).env_remove("SPOTDRAFT_SANDBOX_CLIENT_SECRET").output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly() {
    let (mut child, _lines, _addr) = start(&[], &[], 3);
    let pid = child.0.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let exit = child.0.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
}
