//! A file the store cannot understand is reported clearly and never overwritten.

use spotdraft::{CredentialStore, ErrorKind};

use crate::common::{error_text, new_store, profile, read_bytes, SECRET};

/// A store whose file holds `contents` (written privately, as the store would).
fn store_with(contents: &[u8]) -> (tempfile::TempDir, CredentialStore) {
    let (temp, store) = new_store();
    store.save(profile("seed", SECRET), false).unwrap();
    std::fs::write(store.file_path(), contents).unwrap();
    (temp, store)
}

/// Every operation fails with a `store` error naming the file and containing `expected`,
/// and the file's bytes are the same afterwards.
fn assert_refused_and_untouched(store: &CredentialStore, expected: &str) {
    let path = store.file_path();
    let before = read_bytes(&path);
    let errors = [
        store.get("seed").unwrap_err(),
        store.list().unwrap_err(),
        store.default_name().unwrap_err(),
        store.save(profile("new", SECRET), false).unwrap_err(),
        store.save(profile("seed", SECRET), true).unwrap_err(),
        store.rename("seed", "other").unwrap_err(),
        store.remove("seed").unwrap_err(),
        store.set_default("seed").unwrap_err(),
        store.rotate_secret("seed", "new-secret-value-0987").unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err.kind(), ErrorKind::Store, "{err}");
        let text = error_text(&err);
        assert!(text.contains(&path.display().to_string()), "no file name in {text}");
        assert!(text.contains(expected), "{text:?} should contain {expected:?}");
        assert!(text.contains("left untouched"), "{text}");
        assert!(!text.contains(SECRET) && !text.contains("new-secret-value-0987"), "secret leaked: {text}");
    }
    assert_eq!(read_bytes(&path), before, "the unreadable file must never be overwritten");
}

#[test]
fn garbage_is_reported_with_its_position() {
    let (_temp, store) = store_with(b"{\n  \"version\": 1,\n  \"profiles\": {\n    garbage here\n");
    assert_refused_and_untouched(&store, "is not valid JSON (line 4 column 5");
}

#[test]
fn binary_junk_is_reported() {
    let (_temp, store) = store_with(&[0xff, 0xfe, 0x00, 0x13, 0x37, b'{']);
    assert_refused_and_untouched(&store, "is not valid JSON (line 1 column 1");
}

#[test]
fn a_truncated_file_is_reported() {
    let (_temp, store) = new_store();
    store.save(profile("seed", SECRET), false).unwrap();
    let full = read_bytes(&store.file_path());
    std::fs::write(store.file_path(), &full[..full.len() / 2]).unwrap();
    assert_refused_and_untouched(&store, "is not valid JSON");
}

#[test]
fn an_empty_file_is_reported() {
    let (_temp, store) = store_with(b"");
    assert_refused_and_untouched(&store, "is empty");
}

#[test]
fn a_newer_format_version_is_reported() {
    let (_temp, store) = store_with(br#"{"version": 2, "profiles": {"seed": {"anything": "new"}}}"#);
    assert_refused_and_untouched(&store, "format version 2");
}

#[test]
fn a_file_without_a_version_is_reported() {
    let (_temp, store) = store_with(br#"{"profiles": {}}"#);
    assert_refused_and_untouched(&store, "no \"version\" field");
}

#[test]
fn the_wrong_shape_is_reported_without_values() {
    let (_temp, store) = store_with(
        format!(r#"{{"version": 1, "profiles": {{"seed": {{"client_id": "i", "client_secret": ["{SECRET}"], "endpoint": "us"}}}}}}"#)
            .as_bytes(),
    );
    assert_refused_and_untouched(&store, "bad profile \"seed\": field \"client_secret\" holds a list");

    let (_temp, store) = store_with(br#"{"version": 1, "profiles": [1, 2]}"#);
    assert_refused_and_untouched(&store, "\"profiles\" field holding a list");
}

#[test]
fn one_invalid_profile_does_not_block_the_others_and_is_kept() {
    let (_temp, store) = new_store();
    store.save(profile("good", SECRET), false).unwrap();
    let path = store.file_path();
    let mut json: serde_json::Value = serde_json::from_slice(&read_bytes(&path)).unwrap();
    json["profiles"]["broken"] = serde_json::json!({
        "client_id": "id",
        "client_secret": "has whitespace in-it-1234",
        "endpoint": "mars",
    });
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();

    let err = store.get("broken").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Store);
    assert!(err.message().contains("profile \"broken\"") && err.message().contains("client_secret"), "{err}");
    assert!(err.message().contains(&path.display().to_string()), "{err}");
    assert!(!error_text(&err).contains("has whitespace in-it-1234"), "{err}");

    assert_eq!(store.list().unwrap().len(), 2, "list still shows every profile");
    store.save(profile("more", SECRET), false).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&read_bytes(&path)).unwrap();
    assert_eq!(json["profiles"]["broken"]["endpoint"], "mars", "a broken profile is kept as it was");

    // Rotating the secret and overwriting are ways to repair it.
    store.rotate_secret("broken", "fixed-secret-value-1234").unwrap();
    let err = store.get("broken").unwrap_err();
    assert!(err.message().contains("neither a region"), "{err}");
    store.save(profile("broken", SECRET), true).unwrap();
    assert_eq!(store.get("broken").unwrap().endpoint, spotdraft::Endpoint::default());
}

#[test]
fn stale_temporary_files_are_ignored_and_cleaned_up() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let stale = store.dir().join(".credentials.json.tmp-99999-1-0");
    std::fs::write(&stale, b"{\"version\": 1, \"profi").unwrap();
    assert_eq!(store.list().unwrap().len(), 1);
    assert_eq!(store.get("prod").unwrap().credential.client_secret().expose_secret(), SECRET);
    store.save(profile("other", SECRET), false).unwrap();
    assert!(!stale.exists(), "a writer holding the lock removes temporary files left by crashed writers");
    let leftovers: Vec<_> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
