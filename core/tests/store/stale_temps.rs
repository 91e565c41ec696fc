//! A writer killed between creating its private temporary file and renaming it leaves that
//! file (full of secrets) behind. The next process to use the store, reading or writing,
//! removes it under the store's lock; a live writer's file, and anything that is not one of
//! the store's own temporary files, is left alone.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use spotdraft::CredentialStore;

use crate::common::{profile, SECRET};

/// Named as the store names its temporary files: prefix, then PID-NANOS-COUNTER.
const LEFTOVER: &str = ".credentials.json.tmp-4242-1700000000123456789-7";

fn write_private(path: &Path, bytes: &[u8]) {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).unwrap().write_all(bytes).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn reading_the_store_removes_a_killed_writers_temp_file_and_nothing_else() {
    let (_temp, store) = crate::common::new_store();
    store.save(profile("prod", SECRET), false).unwrap();
    let dir = store.dir();
    // What a writer killed mid-write leaves: a complete or partial copy of the file, secrets included.
    write_private(&dir.join(LEFTOVER), &fs::read(store.file_path()).unwrap());
    let unrelated = [".credentials.json.tmp-backup", ".credentials.json.tmp-1-2", "credentials.json.bak", "notes.txt"];
    for name in unrelated {
        write_private(&dir.join(name), b"not the store's");
    }
    fs::create_dir(dir.join(".credentials.json.tmp-1-2-3")).unwrap();

    // A new process that only reads: listing, as `credentials list` does.
    let fresh = CredentialStore::open(dir);
    assert_eq!(fresh.list().unwrap().len(), 1);
    let left = names(dir);
    assert!(!left.contains(&LEFTOVER.to_string()), "the killed writer's temp file survived a read: {left:?}");
    for name in unrelated.iter().chain(&[".credentials.json.tmp-1-2-3"]) {
        assert!(left.contains(&name.to_string()), "{name} was removed: {left:?}");
    }

    // The other read paths sweep too (resolving a credential reads the default and the profile).
    write_private(&dir.join(LEFTOVER), b"{\"partial\": ");
    assert_eq!(fresh.default_name().unwrap().as_deref(), Some("prod"));
    assert!(!dir.join(LEFTOVER).exists());
    write_private(&dir.join(LEFTOVER), b"{\"partial\": ");
    fresh.get("prod").unwrap();
    assert!(!dir.join(LEFTOVER).exists());

    // A write that is refused (a name conflict) still sweeps.
    write_private(&dir.join(LEFTOVER), b"{\"partial\": ");
    fresh.save(profile("prod", SECRET), false).unwrap_err();
    assert!(!dir.join(LEFTOVER).exists());
}

#[test]
fn a_live_writers_temp_file_is_left_alone() {
    let (_temp, store) = crate::common::new_store();
    store.save(profile("a", SECRET), false).unwrap();
    let only_a = fs::read(store.file_path()).unwrap();
    store.save(profile("b", SECRET), false).unwrap();
    let dir = store.dir().to_path_buf();

    // Play a writer of another process: the exclusive lock, then the temp file, then the rename.
    let lock = OpenOptions::new().read(true).write(true).open(dir.join("credentials.lock")).unwrap();
    File::lock(&lock).unwrap();
    let temp = dir.join(LEFTOVER);
    write_private(&temp, &only_a);

    let (done_tx, done_rx) = mpsc::channel();
    let reader_dir = dir.clone();
    let reader = std::thread::spawn(move || {
        let names: Vec<String> =
            CredentialStore::open(reader_dir).list().unwrap().into_iter().map(|p| p.name).collect();
        let _ = done_tx.send(());
        names
    });
    // The reader waits for the lock instead of deleting the writer's file under it.
    assert!(done_rx.recv_timeout(Duration::from_millis(300)).is_err(), "the reader did not wait for the writer");
    assert!(temp.exists(), "a live writer's temporary file was removed");
    fs::rename(&temp, store.file_path()).unwrap();
    File::unlock(&lock).unwrap();
    assert_eq!(reader.join().unwrap(), ["a"]);
}
