//! `fleet bench`: the figures scripts/bench-fleet prints. Not a test: nothing is asserted
//! beyond the run working.
//!
//! 1. The 4 x 4 fleet sharing one Redis window against the sandbox's 10/s limit:
//!    sustained aggregate rate (after the first second's burst) and 429s.
//! 2. The added latency of one acquisition: calls to an unlimited sandbox with a limit
//!    too high to ever wait, shared (Redis on loopback) vs local, median and p99.

use std::time::{Duration, Instant};

use spotdraft::{Client, Credential, Method};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RATE_LIMIT_PER_SECOND};

use crate::redis_server::RedisServer;
use crate::runs::{busiest_second, collect, fleet_requests, start_workers, throttled};
use crate::worker::ENDPOINT;

pub fn main(args: &[String]) -> i32 {
    let seconds: f64 = args.first().map_or(20.0, |s| s.parse().expect("SECONDS is a number"));
    let redis = RedisServer::start(None);

    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(true)).unwrap();
    collect(start_workers(&sandbox, Some(&redis.url()), seconds));
    let log = fleet_requests(&sandbox);
    let accepted: Vec<u64> = log.iter().filter(|r| r.status != 429).map(|r| r.at_micros).collect();
    // Sustained: a sliding window admits the limit at once, then the limit per window, so
    // count whole windows: request k (a multiple of the limit) opens window k / limit + 1,
    // and k requests went before it. The cut-off last window then does not skew the figure.
    let k = (accepted.len() - 1) / RATE_LIMIT_PER_SECOND * RATE_LIMIT_PER_SECOND;
    let rate = k as f64 / ((accepted[k] - accepted[0]) as f64 / 1e6);
    println!("fleet 4 processes x 4 callers, shared limit on Redis, {seconds} s against the 10/s sandbox:");
    println!(
        "  sustained {rate:.2} requests/s, {} accepted, {} x 429, busiest one-second window {}",
        accepted.len(),
        throttled(&log),
        busiest_second(&log)
    );

    let unlimited = Sandbox::start(SandboxConfig::new().rate_limit(false)).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let calls = 2000;
    let local = latencies(&runtime, &unlimited, None, calls);
    let shared = latencies(&runtime, &unlimited, Some(&redis.url()), calls);
    println!("one call to a local sandbox (limit 1,000,000/s, never waits), {calls} calls each:");
    println!("  local limiter:  median {:>6.0} us, p99 {:>6.0} us", local.0, local.1);
    println!("  Redis limiter:  median {:>6.0} us, p99 {:>6.0} us", shared.0, shared.1);
    println!("  added per acquisition: median {:.0} us, p99 {:.0} us", shared.0 - local.0, shared.1 - local.1);
    0
}

/// Median and 99th percentile of one sequential call, in microseconds.
fn latencies(runtime: &tokio::runtime::Runtime, sandbox: &Sandbox, redis: Option<&str>, calls: usize) -> (f64, f64) {
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    let mut builder = Client::builder(credential).base_url(&sandbox.base_url()).rate_limit(Some(1_000_000));
    if let Some(url) = redis {
        builder = builder.shared_rate_limit(url).shared_rate_limit_strict(true);
    }
    let client = builder.build().unwrap();
    let mut times: Vec<Duration> = runtime.block_on(async {
        for _ in 0..50 {
            client.request(Method::Get, ENDPOINT).send().await.unwrap();
        }
        let mut times = Vec::with_capacity(calls);
        for _ in 0..calls {
            let started = Instant::now();
            client.request(Method::Get, ENDPOINT).send().await.unwrap();
            times.push(started.elapsed());
        }
        times
    });
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e6;
    (at(0.5), at(0.99))
}
