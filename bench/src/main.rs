//! Per-request cost of the SpotDraft client next to raw reqwest. See README.md.

mod measure;
mod server;

use std::fmt::Write as _;
use std::time::Duration;

use measure::{median_of, Sample};

const ENDPOINT: &str = "/api/v2.1/public/contract_types/";

struct Options {
    requests: usize,
    in_flight: usize,
    limiter_seconds: u64,
    out: Option<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut options =
        Options { requests: 3000, in_flight: 64, limiter_seconds: 60, out: Some("bench/results.txt".into()) };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--requests" => options.requests = value("--requests")?.parse().map_err(|e| format!("--requests: {e}"))?,
            "--in-flight" => {
                options.in_flight = value("--in-flight")?.parse().map_err(|e| format!("--in-flight: {e}"))?
            }
            "--limiter-seconds" => {
                options.limiter_seconds =
                    value("--limiter-seconds")?.parse().map_err(|e| format!("--limiter-seconds: {e}"))?
            }
            "--out" => options.out = Some(value("--out")?),
            "--no-out" => options.out = None,
            other => return Err(format!("unknown argument {other:?} (see bench/README.md)")),
        }
    }
    if options.requests < options.in_flight || options.in_flight == 0 {
        return Err("--requests must be at least --in-flight, which must be at least 1".into());
    }
    Ok(options)
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some(server::SERVE_ARG) {
        server::serve_forever();
        return;
    }
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("spotdraft-bench: {message}");
            std::process::exit(2);
        }
    };
    let mut report = String::new();
    let mut line = |text: String| {
        println!("{text}");
        let _ = writeln!(report, "{text}");
    };

    let open = server::Server::start(false).expect("the sandbox starts");
    measure::pin_to_cpu(0);
    let url = format!("{}{ENDPOINT}", open.base_url);
    line(format!("spotdraft-bench: GET {ENDPOINT} on {} (rate limit off)", open.base_url));
    line(format!("{} requests per round, 3 rounds, medians; CPU is the client process's own", options.requests));
    line(String::new());

    let rounds = 3;
    let sequential = [
        ("raw reqwest (async)", median_of(rounds, || measure::raw_sequential(&url, options.requests))),
        (
            "spotdraft::Client",
            median_of(rounds, || measure::core_sequential(&open.base_url, ENDPOINT, options.requests)),
        ),
        (
            "spotdraft::BlockingClient",
            median_of(rounds, || measure::blocking_sequential(&open.base_url, ENDPOINT, options.requests)),
        ),
    ];
    print_table(&mut line, "sequential keep-alive GETs", &sequential);
    let concurrent = [
        (
            "raw reqwest (async)",
            median_of(rounds, || measure::raw_concurrent(&url, options.requests, options.in_flight)),
        ),
        (
            "spotdraft::Client",
            median_of(rounds, || {
                measure::core_concurrent(&open.base_url, ENDPOINT, options.requests, options.in_flight)
            }),
        ),
        (
            "spotdraft::BlockingClient (threads)",
            median_of(rounds, || {
                measure::blocking_concurrent(&open.base_url, ENDPOINT, options.requests, options.in_flight)
            }),
        ),
    ];
    print_table(&mut line, &format!("{} in flight", options.in_flight), &concurrent);

    match measure::wrk(&url, Duration::from_secs(5)) {
        Some(rps) => {
            let ours = 1.0 / sequential[1].1.wall_per_request.as_secs_f64();
            line(format!(
                "wrk (1 connection, 5 s): {rps:.0} req/s; spotdraft::Client sequential is {:.3}x of it",
                ours / rps
            ));
        }
        None => line("wrk: not installed (apt-get install wrk), skipped".into()),
    }
    drop(open);

    if options.limiter_seconds > 0 {
        let limited = server::Server::start(true).expect("the rate-limited sandbox starts");
        let (rate, throttled, sent) =
            measure::limiter(&limited.base_url, ENDPOINT, Duration::from_secs(options.limiter_seconds));
        line(String::new());
        line(format!(
            "rate limiter, {} s against the sandbox's 10/s window: {rate:.2} requests/s sustained ({sent} sent), {throttled} answered 429",
            options.limiter_seconds
        ));
    }

    if let Some(path) = options.out {
        match std::fs::write(&path, &report) {
            Ok(()) => println!("\nwritten to {path}"),
            Err(e) => eprintln!("could not write {path}: {e}"),
        }
    }
}

fn print_table(line: &mut impl FnMut(String), title: &str, rows: &[(&str, Sample)]) {
    let base = rows[0].1;
    line(format!("{title}:"));
    line(format!("  {:<38} {:>12} {:>9} {:>12} {:>9}", "", "time/req", "ratio", "cpu/req", "ratio"));
    for (name, sample) in rows {
        line(format!(
            "  {:<38} {:>9.1} us {:>8.3}x {:>9.1} us {:>8.3}x",
            name,
            sample.wall_per_request.as_secs_f64() * 1e6,
            sample.wall_per_request.as_secs_f64() / base.wall_per_request.as_secs_f64(),
            sample.cpu_per_request.as_secs_f64() * 1e6,
            sample.cpu_per_request.as_secs_f64() / base.cpu_per_request.as_secs_f64(),
        ));
    }
    line(String::new());
}
