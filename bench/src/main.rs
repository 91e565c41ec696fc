//! Per-request cost of the SpotDraft client next to raw reqwest and wrk, the limiter's
//! sustained rate, and peak memory while downloading. See README.md.

mod measure;
mod rss;
mod server;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use measure::{paired_ratio, Sample};
use serde_json::{json, Value};

const ENDPOINT: &str = "/api/v2.1/public/contract_types/";

/// The size of the contract each face downloads: 512 MiB.
pub const DOWNLOAD_BYTES: u64 = 512 * 1024 * 1024;

struct Options {
    requests: usize,
    in_flight: usize,
    rounds: usize,
    limiter_seconds: u64,
    wrk_seconds: u64,
    out: Option<String>,
    json: Option<String>,
    base_url: Option<String>,
    limited_url: Option<String>,
    cli: Option<PathBuf>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        requests: 2000,
        in_flight: 64,
        rounds: 7,
        limiter_seconds: 60,
        wrk_seconds: 1,
        out: Some("bench/results.txt".into()),
        json: None,
        base_url: None,
        limited_url: None,
        cli: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        fn number<T: std::str::FromStr>(name: &str, text: String) -> Result<T, String>
        where
            T::Err: std::fmt::Display,
        {
            text.parse().map_err(|e| format!("{name}: {e}"))
        }
        match arg.as_str() {
            "--requests" => options.requests = number("--requests", value("--requests")?)?,
            "--in-flight" => options.in_flight = number("--in-flight", value("--in-flight")?)?,
            "--rounds" => options.rounds = number("--rounds", value("--rounds")?)?,
            "--limiter-seconds" => options.limiter_seconds = number("--limiter-seconds", value("--limiter-seconds")?)?,
            "--wrk-seconds" => options.wrk_seconds = number("--wrk-seconds", value("--wrk-seconds")?)?,
            "--out" => options.out = Some(value("--out")?),
            "--no-out" => options.out = None,
            "--json" => options.json = Some(value("--json")?),
            "--base-url" => options.base_url = Some(value("--base-url")?),
            "--limited-url" => options.limited_url = Some(value("--limited-url")?),
            "--cli" => options.cli = Some(value("--cli")?.into()),
            other => return Err(format!("unknown argument {other:?} (see bench/README.md)")),
        }
    }
    if options.requests < options.in_flight || options.in_flight == 0 {
        return Err("--requests must be at least --in-flight, which must be at least 1".into());
    }
    if options.rounds == 0 || options.wrk_seconds == 0 {
        return Err("--rounds and --wrk-seconds must be at least 1".into());
    }
    Ok(options)
}

fn main() {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some(server::SERVE_ARG) => return server::serve_forever(),
        Some(rss::DOWNLOAD_ARG) => {
            let (Some(url), Some(path)) = (args.next(), args.next()) else {
                eprintln!("spotdraft-bench: {} needs a base URL and a file path", rss::DOWNLOAD_ARG);
                std::process::exit(2);
            };
            return rss::download_child(&url, &path);
        }
        _ => {}
    }
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("spotdraft-bench: {message}");
            std::process::exit(2);
        }
    };
    if let Err(message) = run(&options) {
        eprintln!("spotdraft-bench: {message}");
        std::process::exit(1);
    }
}

fn run(options: &Options) -> Result<(), String> {
    let mut report = String::new();
    let mut line = |text: String| {
        println!("{text}");
        let _ = writeln!(report, "{text}");
    };

    let open = server::Server::start_or(options.base_url.as_ref(), false)
        .map_err(|e| format!("the sandbox did not start: {e}"))?;
    measure::pin_to_cpu(0);
    let url = format!("{}{ENDPOINT}", open.base_url);
    let (requests, in_flight, rounds) = (options.requests, options.in_flight, options.rounds);
    line(format!("spotdraft-bench: GET {ENDPOINT} on {} (rate limit off)", open.base_url));
    line(format!(
        "{requests} requests per round, {rounds} rounds alternating between clients; medians of rounds, ratios are medians of the rounds' ratios; CPU is the client process's own"
    ));
    line(String::new());

    let base = open.base_url.as_str();
    // wrk takes its turn in the same alternation, a short run per round, so that it and the
    // clients see the same load.
    let wrk_time = Duration::from_secs(options.wrk_seconds);
    measure::wrk(&url, 1, Duration::from_secs(1)).ok_or("wrk is not installed or failed (apt-get install wrk)")?;
    let wrk_round = |connections: usize| {
        let rps = measure::wrk(&url, connections, wrk_time).expect("wrk ran a moment ago");
        Sample { wall_per_request: Duration::from_secs_f64(1.0 / rps), cpu_per_request: Duration::ZERO }
    };
    let sequential = measure::interleaved(
        rounds,
        &mut [
            &mut || measure::raw_sequential(&url, requests),
            &mut || measure::core_sequential(base, ENDPOINT, requests),
            &mut || measure::blocking_sequential(base, ENDPOINT, requests),
            &mut || wrk_round(1),
        ],
    );
    let sequential_rows = rows(["raw reqwest (async)", "spotdraft::Client", "spotdraft::BlockingClient"], &sequential);
    print_table(&mut line, "sequential keep-alive GETs", &sequential_rows);
    let concurrent = measure::interleaved(
        rounds,
        &mut [
            &mut || measure::raw_concurrent(&url, requests, in_flight),
            &mut || measure::core_concurrent(base, ENDPOINT, requests, in_flight),
            &mut || measure::blocking_concurrent(base, ENDPOINT, requests, in_flight),
            &mut || wrk_round(in_flight),
        ],
    );
    let concurrent_rows =
        rows(["raw reqwest (async)", "spotdraft::Client", "spotdraft::BlockingClient (threads)"], &concurrent);
    print_table(&mut line, &format!("{in_flight} in flight"), &concurrent_rows);

    // The client's requests/s over wrk's is wrk's time per request over the client's.
    let wall = |s: &Sample| s.wall_per_request;
    let core_seq_vs_wrk = paired_ratio(&sequential[3], &sequential[1], wall);
    let core_conc_vs_wrk = paired_ratio(&concurrent[3], &concurrent[1], wall);
    let wrk_sequential = 1.0 / measure::median_sample(&sequential[3]).wall_per_request.as_secs_f64();
    let wrk_concurrent = 1.0 / measure::median_sample(&concurrent[3]).wall_per_request.as_secs_f64();
    line(format!(
        "wrk, 1 connection ({} s per round): {wrk_sequential:.0} req/s; spotdraft::Client sequential is {core_seq_vs_wrk:.3}x of it",
        options.wrk_seconds
    ));
    line(format!(
        "wrk, {in_flight} connections ({} s per round): {wrk_concurrent:.0} req/s; spotdraft::Client {in_flight} in flight is {core_conc_vs_wrk:.3}x of it (goal >= 0.8x)",
        options.wrk_seconds
    ));

    let dir = std::env::temp_dir().join(format!("spotdraft-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let downloads = download_figures(options, base, &dir, &mut line);
    let _ = std::fs::remove_dir_all(&dir);
    let downloads = downloads?;
    drop(open);

    let mut limiter = Value::Null;
    if options.limiter_seconds > 0 {
        let limited = server::Server::start_or(options.limited_url.as_ref(), true)
            .map_err(|e| format!("the rate-limited sandbox did not start: {e}"))?;
        let run = measure::limiter(&limited.base_url, ENDPOINT, Duration::from_secs(options.limiter_seconds));
        line(String::new());
        line(format!(
            "rate limiter, {} callers for {} s against the sandbox's 10/s window: {:.2} requests/s sustained ({} sent), {} answered 429 (goal >= 9.8/s, no 429)",
            run.callers, options.limiter_seconds, run.rate, run.sent, run.throttled
        ));
        limiter = json!({ "callers": run.callers, "seconds": options.limiter_seconds, "rate": run.rate,
                          "sent": run.sent, "throttled": run.throttled });
    }

    if let Some(path) = &options.out {
        std::fs::write(path, &report).map_err(|e| format!("could not write {path}: {e}"))?;
        println!("\nwritten to {path}");
    }
    if let Some(path) = &options.json {
        let table = |rows: &[Row]| -> Value {
            rows.iter()
                .map(|r| {
                    let figures = json!({
                        "us_per_request": r.median.wall_per_request.as_secs_f64() * 1e6,
                        "cpu_us_per_request": r.median.cpu_per_request.as_secs_f64() * 1e6,
                        "ratio_to_raw": r.wall_ratio,
                        "cpu_ratio_to_raw": r.cpu_ratio,
                    });
                    (r.name.to_string(), figures)
                })
                .collect()
        };
        let document = json!({
            "face": "rust",
            "requests": requests, "in_flight": in_flight, "rounds": rounds,
            "sequential": table(&sequential_rows),
            "concurrent": table(&concurrent_rows),
            "wrk": { "sequential_rps": wrk_sequential, "concurrent_rps": wrk_concurrent, "seconds": options.wrk_seconds,
                     "client_sequential_ratio": core_seq_vs_wrk, "client_concurrent_ratio": core_conc_vs_wrk },
            "downloads": downloads,
            "limiter": limiter,
        });
        let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("could not write {path}: {e}"))?;
    }
    Ok(())
}

/// Peak RSS while downloading the 512 MiB contract: the core in a child process, and the
/// CLI when `--cli` names it.
fn download_figures(
    options: &Options,
    base: &str,
    dir: &std::path::Path,
    line: &mut impl FnMut(String),
) -> Result<Value, String> {
    let mut figures = serde_json::Map::new();
    let mut faces = vec![("core", rss::core(base, dir)?)];
    if let Some(cli) = &options.cli {
        faces.push(("cli", rss::cli(cli, base, dir)?));
    }
    line(String::new());
    for (face, figure) in faces {
        let kib = |key: &str| figure[key].as_f64().unwrap_or(f64::NAN);
        let bytes = figure["bytes"].as_u64().unwrap_or(0);
        if bytes != DOWNLOAD_BYTES {
            return Err(format!("{face} downloaded {bytes} bytes, not {DOWNLOAD_BYTES}"));
        }
        line(format!(
            "download of 512 MiB ({face}): peak RSS {:.1} MiB, {:.1} MiB before the download, growth {:.1} MiB (goal: growth < 32 MiB)",
            kib("peak_kib") / 1024.0,
            kib("baseline_kib") / 1024.0,
            (kib("peak_kib") - kib("baseline_kib")) / 1024.0
        ));
        figures.insert(face.to_string(), figure);
    }
    Ok(Value::Object(figures))
}

/// A table row: the median round, and the paired ratios to the first contender (raw reqwest).
struct Row {
    name: &'static str,
    median: Sample,
    wall_ratio: f64,
    cpu_ratio: f64,
}

fn rows(names: [&'static str; 3], rounds: &[Vec<Sample>]) -> Vec<Row> {
    names
        .into_iter()
        .zip(rounds)
        .map(|(name, taken)| Row {
            name,
            median: measure::median_sample(taken),
            wall_ratio: paired_ratio(taken, &rounds[0], |s| s.wall_per_request),
            cpu_ratio: paired_ratio(taken, &rounds[0], |s| s.cpu_per_request),
        })
        .collect()
}

fn print_table(line: &mut impl FnMut(String), title: &str, rows: &[Row]) {
    line(format!("{title}:"));
    line(format!("  {:<38} {:>12} {:>9} {:>12} {:>9}", "", "time/req", "ratio", "cpu/req", "ratio"));
    for row in rows {
        line(format!(
            "  {:<38} {:>9.1} us {:>8.3}x {:>9.1} us {:>8.3}x",
            row.name,
            row.median.wall_per_request.as_secs_f64() * 1e6,
            row.wall_ratio,
            row.median.cpu_per_request.as_secs_f64() * 1e6,
            row.cpu_ratio,
        ));
    }
    line(String::new());
}
