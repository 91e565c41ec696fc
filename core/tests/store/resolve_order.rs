//! Credential resolution: --profile, then the environment, then SPOTDRAFT_PROFILE, then the
//! default profile. The environment is passed as a function; the process environment is
//! never touched.

use std::collections::HashMap;

use spotdraft::store::endpoint_from_env;
use spotdraft::{
    resolve, BaseUrl, Credential, CredentialSource, CredentialStore, Endpoint, ErrorKind, Profile, ProfileChoice,
    Region,
};

use crate::common::{error_text, new_store, SECRET};

const ENV_SECRET: &str = "env-secret-VALUE-abcdef0123";

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

/// A store with profiles "prod" (eu, the default: saved first) and "staging" (custom URL).
fn populated() -> (tempfile::TempDir, CredentialStore) {
    let (temp, store) = new_store();
    let prod = Profile::new("prod", Credential::new("prod-id", SECRET).unwrap(), Endpoint::Region(Region::Eu)).unwrap();
    store.save(prod, false).unwrap();
    let url = Endpoint::Custom(BaseUrl::parse("https://staging.example.com").unwrap());
    let staging = Profile::new("staging", Credential::new("staging-id", SECRET).unwrap(), url).unwrap();
    store.save(staging, false).unwrap();
    (temp, store)
}

const ENV_CREDENTIAL: &[(&str, &str)] =
    &[("SPOTDRAFT_CLIENT_ID", "env-id"), ("SPOTDRAFT_CLIENT_SECRET", ENV_SECRET), ("SPOTDRAFT_PROFILE", "staging")];

#[test]
fn an_explicit_profile_comes_first() {
    let (_temp, store) = populated();
    let resolved = resolve(Some("staging"), &env_of(ENV_CREDENTIAL), &store).unwrap();
    assert_eq!(resolved.credential.client_id(), "staging-id");
    assert_eq!(resolved.endpoint.base_url(), "https://staging.example.com");
    assert_eq!(
        resolved.source,
        CredentialSource::Profile { name: "staging".into(), chosen_by: ProfileChoice::Argument }
    );
    assert!(resolved.source.to_string().contains("--profile"));

    let err = resolve(Some("nope"), &env_of(ENV_CREDENTIAL), &store).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.message().contains("prod, staging"), "{err}");
    assert_eq!(resolve(Some(""), &env_of(&[]), &store).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn environment_credentials_come_next() {
    let (_temp, store) = populated();
    let resolved = resolve(None, &env_of(ENV_CREDENTIAL), &store).unwrap();
    assert_eq!(resolved.source, CredentialSource::Environment);
    assert_eq!(resolved.credential.client_id(), "env-id");
    assert_eq!(resolved.credential.client_secret().expose_secret(), ENV_SECRET);
    assert_eq!(resolved.credential.user_email(), None);
    assert_eq!(resolved.endpoint, Endpoint::Region(Region::Us), "us unless the environment says otherwise");
    assert!(!format!("{resolved:?}").contains(ENV_SECRET));

    let mut with_extras = ENV_CREDENTIAL.to_vec();
    with_extras.extend([("SPOTDRAFT_USER_EMAIL", "me@example.com"), ("SPOTDRAFT_REGION", "IN")]);
    let resolved = resolve(None, &env_of(&with_extras), &store).unwrap();
    assert_eq!(resolved.credential.user_email(), Some("me@example.com"));
    assert_eq!(resolved.endpoint, Endpoint::Region(Region::In));

    with_extras.push(("SPOTDRAFT_BASE_URL", "http://127.0.0.1:9999/"));
    let resolved = resolve(None, &env_of(&with_extras), &store).unwrap();
    assert_eq!(resolved.endpoint.base_url(), "http://127.0.0.1:9999", "the base URL wins over the region");
}

#[test]
fn bad_environment_values_are_named_without_the_secret() {
    let (_temp, store) = new_store();
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("SPOTDRAFT_CLIENT_ID", "id")], "SPOTDRAFT_CLIENT_ID is set but SPOTDRAFT_CLIENT_SECRET is not"),
        (&[("SPOTDRAFT_CLIENT_SECRET", ENV_SECRET)], "SPOTDRAFT_CLIENT_SECRET is set but SPOTDRAFT_CLIENT_ID is not"),
        (
            &[("SPOTDRAFT_CLIENT_ID", "id"), ("SPOTDRAFT_CLIENT_SECRET", ENV_SECRET), ("SPOTDRAFT_REGION", "mars")],
            "SPOTDRAFT_REGION: unknown region",
        ),
        (
            &[
                ("SPOTDRAFT_CLIENT_ID", "id"),
                ("SPOTDRAFT_CLIENT_SECRET", ENV_SECRET),
                ("SPOTDRAFT_BASE_URL", "http://x.com"),
            ],
            "SPOTDRAFT_BASE_URL: base URL",
        ),
        (
            &[("SPOTDRAFT_CLIENT_ID", "id"), ("SPOTDRAFT_CLIENT_SECRET", "env secret with spaces-123")],
            "client_secret contains whitespace",
        ),
        (
            &[("SPOTDRAFT_CLIENT_ID", "id"), ("SPOTDRAFT_CLIENT_SECRET", ENV_SECRET), ("SPOTDRAFT_USER_EMAIL", "nope")],
            "user_email",
        ),
    ];
    for (env, expected) in cases {
        let err = resolve(None, &env_of(env), &store).unwrap_err();
        let text = error_text(&err);
        assert!(text.contains(expected), "{text:?} should contain {expected:?}");
        assert!(!text.contains(ENV_SECRET) && !text.contains("env secret with spaces-123"), "secret leaked: {text}");
    }
    // An empty variable counts as unset.
    let env = [("SPOTDRAFT_CLIENT_ID", "id"), ("SPOTDRAFT_CLIENT_SECRET", "")];
    let err = resolve(None, &env_of(&env), &store).unwrap_err();
    assert!(err.message().contains("SPOTDRAFT_CLIENT_SECRET is not"), "{err}");
}

#[test]
fn spotdraft_profile_comes_before_the_default() {
    let (_temp, store) = populated();
    let resolved = resolve(None, &env_of(&[("SPOTDRAFT_PROFILE", "staging")]), &store).unwrap();
    assert_eq!(resolved.credential.client_id(), "staging-id");
    assert_eq!(resolved.source, CredentialSource::Profile { name: "staging".into(), chosen_by: ProfileChoice::EnvVar });

    let err = resolve(None, &env_of(&[("SPOTDRAFT_PROFILE", "gone")]), &store).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.message().contains("SPOTDRAFT_PROFILE names profile \"gone\""), "{err}");
    assert!(err.message().contains("prod, staging"), "{err}");
}

#[test]
fn the_default_profile_comes_last() {
    let (_temp, store) = populated();
    let resolved = resolve(None, &env_of(&[("SPOTDRAFT_PROFILE", "")]), &store).unwrap();
    assert_eq!(resolved.credential.client_id(), "prod-id");
    assert_eq!(resolved.endpoint, Endpoint::Region(Region::Eu));
    assert_eq!(resolved.source, CredentialSource::Profile { name: "prod".into(), chosen_by: ProfileChoice::Default });
    assert_eq!(resolved.credential.client_secret().expose_secret(), SECRET);
}

#[test]
fn nothing_found_says_what_was_tried_and_how_to_fix_it() {
    let (_temp, store) = new_store();
    let err = resolve(None, &env_of(&[]), &store).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidCredential);
    let text = err.message();
    let steps = [
        "1. a --profile argument",
        "2. the SPOTDRAFT_CLIENT_ID and SPOTDRAFT_CLIENT_SECRET environment variables",
        "3. the SPOTDRAFT_PROFILE environment variable",
        "4. the default profile",
    ];
    let mut last = 0;
    for step in steps {
        let at = text.find(step).unwrap_or_else(|| panic!("{text:?} should mention {step:?}"));
        assert!(at >= last, "sources out of order in {text:?}");
        last = at;
    }
    assert!(text.contains("no profiles are saved"), "{text}");
    // Core's advice is neutral: command names are the CLI's to add.
    assert!(text.contains("save a credential as a profile"), "{text}");
    assert!(!text.contains("spotdraft credentials"), "{text}");
    assert!(text.contains(&store.file_path().display().to_string()), "{text}");

    // Profiles saved but no default: the message says so and how to choose one.
    let (_temp, store) = populated();
    store.remove("prod").unwrap();
    let err = resolve(None, &env_of(&[]), &store).unwrap_err();
    assert!(err.message().contains("none is the default: staging"), "{err}");
    assert!(!err.message().contains("spotdraft credentials"), "{err}");
}

#[test]
fn endpoint_from_env_reads_base_url_then_region() {
    assert_eq!(endpoint_from_env(&env_of(&[])).unwrap(), None);
    assert_eq!(endpoint_from_env(&env_of(&[("SPOTDRAFT_REGION", "me")])).unwrap(), Some(Endpoint::Region(Region::Me)));
    let both = [("SPOTDRAFT_REGION", "me"), ("SPOTDRAFT_BASE_URL", "https://x.example.com")];
    assert_eq!(endpoint_from_env(&env_of(&both)).unwrap().unwrap().base_url(), "https://x.example.com");
    assert_eq!(
        endpoint_from_env(&env_of(&[("SPOTDRAFT_REGION", "xx")])).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}
