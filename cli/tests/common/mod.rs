//! Helpers shared by the CLI tests: a sandbox, a private credential store, and runs of the `spotdraft` binary
//! whose every stdout and stderr is kept so that a test can check no secret ever appeared.
#![allow(dead_code)]

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;
use spotdraft_sandbox::{Sandbox, SandboxConfig};

pub const CLIENT_ID: &str = "cli-test-client-id";
pub const SECRET: &str = "cli-test-SECRET-7f3a9c2e5b1d";
pub const WRONG_SECRET: &str = "cli-wrong-SECRET-0d9e8f7a6b5c";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(self.code, expected, "wrong exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

pub struct Harness {
    pub config_dir: tempfile::TempDir,
    pub sandbox: Sandbox,
    pub outputs: RefCell<Vec<String>>,
}

impl Harness {
    pub fn new() -> Harness {
        let sandbox =
            Sandbox::start(SandboxConfig::new().rate_limit(false).credential(CLIENT_ID, SECRET)).expect("sandbox");
        Harness { config_dir: tempfile::tempdir().expect("tempdir"), sandbox, outputs: RefCell::new(Vec::new()) }
    }

    pub fn base_url(&self) -> String {
        self.sandbox.base_url()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_spotdraft"));
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("SPOTDRAFT_") {
                command.env_remove(&name);
            }
        }
        // A developer's own RUST_LOG would change what the binary prints on stderr.
        command.env_remove("RUST_LOG");
        command.env("SPOTDRAFT_CONFIG_DIR", self.store_dir()).env("NO_COLOR", "1").args(args);
        command
    }

    /// Runs the binary with `stdin` as its standard input (none: /dev/null).
    pub fn run_with(&self, args: &[&str], stdin: Option<&str>, extra_env: &[(&str, &str)]) -> Run {
        self.run_full(args, stdin, extra_env, None)
    }

    /// [`run_with`](Self::run_with), in directory `cwd` when given.
    pub fn run_full(&self, args: &[&str], stdin: Option<&str>, extra_env: &[(&str, &str)], cwd: Option<&Path>) -> Run {
        for arg in args {
            assert!(!arg.contains(SECRET), "a test must never pass the secret in argv");
        }
        let mut command = self.command(args);
        for (k, v) in extra_env {
            command.env(k, v);
        }
        if let Some(dir) = cwd {
            command.current_dir(dir);
        }
        command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn spotdraft");
        if let Some(input) = stdin {
            child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        }
        let output = child.wait_with_output().expect("wait");
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        let mut outputs = self.outputs.borrow_mut();
        outputs.push(format!("$ spotdraft {}\n{}{}", args.join(" "), run.stdout, run.stderr));
        run
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None, &[])
    }

    /// The test credential through the environment (no store): `SPOTDRAFT_CLIENT_ID`, `..._SECRET`, `..._BASE_URL`.
    pub fn credential_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SPOTDRAFT_CLIENT_ID", CLIENT_ID.to_string()),
            ("SPOTDRAFT_CLIENT_SECRET", SECRET.to_string()),
            ("SPOTDRAFT_BASE_URL", self.base_url()),
        ]
    }

    /// Runs the binary with the test credential in the environment.
    pub fn api(&self, args: &[&str]) -> Run {
        self.api_full(args, None, &[], None)
    }

    /// [`api`](Self::api) with standard input, more environment and a working directory.
    pub fn api_full(&self, args: &[&str], stdin: Option<&str>, extra_env: &[(&str, &str)], cwd: Option<&Path>) -> Run {
        let credential = self.credential_env();
        let mut env: Vec<(&str, &str)> = credential.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.extend_from_slice(extra_env);
        self.run_full(args, stdin, &env, cwd)
    }

    pub fn add(&self, name: &str, secret: &str, extra: &[&str]) -> Run {
        let base = self.base_url();
        let mut args =
            vec!["--base-url", &base, "credentials", "add", name, "--client-id", CLIENT_ID, "--secret-stdin"];
        args.extend_from_slice(extra);
        self.run_with(&args, Some(&format!("{secret}\n")), &[])
    }

    /// No secret in anything any run printed.
    pub fn assert_no_secret_leaked(&self) {
        let outputs = self.outputs.borrow();
        assert!(!outputs.is_empty());
        for text in outputs.iter() {
            for secret in [SECRET, WRONG_SECRET] {
                assert!(!text.contains(secret), "secret leaked in:\n{text}");
            }
        }
    }

    /// Inside the temporary directory and not created yet: the store creates it private (0700) on first save.
    pub fn store_dir(&self) -> std::path::PathBuf {
        self.config_dir.path().join("spotdraft")
    }

    pub fn store_is_empty(&self) -> bool {
        is_empty_dir(&self.store_dir())
    }
}

pub fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true)
}
