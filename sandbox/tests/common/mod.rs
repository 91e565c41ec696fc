//! A tiny blocking HTTP/1.1 client over `std::net::TcpStream` for the tests.
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

pub const AUTH: [(&str, &str); 2] = [("client-id", DEMO_CLIENT_ID), ("client-secret", DEMO_CLIENT_SECRET)];

/// A sandbox without the rate limit, for tests not about it.
pub fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::new().rate_limit(false)).expect("sandbox starts")
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
}

/// Send one request (with `Connection: close`) and read everything until EOF.
/// Returns the raw bytes; errors are transport errors (e.g. a reset).
pub fn raw(addr: SocketAddr, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out)?;
    Ok(out)
}

/// Parse a complete response; the body is whatever followed the head.
pub fn parse(bytes: &[u8]) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(bytes)));
    let head = std::str::from_utf8(&bytes[..split]).expect("ASCII head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response { status, headers, body: bytes[split + 4..].to_vec() }
}

pub fn request(sandbox: &Sandbox, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let bytes = raw(sandbox.local_addr(), method, target, headers, body).expect("transport ok");
    let response = parse(&bytes);
    if let Some(len) = response.header("content-length") {
        assert_eq!(len.parse::<usize>().unwrap(), response.body.len(), "complete body");
    }
    response
}

pub fn get(sandbox: &Sandbox, target: &str) -> Response {
    request(sandbox, "GET", target, &AUTH, b"")
}

pub fn get_with(sandbox: &Sandbox, target: &str, headers: &[(&str, &str)]) -> Response {
    request(sandbox, "GET", target, headers, b"")
}
