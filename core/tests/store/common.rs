//! Helpers shared by the store tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use spotdraft::{Credential, CredentialStore, Endpoint, Error, Profile, Region};

/// Set on child processes: the store directory they write into.
pub const CHILD_DIR_ENV: &str = "SPOTDRAFT_STORE_TEST_DIR";
/// Set on child processes: which child this is.
pub const CHILD_ID_ENV: &str = "SPOTDRAFT_STORE_TEST_CHILD";

pub const SECRET: &str = "sd-secret-VALUE-0123456789abcdef";

/// A fresh store in a directory that does not exist yet (so the store creates it).
pub fn new_store() -> (tempfile::TempDir, CredentialStore) {
    let temp = tempfile::tempdir().expect("temp dir");
    let store = CredentialStore::open(temp.path().join("config").join("spotdraft"));
    (temp, store)
}

pub fn credential(id: &str, secret: &str) -> Credential {
    Credential::new(id, secret).expect("valid credential")
}

pub fn profile(name: &str, secret: &str) -> Profile {
    Profile::new(name, credential(&format!("id-{name}"), secret), Endpoint::Region(Region::Us)).expect("valid profile")
}

/// Every text an error carries, for "no secret in it" checks.
pub fn error_text(error: &Error) -> String {
    format!("{error} | {error:?} | {}", error.message())
}

pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// This test binary, run as a child writer executing the ignored test `test_name`.
pub fn child_command(test_name: &str, dir: &Path, child_id: usize) -> Command {
    let exe: PathBuf = std::env::current_exe().expect("current exe");
    let mut command = Command::new(exe);
    command
        .args(["--exact", test_name, "--nocapture", "--ignored", "--test-threads=1"])
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_ID_ENV, child_id.to_string())
        .stdin(Stdio::null());
    command
}

/// The store directory when running as a child writer, `None` in a normal test run.
pub fn child_dir() -> Option<PathBuf> {
    std::env::var_os(CHILD_DIR_ENV).map(PathBuf::from)
}

/// A small deterministic generator (xorshift) for test delays; seeded per run and printed.
pub struct Rng(u64);

impl Rng {
    pub fn from_time() -> Rng {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
        let seed = nanos | 1;
        eprintln!("rng seed {seed}");
        Rng(seed)
    }
    /// An independent stream for one of several threads.
    pub fn fork(self, stream: usize) -> Rng {
        Rng((self.0 ^ (stream as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
