//! Peak memory while downloading one large contract, in a fresh process: this binary as a
//! child (the core) and the `spotdraft` command line tool. Each figure is the process's own
//! peak RSS, next to the peak of the same process before (or without) the download, so the
//! download's own cost (the growth) can be told from the runtime's fixed footprint.
//!
//! The peak is `VmHWM` from `/proc/PID/status`, not `getrusage`'s `ru_maxrss`: Linux carries
//! `ru_maxrss` over `fork` and `exec`, so a child would report at least its parent's size
//! when it was forked (every child here would read as large as this benchmark). `VmHWM`
//! belongs to the address space that `exec` made, so it is the program's own.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use spotdraft::{Client, Credential};
use spotdraft_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

pub const DOWNLOAD_ARG: &str = "--download-child";

/// The contract every face downloads (the sandbox serves the same bytes for any).
pub const CONTRACT: &str = "T-1001";

/// `VmHWM` (peak resident set size) of a process, in KiB; `None` once it has exited or
/// where there is no `/proc`.
fn high_water_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

/// Peak resident set size of this process so far, in KiB.
pub fn peak_kib() -> u64 {
    high_water_kib("self").expect("/proc/self/status has VmHWM (this benchmark needs Linux)")
}

/// The child: one small request first (runtime, pool and TLS state all warm), then the
/// download to `path`. Prints one JSON line: bytes, baseline and peak in KiB.
pub fn download_child(base_url: &str, path: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).expect("credential");
    let client = Client::builder(credential).base_url(base_url).rate_limit(None).build().expect("client");
    let line = runtime.block_on(async {
        client.contracts().get(CONTRACT).await.expect("the contract exists");
        let baseline = peak_kib();
        let download =
            client.contracts().download_to_file(CONTRACT, Path::new(path), true, |_| {}).await.expect("the download");
        json!({ "bytes": download.bytes, "baseline_kib": baseline, "peak_kib": peak_kib() })
    });
    println!("{line}");
}

/// Runs `command` (a program we cannot instrument) to completion and returns its peak RSS
/// in KiB: its `VmHWM`, read every 2 ms while it runs. `VmHWM` only grows, so the last
/// reading misses at most what the program added in its final 2 ms; the download's peak
/// is reached long before that. Fails loudly when the program does not succeed.
fn peak_of(mut command: Command, what: &str) -> Result<u64, String> {
    // spawn() returns once the program is exec'd (std waits for exec to succeed or fail),
    // so no reading below sees the forked copy of this benchmark's memory.
    let mut child = command.spawn().map_err(|e| format!("{what}: cannot start: {e}"))?;
    let pid = child.id().to_string();
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = high_water_kib(&pid) {
            peak = peak.max(kib);
        }
        match child.try_wait().map_err(|e| format!("{what}: {e}"))? {
            Some(status) => break status,
            None => std::thread::sleep(std::time::Duration::from_millis(2)),
        }
    };
    if !status.success() {
        return Err(format!("{what}: failed ({status})"));
    }
    if peak == 0 {
        return Err(format!("{what}: no VmHWM could be read from /proc/{pid}/status"));
    }
    Ok(peak)
}

/// The core: this binary as a child process.
pub fn core(base_url: &str, dir: &Path) -> Result<Value, String> {
    let target = dir.join("core-download.pdf");
    let output = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .args([DOWNLOAD_ARG, base_url, &target.to_string_lossy()])
        .output()
        .map_err(|e| format!("core download: cannot start: {e}"))?;
    let _ = std::fs::remove_file(&target);
    if !output.status.success() {
        return Err(format!("core download failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("core download printed no JSON: {e}"))
}

/// The command line tool: peak of `contracts get` (the same process without the
/// download) as the baseline, then `contracts download`.
pub fn cli(cli: &Path, base_url: &str, dir: &Path) -> Result<Value, String> {
    let run = |args: &[&str]| {
        let mut command = Command::new(cli);
        command
            .args(["--base-url", base_url])
            .args(args)
            .env("SPOTDRAFT_CLIENT_ID", DEMO_CLIENT_ID)
            .env("SPOTDRAFT_CLIENT_SECRET", DEMO_CLIENT_SECRET)
            .env("SPOTDRAFT_CONFIG_DIR", dir)
            .env_remove("SPOTDRAFT_PROFILE")
            .stdout(std::process::Stdio::null());
        command
    };
    let baseline = peak_of(run(&["contracts", "get", CONTRACT]), "spotdraft contracts get")?;
    let target = dir.join("cli-download.pdf");
    let peak = peak_of(
        run(&["contracts", "download", CONTRACT, "--output-file", &target.to_string_lossy(), "--force"]),
        "spotdraft contracts download",
    )?;
    let bytes = std::fs::metadata(&target).map(|m| m.len()).map_err(|e| format!("the CLI wrote no file: {e}"))?;
    let _ = std::fs::remove_file(&target);
    Ok(json!({ "bytes": bytes, "baseline_kib": baseline, "peak_kib": peak }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_is_this_process_own_and_grows_with_touched_memory() {
        let before = peak_kib();
        assert!(before > 0);
        let touched = vec![1u8; 16 * 1024 * 1024];
        std::hint::black_box(&touched);
        assert!(peak_kib() >= before + 15 * 1024, "16 MiB touched, VmHWM grew from {before} to {}", peak_kib());
        assert_eq!(high_water_kib("0"), None);
    }
}
