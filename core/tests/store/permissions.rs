//! File and directory permissions (Unix only).

use std::fs;
use std::os::unix::fs::PermissionsExt;

use spotdraft::{CredentialStore, ErrorKind};

use crate::common::{error_text, new_store, profile, read_bytes, SECRET};

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &std::path::Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn store_is_private_dir_0700_file_0600() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(&store.file_path()), 0o600);
    assert_eq!(mode(&store.dir().join("credentials.lock")), 0o600);
    // Still private after a rewrite.
    store.rotate_secret("prod", "rotated-secret-value-1").unwrap();
    assert_eq!(mode(&store.file_path()), 0o600);
}

#[test]
fn a_file_others_can_read_is_refused_and_left_alone() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let path = store.file_path();
    for bad_mode in [0o644, 0o604, 0o620, 0o660] {
        chmod(&path, bad_mode);
        let before = read_bytes(&path);
        let errors = [
            store.get("prod").unwrap_err(),
            store.list().unwrap_err(),
            store.save(profile("other", SECRET), false).unwrap_err(),
            store.remove("prod").unwrap_err(),
        ];
        for err in errors {
            assert_eq!(err.kind(), ErrorKind::Store);
            let text = error_text(&err);
            assert!(text.contains(&format!("chmod 600 {}", path.display())), "{text}");
            assert!(!text.contains(SECRET));
        }
        assert_eq!(read_bytes(&path), before, "a refused store must not be rewritten");
        assert_eq!(mode(&path), bad_mode, "the store must not change the mode behind the user's back");
    }
    chmod(&path, 0o600);
    assert_eq!(store.get("prod").unwrap().credential.client_secret().expose_secret(), SECRET);
}

#[test]
fn a_directory_others_can_enter_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("shared");
    fs::create_dir(&dir).unwrap();
    chmod(&dir, 0o755);
    let store = CredentialStore::open(&dir);
    for err in [store.save(profile("prod", SECRET), false).unwrap_err(), store.list().unwrap_err()] {
        assert_eq!(err.kind(), ErrorKind::Store);
        assert!(err.message().contains(&format!("chmod 700 {}", dir.display())), "{err}");
    }
    assert!(!store.file_path().exists());
    chmod(&dir, 0o700);
    store.save(profile("prod", SECRET), false).unwrap();
}

#[test]
fn an_existing_private_directory_is_used_as_is() {
    let temp = tempfile::tempdir().unwrap();
    chmod(temp.path(), 0o700);
    let store = CredentialStore::open(temp.path());
    store.save(profile("prod", SECRET), false).unwrap();
    assert_eq!(mode(temp.path()), 0o700);
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn a_symlinked_file_is_refused() {
    let (_temp, store) = new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let real = store.dir().join("real.json");
    fs::rename(store.file_path(), &real).unwrap();
    std::os::unix::fs::symlink(&real, store.file_path()).unwrap();
    let err = store.save(profile("other", SECRET), false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Store);
    assert!(err.message().contains("symbolic link"), "{err}");
    assert!(fs::symlink_metadata(store.file_path()).unwrap().file_type().is_symlink());
}

#[test]
fn a_file_in_place_of_the_directory_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let not_dir = temp.path().join("file");
    fs::write(&not_dir, "x").unwrap();
    let store = CredentialStore::open(&not_dir);
    let err = store.save(profile("prod", SECRET), false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Store);
    assert!(err.message().contains("is not a directory"), "{err}");
    assert_eq!(fs::read(&not_dir).unwrap(), b"x");
}
