//! The shared rate limiter's URL in saved profiles, the environment and `ClientOptions`:
//! kept across rewrites, chosen in a fixed order, its password never shown.

use std::collections::HashMap;

use spotdraft::{ClientOptions, Credential, ErrorKind, RateLimitUrl, RATE_LIMIT_URL_ENV};

use crate::common::{new_store, profile, read_bytes, SECRET};

const PASSWORD: &str = "redis-pw-in-profile-5521";

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

fn saved_url() -> RateLimitUrl {
    RateLimitUrl::parse(&format!("redis://:{PASSWORD}@redis.internal:6390/1")).unwrap()
}

#[test]
fn a_profile_keeps_its_url_across_rewrites_and_shows_no_password() {
    let (_temp, store) = new_store();
    store.save(profile("fleet", SECRET).rate_limit_url(Some(saved_url())), false).unwrap();
    // Other writes rewrite the whole file: the URL must survive them.
    store.save(profile("other", SECRET), false).unwrap();
    store.set_default("other").unwrap();
    store.rename("fleet", "fleet2").unwrap();
    store.rotate_secret("fleet2", "sd-secret-ROTATED-0123456789").unwrap();
    let got = store.get("fleet2").unwrap();
    assert_eq!(got.rate_limit_url.as_ref(), Some(&saved_url()));
    assert!(!format!("{got:?}").contains(PASSWORD));
    assert_eq!(store.get("other").unwrap().rate_limit_url, None);
    let text = String::from_utf8(read_bytes(&store.file_path())).unwrap();
    assert_eq!(text.matches("\"rate_limit_url\"").count(), 1, "only the profile that has one stores the field");
}

#[test]
fn a_file_written_before_the_field_existed_still_reads() {
    let (_temp, store) = new_store();
    store.save(profile("old", SECRET), false).unwrap();
    let text = String::from_utf8(read_bytes(&store.file_path())).unwrap();
    assert!(!text.contains("rate_limit_url"));
    assert_eq!(store.get("old").unwrap().rate_limit_url, None);
}

#[test]
fn a_bad_saved_url_is_a_store_error_without_the_password() {
    let (_temp, store) = new_store();
    store.save(profile("p", SECRET), false).unwrap();
    let path = store.file_path();
    let text = String::from_utf8(read_bytes(&path)).unwrap();
    let edited = text.replace(
        "\"endpoint\": \"us\",",
        &format!("\"endpoint\": \"us\",\n\"rate_limit_url\": \"http://:{PASSWORD}@h\","),
    );
    std::fs::write(&path, edited).unwrap();
    let error = store.get("p").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Store);
    assert!(error.message().contains("rate_limit_url"), "{error}");
    assert!(!error.to_string().contains(PASSWORD), "{error}");
}

#[test]
fn explicit_beats_environment_beats_profile() {
    let (_temp, store) = new_store();
    store.save(profile("fleet", SECRET).rate_limit_url(Some(saved_url())), false).unwrap();
    let from_profile = |options: ClientOptions, env: &[(&str, &str)]| {
        let client = options.resolve_with(&env_of(env), &store).unwrap().builder.build().unwrap();
        client.shared_rate_limit().map(ToString::to_string)
    };
    let by_profile = ClientOptions { profile: Some("fleet".into()), ..ClientOptions::default() };
    assert_eq!(from_profile(by_profile.clone(), &[]).as_deref(), Some("redis://:****@redis.internal:6390/1"));
    let env = [(RATE_LIMIT_URL_ENV, "redis://env-host:6379")];
    assert_eq!(from_profile(by_profile.clone(), &env).as_deref(), Some("redis://env-host:6379"));
    let explicit = ClientOptions {
        rate_limit_url: Some(RateLimitUrl::parse("rediss://explicit:6380").unwrap()),
        rate_limit_strict: Some(true),
        ..by_profile.clone()
    };
    assert_eq!(from_profile(explicit, &env).as_deref(), Some("rediss://explicit:6380"));
    // No URL anywhere: the limit stays per process.
    let plain = ClientOptions { credential: Some(Credential::new("id", SECRET).unwrap()), ..ClientOptions::default() };
    assert_eq!(from_profile(plain, &[]), None);
}

#[test]
fn a_bad_environment_url_names_the_variable_not_the_password() {
    let (_temp, store) = new_store();
    let options =
        ClientOptions { credential: Some(Credential::new("id", SECRET).unwrap()), ..ClientOptions::default() };
    let bad = format!("memcached://:{PASSWORD}@host");
    let error = options.resolve_with(&env_of(&[(RATE_LIMIT_URL_ENV, &bad)]), &store).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(error.message().starts_with(RATE_LIMIT_URL_ENV), "{error}");
    assert!(!error.to_string().contains(PASSWORD), "{error}");
}

#[test]
fn debug_of_options_and_clients_masks_the_password() {
    let options = ClientOptions {
        credential: Some(Credential::new("id", SECRET).unwrap()),
        rate_limit_url: Some(saved_url()),
        ..ClientOptions::default()
    };
    assert!(!format!("{options:?}").contains(PASSWORD));
    let resolved = options.resolve().unwrap();
    assert!(!format!("{:?}", resolved.builder).contains(PASSWORD));
    let client = resolved.builder.build().unwrap();
    assert!(!format!("{client:?}").contains(PASSWORD));
}
