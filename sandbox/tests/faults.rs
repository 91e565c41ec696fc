//! Injected faults through the Rust API.

mod common;

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use common::{get, get_with, parse, raw, request, sandbox, AUTH};
use serde_json::json;
use spotdraft_sandbox::{Fault, FaultRule, Sandbox, SandboxConfig};

const TYPES: &str = "/api/v2.1/public/contract_types/";

fn status_fault(status: u16, retry_after: Option<&str>) -> Fault {
    Fault::Status { status, retry_after: retry_after.map(str::to_string), body: None }
}

#[test]
fn status_fault_with_retry_after_is_used_up_after_times() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, status_fault(503, Some("2"))).times(2));
    for _ in 0..2 {
        let r = get(&sb, TYPES);
        assert_eq!(r.status, 503);
        assert_eq!(r.header("retry-after"), Some("2"));
        assert!(r.json()["detail"].is_string());
    }
    assert_eq!(get(&sb, TYPES).status, 200);
    let log = sb.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].fault.as_deref(), Some("status:503"));
    assert_eq!(log[0].status, 503);
    assert_eq!(log[2].fault, None);
    assert_eq!(log[2].status, 200);
}

#[test]
fn faults_apply_before_auth_and_routing() {
    let sb = sandbox();
    sb.inject(FaultRule::new("*", status_fault(502, None)).times(2));
    assert_eq!(get_with(&sb, TYPES, &[]).status, 502);
    assert_eq!(get(&sb, "/no/such/path").status, 502);
    assert_eq!(get_with(&sb, TYPES, &[]).status, 401);
}

#[test]
fn faults_apply_before_the_rate_limit() {
    let sb = Sandbox::start(SandboxConfig::new()).unwrap();
    sb.inject(FaultRule::new(TYPES, status_fault(500, None)).times(15));
    for _ in 0..15 {
        assert_eq!(get(&sb, TYPES).status, 500);
    }
}

#[test]
fn status_fault_with_custom_body() {
    let sb = sandbox();
    let body = json!({"detail": "Workflow blocked", "status_code": 402, "code": "SD_CONTRACTS_00289", "message": "Workflow blocked"});
    sb.inject(FaultRule::new(TYPES, Fault::Status { status: 402, retry_after: None, body: Some(body.clone()) }));
    let r = get(&sb, TYPES);
    assert_eq!(r.status, 402);
    assert_eq!(r.json(), body);
    assert_eq!(r.header("retry-after"), None);
}

#[test]
fn method_restricted_rule() {
    let sb = sandbox();
    let path = "/api/v2.1/public/contracts/T-1001/download";
    sb.inject(FaultRule::new(path, status_fault(504, None)).method("post"));
    assert_eq!(request(&sb, "GET", path, &AUTH, b"").status, 405);
    assert_eq!(request(&sb, "POST", path, &AUTH, b"").status, 504);
    assert_eq!(request(&sb, "POST", path, &AUTH, b"").status, 200);
}

#[test]
fn reset_closes_without_a_response() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::Reset));
    let result = raw(sb.local_addr(), "GET", TYPES, &AUTH, b"");
    match result {
        Err(e) => assert_eq!(e.kind(), ErrorKind::ConnectionReset, "{e}"),
        Ok(bytes) => assert!(bytes.is_empty(), "no response bytes, got {:?}", String::from_utf8_lossy(&bytes)),
    }
    assert_eq!(get(&sb, TYPES).status, 200, "used up after one request");
    let log = sb.requests();
    assert_eq!(log[0].status, 0);
    assert_eq!(log[0].fault.as_deref(), Some("reset"));
}

#[test]
fn delay_waits_then_answers() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::Delay { millis: 300 }));
    let start = Instant::now();
    let r = get(&sb, TYPES);
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 200);
    assert_eq!(sb.requests()[0].fault.as_deref(), Some("delay:300ms"));
}

#[test]
fn truncate_declares_more_than_it_sends() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::Truncate));
    let bytes = raw(sb.local_addr(), "GET", TYPES, &AUTH, b"").expect("closed after partial body");
    let r = parse(&bytes);
    assert_eq!(r.status, 200);
    let declared: usize = r.header("content-length").unwrap().parse().unwrap();
    assert!(r.body.len() < declared, "{} < {declared}", r.body.len());
    assert_eq!(get(&sb, TYPES).status, 200);
}

#[test]
fn truncate_a_download() {
    let sb = Sandbox::start(SandboxConfig::new().rate_limit(false).pdf_size(1 << 20)).unwrap();
    let path = "/api/v2.1/public/contracts/T-1001/download";
    sb.inject(FaultRule::new(path, Fault::Truncate));
    let bytes = raw(sb.local_addr(), "POST", path, &AUTH, b"").expect("closed after partial body");
    let r = parse(&bytes);
    assert_eq!(r.header("content-length"), Some("1048576"));
    assert!(r.body.len() < 1 << 20);
    assert!(r.body.starts_with(b"%PDF-1.4"));
}

#[test]
fn redirect_to_another_origin() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::Redirect { location: "http://evil.example/steal".into() }));
    let r = get(&sb, TYPES);
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("http://evil.example/steal"));
    assert_eq!(sb.requests()[0].fault.as_deref(), Some("redirect"));
}

#[test]
fn clear_faults_removes_pending_rules() {
    let sb = sandbox();
    sb.inject(FaultRule::new("*", status_fault(500, None)).times(100));
    assert_eq!(get(&sb, TYPES).status, 500);
    sb.clear_faults();
    assert_eq!(get(&sb, TYPES).status, 200);
}

#[test]
fn delay_logs_the_request_when_it_arrives() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::Delay { millis: 1500 }));
    let addr = sb.local_addr();
    let slow = std::thread::spawn(move || raw(addr, "GET", TYPES, &AUTH, b""));
    let deadline = Instant::now() + Duration::from_millis(1200);
    while sb.requests().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(sb.requests().len(), 1, "logged before the answer is sent");
    assert_eq!(sb.requests()[0].status, 200);
    assert_eq!(parse(&slow.join().unwrap().unwrap()).status, 200);
}

#[test]
fn stall_body_sends_half_then_falls_silent_then_finishes() {
    use std::io::{Read, Write};
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::StallBody { millis: 800 }));
    let mut stream = std::net::TcpStream::connect(sb.local_addr()).unwrap();
    let mut head = format!("GET {TYPES} HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n");
    for (name, value) in AUTH {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let start = Instant::now();
    stream.write_all(head.as_bytes()).unwrap();
    // Read what arrives before the silence: the head and the first half of the body.
    stream.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    let mut early = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => panic!("closed before the rest of the body"),
            Ok(n) => early.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => break,
            Err(e) => panic!("{e}"),
        }
    }
    let before = parse(&early);
    assert_eq!(before.status, 200);
    let declared: usize = before.header("content-length").unwrap().parse().unwrap();
    assert!(!before.body.is_empty() && before.body.len() < declared, "{} of {declared}", before.body.len());
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut all = early;
    stream.read_to_end(&mut all).unwrap();
    assert!(start.elapsed() >= Duration::from_millis(800), "the rest came after the pause");
    let after = parse(&all);
    assert_eq!(after.body.len(), declared);
    assert_eq!(after.body, get(&sb, TYPES).body, "the whole normal answer in the end");
    assert_eq!(sb.requests()[0].fault.as_deref(), Some("stall_body:800ms"));
}

#[test]
fn malformed_json_is_a_200_that_does_not_parse() {
    let sb = sandbox();
    sb.inject(FaultRule::new(TYPES, Fault::MalformedJson { body: None }));
    sb.inject(FaultRule::new(TYPES, Fault::MalformedJson { body: Some("<html>oops</html>".into()) }));
    let r = get(&sb, TYPES);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    let r = get(&sb, TYPES);
    assert_eq!(r.body, b"<html>oops</html>");
    assert_eq!(get(&sb, TYPES).status, 200);
    assert_eq!(sb.requests()[0].fault.as_deref(), Some("malformed_json"));
}
