//! The fleet-wide (Redis) rate limit across real processes: 4 processes x 4 callers
//! against one sandbox with its 10/s limit, with and without a shared limiter, with Redis
//! killed mid-run, and against wrong Redis addresses.
//!
//! A custom harness (`harness = false`), because the same binary is also the worker
//! processes (`fleet worker ...`) and the benchmark (`fleet bench`, run by
//! scripts/bench-fleet). Needs `redis-server` on PATH; scripts/test-all installs it.

mod bench;
mod errors;
mod redis_server;
mod runs;
mod worker;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("worker") => std::process::exit(worker::main(&args[1..])),
        Some("bench") => std::process::exit(bench::main(&args[1..])),
        _ => {}
    }
    // Like libtest: a name filter (any argument not starting with '-') selects scenarios.
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let scenarios: &[(&str, fn())] = &[
        ("bad_scheme_is_invalid_argument", errors::bad_scheme_is_invalid_argument),
        ("unreachable_redis_strict_fails_fast", errors::unreachable_redis_strict_fails_fast),
        ("unreachable_redis_falls_back", errors::unreachable_redis_falls_back),
        ("wrong_password_is_clear_and_hidden", errors::wrong_password_is_clear_and_hidden),
        ("non_redis_server_never_hangs", errors::non_redis_server_never_hangs),
        ("silent_server_never_hangs", errors::silent_server_never_hangs),
        ("tls_against_plain_redis_is_a_clear_error", errors::tls_against_plain_redis_is_a_clear_error),
        ("key_is_hashed_and_expires", errors::key_is_hashed_and_expires),
        ("waiting_honours_deadline_and_cancellation", errors::waiting_honours_deadline_and_cancellation),
        ("shared_limit_holds_across_processes", runs::shared_limit_holds_across_processes),
        ("local_limits_alone_trip_429s", runs::local_limits_alone_trip_429s),
        ("redis_killed_mid_run", runs::redis_killed_mid_run),
    ];
    let mut ran = 0;
    for (name, scenario) in scenarios {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let started = std::time::Instant::now();
        println!("test {name} ...");
        scenario();
        println!("test {name} ... ok ({:.1} s)", started.elapsed().as_secs_f64());
        ran += 1;
    }
    println!("\nfleet: {ran} scenarios passed");
}
