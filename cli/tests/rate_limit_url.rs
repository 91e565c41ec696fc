//! `--rate-limit-url` / `--rate-limit-strict`, SPOTDRAFT_RATE_LIMIT_URL and the URL saved by
//! `credentials add`: they reach core, and the Redis password never shows.

mod common;

use common::{Harness, SECRET};

const PASSWORD: &str = "cli-redis-pw-90210";

/// A Redis URL on a port where nothing listens (no Redis needed to see the option work).
fn unreachable_redis() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("redis://:{PASSWORD}@127.0.0.1:{port}")
}

fn assert_hidden(run: &common::Run) {
    assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD), "{}\n{}", run.stdout, run.stderr);
}

#[test]
fn the_flag_reaches_core_strict_fails_and_fallback_works() {
    let h = Harness::new();
    let url = unreachable_redis();
    let strict = h.api(&["--rate-limit-url", &url, "--rate-limit-strict", "contract-types", "list"]).code(6);
    assert!(strict.stderr.contains("shared rate limiter at redis://:****@127.0.0.1"), "{}", strict.stderr);
    assert_hidden(&strict);
    let fallback = h.api(&["--rate-limit-url", &url, "contract-types", "list"]).ok();
    assert!(fallback.stdout.contains("Non-Disclosure Agreement"), "{}", fallback.stdout);
    assert_hidden(&fallback);
    let bad = h.api(&["--rate-limit-url", &format!("http://:{PASSWORD}@host"), "contract-types", "list"]).code(2);
    assert!(bad.stderr.contains("redis://"), "{}", bad.stderr);
    assert_hidden(&bad);
    h.assert_no_secret_leaked();
}

#[test]
fn the_environment_variable_is_read_and_checked() {
    let h = Harness::new();
    let url = unreachable_redis();
    let run = h.api_full(
        &["--rate-limit-strict", "contract-types", "list"],
        None,
        &[("SPOTDRAFT_RATE_LIMIT_URL", &url)],
        None,
    );
    let run = run.code(6);
    assert!(run.stderr.contains("shared rate limiter"), "{}", run.stderr);
    assert_hidden(&run);
    let bad = format!("ftp://:{PASSWORD}@host");
    let run = h.api_full(&["contract-types", "list"], None, &[("SPOTDRAFT_RATE_LIMIT_URL", &bad)], None);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("SPOTDRAFT_RATE_LIMIT_URL"), "{}", run.stderr);
    assert_hidden(&run);
}

#[test]
fn credentials_add_saves_the_url_with_the_profile() {
    let h = Harness::new();
    let url = unreachable_redis();
    h.add("fleet", SECRET, &["--rate-limit-url", &url]).ok();
    let file = std::fs::read_to_string(h.store_dir().join("credentials.json")).unwrap();
    assert!(file.contains("\"rate_limit_url\""), "{file}");
    // The saved URL is used by commands on that profile.
    let run = h.run(&["--rate-limit-strict", "contract-types", "list"]).code(6);
    assert!(run.stderr.contains("shared rate limiter at redis://:****@"), "{}", run.stderr);
    assert_hidden(&run);
    let shown = h.run(&["credentials", "show", "fleet"]).ok();
    assert!(shown.stdout.contains("redis://:****@127.0.0.1"), "{}", shown.stdout);
    assert_hidden(&shown);
    let json = h.run(&["--output", "json", "credentials", "show", "fleet"]).ok().json();
    assert!(json["rate_limit_url"].as_str().unwrap().starts_with("redis://:****@"), "{json}");
    h.assert_no_secret_leaked();
}
