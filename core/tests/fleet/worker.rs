//! One process of the fleet: 4 concurrent callers sending as fast as the client's limiter
//! lets them, for a while, then one JSON line with what each caller got. Logs (warnings of
//! the shared limiter) go to stderr.
//!
//! `fleet worker SANDBOX_URL REDIS_URL|- SECONDS [--strict]`

use std::time::{Duration, Instant};

use spotdraft::{Client, Credential, Method};
use spotdraft_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

pub const CALLERS: usize = 4;
pub const ENDPOINT: &str = "/api/v2.1/public/contract_types/";

pub fn main(args: &[String]) -> i32 {
    let [sandbox, redis, seconds, rest @ ..] = args else {
        eprintln!("usage: fleet worker SANDBOX_URL REDIS_URL|- SECONDS [--strict]");
        return 2;
    };
    let seconds: f64 = seconds.parse().expect("SECONDS is a number");
    let strict = rest.iter().any(|a| a == "--strict");
    tracing_subscriber::fmt().with_env_filter("spotdraft=info").with_writer(std::io::stderr).with_ansi(false).init();
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    let mut builder = Client::builder(credential)
        .base_url(sandbox)
        .total_timeout(Duration::from_secs(20))
        .shared_rate_limit_strict(strict);
    if redis != "-" {
        builder = builder.shared_rate_limit(redis);
    }
    let client = builder.build().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let results = runtime.block_on(async {
        let callers = (0..CALLERS).map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let (mut ok, mut failed, mut first_error) = (0u32, 0u32, None::<String>);
                let mut kinds = std::collections::BTreeSet::new();
                while Instant::now() < until {
                    match client.request(Method::Get, ENDPOINT).send().await {
                        Ok(_) => ok += 1,
                        Err(e) => {
                            failed += 1;
                            kinds.insert(e.kind_str());
                            first_error.get_or_insert_with(|| format!("{}: {}", e.kind_str(), e.message()));
                        }
                    }
                }
                (ok, failed, first_error, kinds)
            })
        });
        futures_util::future::join_all(callers).await
    });
    let results: Vec<serde_json::Value> = results
        .into_iter()
        .map(|r| {
            let (ok, failed, first_error, kinds) = r.unwrap();
            serde_json::json!({"ok": ok, "failed": failed, "failed_kinds": kinds, "first_error": first_error})
        })
        .collect();
    println!("{}", serde_json::json!({ "callers": results }));
    0
}
