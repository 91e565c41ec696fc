//! A writer killed at a random instant leaves the old file or the new one, never a torn one.
//!
//! The store is filled to ~200 KB (100 profiles with 2 000-character descriptions; the
//! description limit is 2 048), and a child process rewrites it in a loop, flipping profile
//! `flip` between two complete versions (description and secret change together). The parent
//! kills the child with SIGKILL at a random moment, then checks the file with a new store.
//! 1 000 kills in all, spread over four stores killed side by side so the run stays short.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use spotdraft::{CredentialStore, Endpoint, Profile};

use crate::common::{child_command, child_dir, credential, Rng};

const FILLERS: usize = 100;
const DESCRIPTION_LEN: usize = 2000;
const KILLS: usize = 1000;
const LANES: usize = 4;
const READY: &str = "CHILD-WRITER-READY";

fn filler_description(i: usize) -> String {
    format!("{i:04}").repeat(DESCRIPTION_LEN / 4)
}

/// Version 0 or 1 of the flipping profile: the description and the secret differ together.
fn flip_profile(version: usize) -> Profile {
    let letter = if version == 0 { "A" } else { "B" };
    let secret = format!("flip-secret-version-{letter}-0123456789");
    Profile::new("flip", credential("flip-id", &secret), Endpoint::default())
        .unwrap()
        .description(Some(letter.repeat(DESCRIPTION_LEN)))
        .unwrap()
}

/// Checks the whole store: every filler intact, `flip` exactly version 0 or 1.
fn check_store(store: &CredentialStore) -> usize {
    let list = store.list().unwrap_or_else(|e| panic!("store unreadable after a crash: {e}"));
    assert_eq!(list.len(), FILLERS + 1, "profiles lost");
    for (i, summary) in list.iter().filter(|p| p.name.starts_with("filler-")).enumerate() {
        assert_eq!(summary.name, format!("filler-{i:03}"));
        assert_eq!(summary.description.as_deref(), Some(filler_description(i).as_str()), "filler {i} changed");
    }
    let flip = store.get("flip").unwrap();
    let version = (0..2)
        .find(|&v| {
            let expected = flip_profile(v);
            flip.description == expected.description
                && flip.credential.client_secret() == expected.credential.client_secret()
        })
        .unwrap_or_else(|| panic!("profile \"flip\" is torn or mixed: {flip:?}"));
    version
}

#[test]
fn killed_writers_never_leave_a_torn_file() {
    let lanes: Vec<_> = (0..LANES).map(|lane| std::thread::spawn(move || kill_lane(lane, KILLS / LANES))).collect();
    let mut seen = [0usize; 2];
    let mut kills_mid_write = 0;
    for lane in lanes {
        let (lane_seen, lane_mid_write) = lane.join().expect("a kill lane failed");
        seen[0] += lane_seen[0];
        seen[1] += lane_seen[1];
        kills_mid_write += lane_mid_write;
    }
    eprintln!(
        "after {KILLS} kills: version A {} times, version B {} times; {kills_mid_write} kills left a temporary file",
        seen[0], seen[1]
    );
    assert!(seen[0] > 0 && seen[1] > 0, "the kills never caught one of the two versions: {seen:?}");
}

/// `kills` rounds of: start a writer on this lane's own store, kill it at a random moment,
/// check the store. Returns how often each version was found and how many kills hit a write.
fn kill_lane(lane: usize, kills: usize) -> ([usize; 2], usize) {
    let (_temp, store) = crate::common::new_store();
    for i in 0..FILLERS {
        let p = Profile::new(
            &format!("filler-{i:03}"),
            credential("filler-id", "filler-secret-value-123"),
            Endpoint::default(),
        )
        .unwrap()
        .description(Some(filler_description(i)))
        .unwrap();
        store.save(p, false).unwrap();
    }
    store.save(flip_profile(0), false).unwrap();
    let size = std::fs::metadata(store.file_path()).unwrap().len();
    assert!(size > 200_000, "the file should be large, is {size} bytes");

    let mut rng = Rng::from_time().fork(lane);
    let mut seen = [0usize; 2];
    let mut kills_mid_write = 0;
    for iteration in 0..kills {
        let mut child = child_command("crash::child_crash_writer", store.dir(), lane * kills + iteration)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child writer");
        // Wait until the child has completed one write, so the kill lands mid-loop.
        let stdout = child.stdout.take().unwrap();
        let (ready_tx, ready_rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(line) if line.trim() == READY => {
                        let _ = ready_tx.send(());
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        });
        if ready_rx.recv_timeout(Duration::from_secs(60)).is_err() {
            let _ = child.kill();
            let status = child.wait();
            panic!("child writer {iteration} of lane {lane} never became ready ({status:?})");
        }
        std::thread::sleep(Duration::from_millis(rng.below(21)));
        child.kill().expect("kill child");
        child.wait().expect("reap child");
        reader.join().unwrap();

        if count_temp_files(store.dir()) > 0 {
            kills_mid_write += 1;
        }
        // A fresh store, as a new process would open it. Only reading it removes what the
        // killed writer left: its temporary file holds every secret.
        let fresh = CredentialStore::open(store.dir());
        seen[check_store(&fresh)] += 1;
        assert_eq!(count_temp_files(store.dir()), 0, "a read left the killed writer's temporary file in place");
    }
    // After all the kills the store is still whole and writable.
    let fresh = CredentialStore::open(store.dir());
    check_store(&fresh);
    fresh.save(flip_profile(1), true).unwrap();
    assert_eq!(check_store(&fresh), 1);
    assert_eq!(count_temp_files(store.dir()), 0);
    (seen, kills_mid_write)
}

fn count_temp_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".tmp"))
        .count()
}

/// The child writer: rewrites the store forever (until killed, or 60 s as a safety net).
#[test]
#[ignore = "child process for killed_writers_never_leave_a_torn_file"]
fn child_crash_writer() {
    let Some(dir) = child_dir() else { return };
    let store = CredentialStore::open(dir);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut version = 1;
    while Instant::now() < deadline {
        store.save(flip_profile(version), true).unwrap();
        if version == 1 {
            println!("{READY}");
        }
        version = 1 - version;
    }
}
