//! Save / get / list / rename / remove / default / rotate.

use std::time::Duration;

use spotdraft::{BaseUrl, Credential, CredentialStore, Endpoint, ErrorKind, Profile, Region};

use crate::common::{error_text, new_store, profile, read_bytes, SECRET};

fn is_rfc3339_utc(text: &str) -> bool {
    // 2025-01-31T09:05:00.123Z
    let b = text.as_bytes();
    b.len() == 24
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'.'
        && b[23] == b'Z'
        && text.chars().filter(char::is_ascii_digit).count() == 17
}

#[test]
fn save_then_get_returns_every_field() {
    let (_temp, store) = new_store();
    let credential = Credential::builder("client-1", SECRET).user_email("me@example.com").build().unwrap();
    let endpoint = Endpoint::Custom(BaseUrl::parse("https://sd.example.com/api/").unwrap());
    let saved = Profile::new("prod", credential, endpoint.clone())
        .unwrap()
        .description(Some("  Production workspace\nsecond line ".into()))
        .unwrap();
    store.save(saved, false).unwrap();

    let got = store.get("prod").unwrap();
    assert_eq!(got.name, "prod");
    assert_eq!(got.description.as_deref(), Some("Production workspace\nsecond line"));
    assert_eq!(got.credential.client_id(), "client-1");
    assert_eq!(got.credential.client_secret().expose_secret(), SECRET);
    assert_eq!(got.credential.user_email(), Some("me@example.com"));
    assert_eq!(got.credential.name(), Some("prod"));
    assert_eq!(got.endpoint, endpoint);
    assert!(is_rfc3339_utc(&got.created_at), "{}", got.created_at);
    assert_eq!(got.created_at, got.updated_at);
    assert!(!format!("{got:?}").contains(SECRET));

    for region in Region::ALL {
        let name = format!("r-{region}");
        store
            .save(Profile::new(&name, crate::common::credential("i", SECRET), Endpoint::Region(region)).unwrap(), false)
            .unwrap();
        assert_eq!(store.get(&name).unwrap().endpoint, Endpoint::Region(region));
    }
}

#[test]
fn opening_creates_nothing_and_a_missing_store_is_empty() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("not").join("yet");
    let store = CredentialStore::open(&dir);
    assert_eq!(store.dir(), dir.as_path());
    assert_eq!(store.file_path(), dir.join("credentials.json"));
    assert!(store.list().unwrap().is_empty());
    assert_eq!(store.default_name().unwrap(), None);
    let err = store.get("prod").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.message().contains("no profiles are saved yet"), "{err}");
    assert!(!dir.exists(), "reading must not create the directory");
}

#[test]
fn default_dir_comes_from_the_environment_variable() {
    let dir =
        CredentialStore::default_dir(&|name| (name == "SPOTDRAFT_CONFIG_DIR").then(|| "/x/y".to_string())).unwrap();
    assert_eq!(dir, std::path::PathBuf::from("/x/y"));
    // An empty value counts as unset: the platform directory + spotdraft/.
    if let Ok(dir) = CredentialStore::default_dir(&|_| Some(String::new())) {
        assert!(dir.ends_with("spotdraft"), "{}", dir.display());
    }
}

#[test]
fn saving_an_existing_name_needs_overwrite_and_keeps_created_at() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let first = store.get("prod").unwrap();

    let err = store.save(profile("prod", "another-secret-value-99"), false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.message().contains("overwrit") && !err.message().contains("--force"), "{err}");
    assert!(!error_text(&err).contains("another-secret-value-99"));
    assert_eq!(store.get("prod").unwrap().credential.client_secret().expose_secret(), SECRET);

    std::thread::sleep(Duration::from_millis(5));
    store.save(profile("prod", "another-secret-value-99"), true).unwrap();
    let second = store.get("prod").unwrap();
    assert_eq!(second.credential.client_secret().expose_secret(), "another-secret-value-99");
    assert_eq!(second.created_at, first.created_at);
    assert_ne!(second.updated_at, first.updated_at);
}

#[test]
fn unknown_names_list_the_saved_ones() {
    let (_temp, store) = new_store();
    store.save(profile("staging", SECRET), false).unwrap();
    store.save(profile("prod", SECRET), false).unwrap();
    for err in [
        store.get("nope").unwrap_err(),
        store.remove("nope").unwrap_err(),
        store.set_default("nope").unwrap_err(),
        store.rename("nope", "other").unwrap_err(),
        store.rotate_secret("nope", "new-secret-value-1234").unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
        assert!(err.message().contains("\"nope\"") && err.message().contains("prod, staging"), "{err}");
    }
}

#[test]
fn list_is_sorted_marks_the_default_and_has_no_secret() {
    let (_temp, store) = new_store();
    for (name, secret) in [("zeta", "zeta-secret-abcdef123"), ("alpha", "alpha-secret-abcdef123"), ("mid", SECRET)] {
        store.save(profile(name, secret), false).unwrap();
    }
    let list = store.list().unwrap();
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["alpha", "mid", "zeta"]);
    // The first profile saved into an empty store became the default.
    let defaults: Vec<&str> = list.iter().filter(|p| p.is_default).map(|p| p.name.as_str()).collect();
    assert_eq!(defaults, ["zeta"]);
    assert_eq!(list[0].endpoint, "us");
    assert_eq!(list[0].client_id, "id-alpha");

    let json = serde_json::to_string(&list).unwrap();
    let debug = format!("{list:?}");
    for secret in ["zeta-secret-abcdef123", "alpha-secret-abcdef123", SECRET] {
        assert!(!json.contains(secret) && !debug.contains(secret), "secret in list output");
    }
    // The secret is in the file, and only there.
    assert!(String::from_utf8(read_bytes(&store.file_path())).unwrap().contains(SECRET));
}

#[test]
fn default_follows_rename_and_is_cleared_by_remove() {
    let (_temp, store) = new_store();
    store.save(profile("a", SECRET), false).unwrap();
    store.save(profile("b", SECRET), false).unwrap();
    assert_eq!(store.default_name().unwrap().as_deref(), Some("a"));
    store.set_default("b").unwrap();
    assert_eq!(store.default_name().unwrap().as_deref(), Some("b"));

    store.rename("b", "c").unwrap();
    assert_eq!(store.default_name().unwrap().as_deref(), Some("c"));
    assert_eq!(store.get("c").unwrap().credential.client_id(), "id-b");
    assert_eq!(store.get("b").unwrap_err().kind(), ErrorKind::NotFound);

    let err = store.rename("c", "a").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.message().contains("already exists"), "{err}");
    assert_eq!(store.rename("c", "bad name").unwrap_err().kind(), ErrorKind::InvalidArgument);
    store.rename("c", "c").unwrap();

    store.rename("a", "a2").unwrap();
    assert_eq!(store.default_name().unwrap().as_deref(), Some("c"), "renaming another profile keeps the default");

    store.remove("c").unwrap();
    assert_eq!(store.default_name().unwrap(), None);
    store.remove("a2").unwrap();
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn rotate_secret_replaces_only_the_secret() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let before = store.get("prod").unwrap();
    std::thread::sleep(Duration::from_millis(5));

    store.rotate_secret("prod", "rotated-secret-value-42").unwrap();
    let after = store.get("prod").unwrap();
    assert_eq!(after.credential.client_secret().expose_secret(), "rotated-secret-value-42");
    assert_eq!(after.credential.client_id(), before.credential.client_id());
    assert_eq!(after.created_at, before.created_at);
    assert_ne!(after.updated_at, before.updated_at);

    for bad in ["has space-secret-123", "", " lead-secret-value", "line\nbreak-secret"] {
        let err = store.rotate_secret("prod", bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidCredential, "{err}");
        assert!(err.message().contains("client_secret"), "{err}");
        if !bad.trim().is_empty() {
            assert!(!error_text(&err).contains(bad.trim()), "secret leaked: {err}");
        }
    }
    assert_eq!(store.get("prod").unwrap().credential.client_secret().expose_secret(), "rotated-secret-value-42");
}

#[test]
fn bad_names_and_descriptions_are_refused_clearly() {
    let (_temp, store) = new_store();
    for name in ["", "has space", "-dash", "a/b", &"x".repeat(65)] {
        let err = Profile::new(name, crate::common::credential("i", SECRET), Endpoint::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{name:?}: {err}");
        assert!(err.message().starts_with("profile name"), "{err}");
    }
    // Public fields can be changed after validation: save checks them again.
    let mut p = profile("ok", SECRET);
    p.name = "not ok".into();
    assert_eq!(store.save(p, false).unwrap_err().kind(), ErrorKind::InvalidArgument);
    let mut p = profile("ok", SECRET);
    p.description = Some("bell\u{7}".into());
    assert!(store.save(p, false).unwrap_err().message().contains("control character"));
    let err = profile("ok", SECRET).description(Some("x".repeat(3000))).unwrap_err();
    assert!(err.message().contains("longer than"), "{err}");
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn file_format_is_versioned_json_keyed_by_name() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET).description(Some("Main".into())).unwrap(), false).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&read_bytes(&store.file_path())).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["default"], "prod");
    let prod = &json["profiles"]["prod"];
    assert_eq!(prod["client_id"], "id-prod");
    assert_eq!(prod["client_secret"], SECRET);
    assert_eq!(prod["endpoint"], "us");
    assert_eq!(prod["description"], "Main");
    assert!(prod["user_email"].is_null());
    assert!(is_rfc3339_utc(prod["created_at"].as_str().unwrap()));
}

#[test]
fn fields_from_a_newer_version_survive_a_save() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let path = store.file_path();
    let mut json: serde_json::Value = serde_json::from_slice(&read_bytes(&path)).unwrap();
    json["future_setting"] = serde_json::json!({"keep": true});
    json["profiles"]["prod"]["future_field"] = serde_json::json!([1, 2, 3]);
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();

    store.save(profile("other", SECRET), false).unwrap();
    store.save(profile("prod", "new-secret-value-abc123"), true).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&read_bytes(&path)).unwrap();
    assert_eq!(json["future_setting"]["keep"], true);
    assert_eq!(json["profiles"]["prod"]["future_field"], serde_json::json!([1, 2, 3]));
    assert_eq!(json["profiles"]["prod"]["client_secret"], "new-secret-value-abc123");
}
