//! Concurrent writers in separate processes lose no update.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use spotdraft::{CredentialStore, Endpoint, Profile};

use crate::common::{child_command, child_dir, credential, CHILD_ID_ENV};

const WRITERS: usize = 8;
const PROFILES_EACH: usize = 20;

fn secret_for(writer: usize, n: usize) -> String {
    format!("secret-w{writer}-p{n}-abcdefgh")
}

#[test]
fn eight_processes_saving_twenty_profiles_each_lose_nothing() {
    let (_temp, store) = crate::common::new_store();
    let mut children: Vec<_> = (0..WRITERS)
        .map(|writer| {
            child_command("concurrent::child_concurrent_writer", store.dir(), writer)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn child writer")
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(180);
    let mut pending: Vec<usize> = (0..WRITERS).collect();
    while !pending.is_empty() {
        if Instant::now() > deadline {
            for child in &mut children {
                let _ = child.kill();
                let _ = child.wait();
            }
            panic!("writers {pending:?} did not finish in time");
        }
        pending.retain(|&writer| {
            let child = &mut children[writer];
            let Some(status) = child.try_wait().unwrap() else { return true };
            if !status.success() {
                let mut stderr = String::new();
                child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
                panic!("writer {writer} failed ({status}):\n{stderr}");
            }
            false
        });
        std::thread::sleep(Duration::from_millis(20));
    }

    let list = store.list().unwrap();
    assert_eq!(list.len(), WRITERS * PROFILES_EACH, "updates were lost");
    for writer in 0..WRITERS {
        for n in 0..PROFILES_EACH {
            let p = store.get(&format!("w{writer}-p{n:02}")).unwrap();
            assert_eq!(p.credential.client_secret().expose_secret(), secret_for(writer, n));
        }
    }
    // Exactly one of them, the first to be saved, became the default.
    let default = store.default_name().unwrap().expect("a default");
    assert_eq!(list.iter().filter(|p| p.is_default).count(), 1);
    assert!(list.iter().any(|p| p.name == default));
}

/// The child writer: saves its 20 profiles, each in its own read-modify-write.
#[test]
#[ignore = "child process for eight_processes_saving_twenty_profiles_each_lose_nothing"]
fn child_concurrent_writer() {
    let Some(dir) = child_dir() else { return };
    let writer: usize = std::env::var(CHILD_ID_ENV).unwrap().parse().unwrap();
    let store = CredentialStore::open(dir);
    for n in 0..PROFILES_EACH {
        let name = format!("w{writer}-p{n:02}");
        let profile =
            Profile::new(&name, credential(&format!("id-{name}"), &secret_for(writer, n)), Endpoint::default())
                .unwrap();
        store.save(profile, false).unwrap();
    }
}

/// A writer waits for the lock another process (here: another open file) holds.
#[test]
fn a_writer_waits_for_the_lock() {
    let (_temp, store) = crate::common::new_store();
    store
        .save(Profile::new("first", credential("id", "first-secret-value-1"), Endpoint::default()).unwrap(), false)
        .unwrap();
    let lock = std::fs::OpenOptions::new().read(true).write(true).open(store.dir().join("credentials.lock")).unwrap();
    lock.lock().unwrap();

    let writer_store = store.clone();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let writer = std::thread::spawn(move || {
        let p = Profile::new("second", credential("id", "second-secret-value-2"), Endpoint::default()).unwrap();
        writer_store.save(p, false).unwrap();
        done_tx.send(()).unwrap();
    });
    // Readers take a shared lock, so they wait for an exclusive holder too.
    let reader_store = store.clone();
    let (read_tx, read_rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || read_tx.send(reader_store.list().unwrap().len()).unwrap());
    assert!(done_rx.recv_timeout(Duration::from_millis(300)).is_err(), "the writer did not wait for the lock");
    assert!(read_rx.try_recv().is_err(), "the reader did not wait for the lock");
    lock.unlock().unwrap();
    done_rx.recv_timeout(Duration::from_secs(30)).expect("the writer finished once the lock was released");
    let seen = read_rx.recv_timeout(Duration::from_secs(30)).expect("the reader finished");
    assert!(seen == 1 || seen == 2, "the reader saw a whole file");
    writer.join().unwrap();
    reader.join().unwrap();
    assert_eq!(store.list().unwrap().len(), 2);
}
