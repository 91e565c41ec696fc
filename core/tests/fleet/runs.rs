//! 4 processes x 4 callers for a few seconds against one rate-limited sandbox.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use spotdraft_sandbox::{LoggedRequest, Sandbox, SandboxConfig, RATE_LIMIT_PER_SECOND};

use crate::redis_server::RedisServer;
use crate::worker::{CALLERS, ENDPOINT};

pub const PROCESSES: usize = 4;
const SECONDS: f64 = 5.0;

/// What one worker process reported.
pub struct Report {
    /// Successful calls per caller.
    pub ok: Vec<u64>,
    pub failed: u64,
    /// The error kinds of the failed calls.
    pub failed_kinds: Vec<String>,
    pub stderr: String,
}

pub fn start_workers(sandbox: &Sandbox, redis_url: Option<&str>, seconds: f64) -> Vec<Child> {
    let exe = std::env::current_exe().unwrap();
    (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args(["worker", &sandbox.base_url(), redis_url.unwrap_or("-"), &seconds.to_string()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect()
}

pub fn collect(workers: Vec<Child>) -> Vec<Report> {
    workers
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "a worker failed: {stdout}\n{stderr}");
            let line: serde_json::Value = serde_json::from_str(stdout.trim())
                .unwrap_or_else(|e| panic!("worker output {stdout:?} is not JSON ({e}); stderr: {stderr}"));
            let callers = line["callers"].as_array().unwrap();
            assert_eq!(callers.len(), CALLERS);
            Report {
                ok: callers.iter().map(|c| c["ok"].as_u64().unwrap()).collect(),
                failed: callers.iter().map(|c| c["failed"].as_u64().unwrap()).sum(),
                failed_kinds: callers
                    .iter()
                    .flat_map(|c| c["failed_kinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()))
                    .collect(),
                stderr,
            }
        })
        .collect()
}

/// The sandbox's log of the fleet's endpoint, oldest first.
pub fn fleet_requests(sandbox: &Sandbox) -> Vec<LoggedRequest> {
    let mut log: Vec<LoggedRequest> = sandbox.requests().into_iter().filter(|r| r.path == ENDPOINT).collect();
    log.sort_by_key(|r| r.at_micros);
    log
}

/// The most requests the sandbox accepted in any one-second window starting at one of
/// them (its limiter counts accepted requests only). The log stamps a request a few
/// microseconds before the limiter sees it, hence the 1 ms of tolerance.
pub fn busiest_second(log: &[LoggedRequest]) -> usize {
    let accepted: Vec<u64> = log.iter().filter(|r| r.status != 429).map(|r| r.at_micros).collect();
    let mut most = 0;
    for (i, start) in accepted.iter().enumerate() {
        let in_window = accepted[i..].iter().take_while(|t| **t < start + 999_000).count();
        most = most.max(in_window);
    }
    most
}

pub fn throttled(log: &[LoggedRequest]) -> usize {
    log.iter().filter(|r| r.status == 429).count()
}

fn rate_limited_sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::new().rate_limit(true)).unwrap()
}

pub fn shared_limit_holds_across_processes() {
    let redis = RedisServer::start(None);
    let sandbox = rate_limited_sandbox();
    let reports = collect(start_workers(&sandbox, Some(&redis.url()), SECONDS));
    let log = fleet_requests(&sandbox);
    assert_eq!(throttled(&log), 0, "the sandbox answered 429 to a fleet sharing one limit");
    let busiest = busiest_second(&log);
    assert!(busiest <= RATE_LIMIT_PER_SECOND, "{busiest} requests in one second");
    // Every caller of every process made progress: the shared window is fair enough.
    for (p, report) in reports.iter().enumerate() {
        assert_eq!(report.failed, 0, "process {p} had failures: {}", report.stderr);
        assert!(report.ok.iter().all(|n| *n > 0), "a caller of process {p} starved: {:?}", report.ok);
        assert!(!report.stderr.contains("unavailable"), "process {p} fell back: {}", report.stderr);
    }
    let total: u64 = reports.iter().flat_map(|r| &r.ok).sum();
    // 10/s for ~5 s, the first second a burst: well above what one process alone gets.
    assert!(total >= 40, "only {total} calls succeeded in {SECONDS} s");
    println!("  shared: {total} calls, busiest second {busiest}, 0 x 429");
}

pub fn local_limits_alone_trip_429s() {
    let sandbox = rate_limited_sandbox();
    collect(start_workers(&sandbox, None, SECONDS));
    let log = fleet_requests(&sandbox);
    let throttled = throttled(&log);
    // Four processes at 10/s each against 10/s: the difference the shared limit makes.
    assert!(throttled > 0, "four processes with local limiters alone saw no 429");
    println!("  local only: {throttled} x 429 of {} requests", log.len());
}

pub fn redis_killed_mid_run() {
    let mut redis = RedisServer::start(None);
    let port = redis.port;
    let url = redis.url();
    let sandbox = rate_limited_sandbox();
    let started = Instant::now();
    let workers = start_workers(&sandbox, Some(&url), 8.0);
    std::thread::sleep(Duration::from_secs(2));
    redis.kill();
    let killed_at = started.elapsed();
    std::thread::sleep(Duration::from_millis(1500));
    let _back = RedisServer::start_on(port, None);
    let back_at = started.elapsed();
    let reports = collect(workers);
    for (p, report) in reports.iter().enumerate() {
        // While Redis is down each process keeps to its own 10/s, so four of them overrun the
        // sandbox: some calls may run out of retries on 429s, but none fails for want of Redis.
        assert!(
            report.failed_kinds.iter().all(|k| k == "rate_limited"),
            "process {p} failed calls while Redis was down: {:?}\n{}",
            report.failed_kinds,
            report.stderr
        );
        assert!(report.ok.iter().all(|n| *n > 0), "a caller of process {p} starved: {:?}", report.ok);
        let warnings = report.stderr.matches("is unavailable").count();
        assert_eq!(warnings, 1, "process {p} should warn once per outage:\n{}", report.stderr);
        assert!(report.stderr.contains("is back"), "process {p} never shared again:\n{}", report.stderr);
    }
    // Once every process is back on Redis (its back-off is at most a few seconds), the
    // fleet keeps one limit again: judge the last 1.5 s.
    let log = fleet_requests(&sandbox);
    let end = log.last().map_or(0, |r| r.at_micros);
    let tail: Vec<LoggedRequest> = log.iter().filter(|r| r.at_micros + 1_500_000 >= end).cloned().collect();
    assert!(!tail.is_empty());
    assert_eq!(throttled(&tail), 0, "429s after Redis came back");
    assert!(busiest_second(&tail) <= RATE_LIMIT_PER_SECOND);
    println!(
        "  killed at {:.1} s, back at {:.1} s: {} calls, {} x 429 during the outage",
        killed_at.as_secs_f64(),
        back_at.as_secs_f64(),
        reports.iter().flat_map(|r| &r.ok).sum::<u64>(),
        throttled(&log)
    );
}
