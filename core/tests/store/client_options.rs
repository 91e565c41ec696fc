//! `ClientOptions`: the one place every face turns user settings into a client.

use std::collections::HashMap;
use std::time::Duration;

use spotdraft::{
    duration_from_millis, duration_from_secs, ClientOptions, Credential, CredentialSource, Endpoint, ErrorKind,
    Profile, ProfileChoice, Region,
};

use crate::common::{new_store, SECRET};

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

fn explicit() -> ClientOptions {
    ClientOptions { credential: Some(Credential::new("opt-id", SECRET).unwrap()), ..ClientOptions::default() }
}

#[test]
fn an_explicit_credential_keeps_defaults_and_reads_no_store() {
    let (_temp, store) = new_store();
    let resolved = explicit().resolve_with(&env_of(&[]), &store).unwrap();
    assert_eq!(resolved.source, CredentialSource::Explicit);
    let client = resolved.builder.build().unwrap();
    assert_eq!(client.endpoint(), &Endpoint::Region(Region::Us));
    assert_eq!(client.timeouts(), spotdraft::Timeouts::default());
    assert_eq!(client.retry_policy().max_attempts, spotdraft::RetryPolicy::default().max_attempts);
}

#[test]
fn a_total_timeout_lets_one_attempt_last_as_long() {
    let options = ClientOptions { timeout: Some(Duration::from_secs(300)), max_attempts: Some(1), ..explicit() };
    let client = options.resolve().unwrap().builder.build().unwrap();
    assert_eq!(client.timeouts().total, Duration::from_secs(300));
    assert_eq!(client.timeouts().attempt, Duration::from_secs(300));
    assert_eq!(client.retry_policy().max_attempts, 1);

    let short = ClientOptions { timeout: Some(Duration::from_secs(5)), ..explicit() };
    let client = short.resolve().unwrap().builder.build().unwrap();
    assert_eq!(client.timeouts().attempt, spotdraft::Timeouts::default().attempt);
}

#[test]
fn region_and_base_url_are_checked_and_exclusive() {
    let both = ClientOptions { region: Some("eu".into()), base_url: Some("https://x.example".into()), ..explicit() };
    assert_eq!(both.resolve().unwrap_err().kind(), ErrorKind::InvalidArgument);
    let bad_region = ClientOptions { region: Some("mars".into()), ..explicit() };
    assert_eq!(bad_region.resolve().unwrap_err().kind(), ErrorKind::InvalidArgument);
    let bad_url = ClientOptions { base_url: Some("ftp://x".into()), ..explicit() };
    assert_eq!(bad_url.resolve().unwrap_err().kind(), ErrorKind::InvalidArgument);
    let eu = ClientOptions { region: Some("eu".into()), ..explicit() };
    assert_eq!(eu.resolve().unwrap().builder.build().unwrap().endpoint(), &Endpoint::Region(Region::Eu));
}

#[test]
fn a_profile_is_resolved_like_the_cli_and_an_explicit_region_wins() {
    let (_temp, store) = new_store();
    let profile = Profile::new("prod", Credential::new("prod-id", SECRET).unwrap(), Endpoint::Region(Region::Eu));
    store.save(profile.unwrap(), false).unwrap();

    let by_default = ClientOptions::default().resolve_with(&env_of(&[]), &store).unwrap();
    assert_eq!(by_default.source, CredentialSource::Profile { name: "prod".into(), chosen_by: ProfileChoice::Default });
    assert_eq!(by_default.builder.build().unwrap().endpoint(), &Endpoint::Region(Region::Eu));

    let named = ClientOptions { profile: Some("prod".into()), region: Some("in".into()), ..ClientOptions::default() };
    let client = named.resolve_with(&env_of(&[]), &store).unwrap().builder.build().unwrap();
    assert_eq!(client.credential().client_id(), "prod-id");
    assert_eq!(client.endpoint(), &Endpoint::Region(Region::In));

    let missing = ClientOptions { profile: Some("nope".into()), ..ClientOptions::default() };
    assert_eq!(missing.resolve_with(&env_of(&[]), &store).unwrap_err().kind(), ErrorKind::NotFound);

    let env = env_of(&[("SPOTDRAFT_CLIENT_ID", "env-id"), ("SPOTDRAFT_CLIENT_SECRET", SECRET)]);
    let from_env = ClientOptions::default().resolve_with(&env, &store).unwrap();
    assert_eq!(from_env.source, CredentialSource::Environment);
}

#[test]
fn rate_limit_zero_turns_the_limiter_off_and_bad_values_fail_at_build() {
    let off = ClientOptions { rate_limit: Some(0), ..explicit() };
    assert!(off.resolve().unwrap().builder.build().is_ok());
    for bad in [
        ClientOptions { max_attempts: Some(0), ..explicit() },
        ClientOptions { connect_timeout: Some(Duration::ZERO), ..explicit() },
        ClientOptions { user_agent_suffix: Some("bad\nsuffix".into()), ..explicit() },
        ClientOptions { max_body_size: Some(0), ..explicit() },
    ] {
        assert_eq!(bad.resolve().unwrap().builder.build().unwrap_err().kind(), ErrorKind::InvalidArgument);
    }
}

#[test]
fn durations_from_user_numbers_are_checked() {
    assert_eq!(duration_from_secs("timeout", 1.5).unwrap(), Duration::from_millis(1500));
    assert_eq!(duration_from_millis("timeoutMs", 250.0).unwrap(), Duration::from_millis(250));
    for bad in [f64::NAN, f64::INFINITY, -1.0, 90_000.0] {
        let error = duration_from_secs("timeout", bad).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        assert!(error.message().starts_with("timeout must be"), "{}", error.message());
    }
    assert_eq!(duration_from_millis("timeoutMs", -5.0).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn retry_waits_are_set_here_for_every_binding() {
    let options = ClientOptions {
        max_attempts: Some(3),
        retry_backoff: Some(Duration::from_millis(5)),
        max_retry_backoff: Some(Duration::from_millis(40)),
        max_retry_after: Some(Duration::from_secs(2)),
        ..explicit()
    };
    let retry = options.resolve().unwrap().builder.build().unwrap().retry_policy();
    assert_eq!(retry.max_attempts, 3);
    assert_eq!(retry.initial_backoff, Duration::from_millis(5));
    assert_eq!(retry.max_backoff, Duration::from_millis(40));
    assert_eq!(retry.max_retry_after, Duration::from_secs(2));

    let backwards = ClientOptions {
        retry_backoff: Some(Duration::from_secs(2)),
        max_retry_backoff: Some(Duration::from_secs(1)),
        ..explicit()
    };
    let error = backwards.resolve().unwrap().builder.build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(error.message().contains("initial_backoff"), "{}", error.message());
}

#[test]
fn a_credential_and_a_profile_together_are_refused() {
    let both = ClientOptions { profile: Some("prod".into()), ..explicit() };
    let error = both.resolve().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(error.message().contains("not both"));
}
