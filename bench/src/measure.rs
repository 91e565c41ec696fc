//! The measurements: each runs N requests and reports wall time and client CPU per request.

use std::sync::Arc;
use std::time::{Duration, Instant};

use spotdraft::{BlockingClient, Client, Credential, Method, Request};
use spotdraft_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub wall_per_request: Duration,
    pub cpu_per_request: Duration,
}

/// Every contender's samples, round by round. Rounds alternate between the contenders
/// (round 1 of each, then round 2 of each, ...), so a burst of other load on a shared
/// machine lands on all of them alike instead of on whichever ran during it.
pub fn interleaved(rounds: usize, contenders: &mut [&mut dyn FnMut() -> Sample]) -> Vec<Vec<Sample>> {
    let mut samples: Vec<Vec<Sample>> = vec![Vec::with_capacity(rounds); contenders.len()];
    for _ in 0..rounds {
        for (run, taken) in contenders.iter_mut().zip(&mut samples) {
            taken.push(run());
        }
    }
    samples
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The median round by wall time.
pub fn median_sample(samples: &[Sample]) -> Sample {
    let mut sorted = samples.to_vec();
    sorted.sort_by_key(|s| s.wall_per_request);
    sorted[sorted.len() / 2]
}

/// The median over rounds of `measure(ours) / measure(base)` for the two samples of the
/// same round: side by side in time, each pair saw the same load, so the ratio of a pair
/// is steadier on a shared machine than the ratio of two medians.
pub fn paired_ratio(ours: &[Sample], base: &[Sample], measure: impl Fn(&Sample) -> Duration) -> f64 {
    median(ours.iter().zip(base).map(|(o, b)| measure(o).as_secs_f64() / measure(b).as_secs_f64()).collect())
}

fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: getrusage fills the struct we own.
        unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
        let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
        tv(usage.ru_utime) + tv(usage.ru_stime)
    }
    #[cfg(not(unix))]
    Duration::ZERO
}

/// Pins this process to one CPU when the machine has more than one.
pub fn pin_to_cpu(cpu: usize) {
    #[cfg(target_os = "linux")]
    {
        if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
            return;
        }
        // SAFETY: a zeroed cpu_set_t with one bit set, for this process.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu, &mut set);
            libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = cpu;
}

fn timed(requests: usize, run: impl FnOnce()) -> Sample {
    let cpu = cpu_time();
    let started = Instant::now();
    run();
    let wall = started.elapsed();
    let cpu = cpu_time().saturating_sub(cpu);
    Sample { wall_per_request: wall / requests as u32, cpu_per_request: cpu / requests as u32 }
}

/// tokio's default size: one worker per core this process may run on (one, when pinned).
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime")
}

/// Raw reqwest set up as the core sets up its pool, so that both send the same request
/// bytes (the core's User-Agent included) and only the client's own work differs.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .tcp_nodelay(true)
        .redirect(reqwest::redirect::Policy::none())
        .referer(false)
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent(concat!("spotdraft-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("reqwest client")
}

async fn raw_get(http: &reqwest::Client, url: &str) {
    let response = http
        .get(url)
        .header("client-id", DEMO_CLIENT_ID)
        .header("client-secret", DEMO_CLIENT_SECRET)
        .header("accept", "application/json")
        .send()
        .await
        .expect("raw request");
    assert!(response.status().is_success());
    response.bytes().await.expect("raw body");
}

fn core_client(base_url: &str) -> Client {
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).expect("credential");
    Client::builder(credential).base_url(base_url).rate_limit(None).build().expect("client")
}

pub fn raw_sequential(url: &str, requests: usize) -> Sample {
    let rt = runtime();
    let http = raw_client();
    rt.block_on(raw_get(&http, url));
    timed(requests, || {
        rt.block_on(async {
            for _ in 0..requests {
                raw_get(&http, url).await;
            }
        })
    })
}

pub fn core_sequential(base_url: &str, path: &str, requests: usize) -> Sample {
    let rt = runtime();
    let client = core_client(base_url);
    let send = |client: &Client| {
        let client = client.clone();
        async move { client.send(Request::new(Method::Get, path)).await.expect("core request") }
    };
    rt.block_on(send(&client));
    timed(requests, || {
        rt.block_on(async {
            for _ in 0..requests {
                send(&client).await;
            }
        })
    })
}

pub fn blocking_sequential(base_url: &str, path: &str, requests: usize) -> Sample {
    let client = BlockingClient::from_client(core_client(base_url));
    client.send(Request::new(Method::Get, path)).expect("warm-up");
    timed(requests, || {
        for _ in 0..requests {
            client.send(Request::new(Method::Get, path)).expect("blocking request");
        }
    })
}

pub fn raw_concurrent(url: &str, requests: usize, in_flight: usize) -> Sample {
    let rt = runtime();
    let http = raw_client();
    let url: Arc<str> = url.into();
    timed(requests, || {
        rt.block_on(async {
            let tasks: Vec<_> = (0..in_flight)
                .map(|_| {
                    let (http, url) = (http.clone(), url.clone());
                    tokio::spawn(async move {
                        for _ in 0..requests / in_flight {
                            raw_get(&http, &url).await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.expect("task");
            }
        })
    })
}

pub fn core_concurrent(base_url: &str, path: &'static str, requests: usize, in_flight: usize) -> Sample {
    let rt = runtime();
    let client = core_client(base_url);
    timed(requests, || {
        rt.block_on(async {
            let tasks: Vec<_> = (0..in_flight)
                .map(|_| {
                    let client = client.clone();
                    tokio::spawn(async move {
                        for _ in 0..requests / in_flight {
                            client.send(Request::new(Method::Get, path)).await.expect("core request");
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.expect("task");
            }
        })
    })
}

pub fn blocking_concurrent(base_url: &str, path: &'static str, requests: usize, in_flight: usize) -> Sample {
    let client = BlockingClient::from_client(core_client(base_url));
    timed(requests, || {
        let threads: Vec<_> = (0..in_flight)
            .map(|_| {
                let client = client.clone();
                std::thread::spawn(move || {
                    for _ in 0..requests / in_flight {
                        client.send(Request::new(Method::Get, path)).expect("blocking request");
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("thread");
        }
    })
}

/// What the limiter run saw.
pub struct LimiterRun {
    pub callers: usize,
    pub rate: f64,
    pub throttled: u64,
    pub sent: u64,
}

/// Sends as fast as the client-side limiter (its default 10/s) lets 16 callers for
/// `duration`, retries off, so every 429 the sandbox answers is counted.
pub fn limiter(base_url: &str, path: &'static str, duration: Duration) -> LimiterRun {
    const CALLERS: usize = 16;
    let rt = runtime();
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).expect("credential");
    let client = Client::builder(credential)
        .base_url(base_url)
        .retry_policy(spotdraft::RetryPolicy::none())
        .build()
        .expect("client");
    rt.block_on(async {
        let started = Instant::now();
        let tasks: Vec<_> = (0..CALLERS)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    let (mut sent, mut throttled) = (0u64, 0u64);
                    while started.elapsed() < duration {
                        match client.send(Request::new(Method::Get, path)).await {
                            Ok(_) => {}
                            Err(e) if e.kind() == spotdraft::ErrorKind::RateLimited => throttled += 1,
                            Err(e) if e.kind() == spotdraft::ErrorKind::Timeout => break,
                            Err(e) => panic!("limiter run failed: {e}"),
                        }
                        sent += 1;
                    }
                    (sent, throttled)
                })
            })
            .collect();
        let (mut sent, mut throttled) = (0, 0);
        for task in tasks {
            let (s, t) = task.await.expect("task");
            sent += s;
            throttled += t;
        }
        LimiterRun { callers: CALLERS, rate: sent as f64 / started.elapsed().as_secs_f64(), throttled, sent }
    })
}

/// wrk's requests/second with `connections` open (one thread, beside the client's core),
/// or `None` when wrk is missing or fails.
pub fn wrk(url: &str, connections: usize, duration: Duration) -> Option<f64> {
    let output = std::process::Command::new("wrk")
        .args(["-t1", &format!("-c{connections}"), &format!("-d{}s", duration.as_secs())])
        .args(["-H", &format!("client-id: {DEMO_CLIENT_ID}"), "-H", &format!("client-secret: {DEMO_CLIENT_SECRET}")])
        .args(["-H", "accept: application/json"])
        .args(["-H", concat!("user-agent: spotdraft-rust/", env!("CARGO_PKG_VERSION"))])
        .arg(url)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    if text.contains("Non-2xx") {
        return None;
    }
    text.lines().find_map(|l| l.strip_prefix("Requests/sec:")).and_then(|v| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(micros: u64) -> Sample {
        Sample { wall_per_request: Duration::from_micros(micros), cpu_per_request: Duration::ZERO }
    }

    #[test]
    fn rounds_alternate_and_ratios_pair_rounds() {
        let order = std::cell::RefCell::new(Vec::new());
        let (mut a, mut b) = (vec![30, 10, 20].into_iter(), vec![60, 15, 10].into_iter());
        let mut first = || {
            order.borrow_mut().push('a');
            sample(a.next().unwrap())
        };
        let mut second = || {
            order.borrow_mut().push('b');
            sample(b.next().unwrap())
        };
        let rounds = interleaved(3, &mut [&mut first, &mut second]);
        assert_eq!(order.into_inner(), ['a', 'b', 'a', 'b', 'a', 'b']);
        assert_eq!(median_sample(&rounds[0]).wall_per_request, Duration::from_micros(20));
        assert_eq!(median_sample(&rounds[1]).wall_per_request, Duration::from_micros(15));
        // Pairs: 60/30 = 2, 15/10 = 1.5, 10/20 = 0.5; the median is 1.5 (medians alone: 0.75).
        assert_eq!(paired_ratio(&rounds[1], &rounds[0], |s| s.wall_per_request), 1.5);
    }
}
