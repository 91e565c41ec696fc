//! Streaming downloads: content checked by hash, bounded memory, no partial files.

use std::time::Duration;

use sha2::{Digest, Sha256};
use spotdraft::{BlockingClient, Client, Credential, ErrorKind, Method, Request, RetryPolicy};
use spotdraft_sandbox::{pdf_chunks, Fault, FaultRule, Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

const DOWNLOAD: &str = "/api/v2.1/public/contracts/T-1001/download";

fn client_for(sandbox: &Sandbox) -> spotdraft::ClientBuilder {
    Client::builder(Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap())
        .base_url(&sandbox.base_url())
        .rate_limit(None)
        .retry_policy(RetryPolicy::default().with_initial_backoff(Duration::from_millis(5)))
}

fn expected_sha256(size: u64) -> String {
    let mut hasher = Sha256::new();
    for chunk in pdf_chunks(size) {
        hasher.update(&chunk);
    }
    hex::encode(hasher.finalize())
}

fn file_sha256(path: &std::path::Path) -> String {
    let mut hasher = Sha256::new();
    let mut file = std::fs::File::open(path).unwrap();
    std::io::copy(&mut file, &mut hasher).unwrap();
    hex::encode(hasher.finalize())
}

/// Peak resident memory of this process so far, from /proc (Linux); None elsewhere.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn a_large_download_streams_to_a_file_with_bounded_memory() {
    const SIZE: u64 = 256 * 1024 * 1024;
    let expected = expected_sha256(SIZE);
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false).pdf_size(SIZE)).unwrap();
    let client = BlockingClient::new(client_for(&sandbox)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.pdf");
    let before = peak_rss_bytes();
    let mut calls = 0u64;
    let mut last = 0u64;
    let download = client
        .download_to_file(Request::new(Method::Post, DOWNLOAD).idempotent(true), &path, false, |p| {
            assert!(p.bytes > last, "progress must move forward");
            last = p.bytes;
            calls += 1;
        })
        .unwrap();
    assert_eq!(download.bytes, SIZE);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), SIZE);
    assert_eq!(file_sha256(&path), expected);
    assert!(calls > 10);
    assert_eq!(last, SIZE);
    if let (Some(before), Some(after)) = (before, peak_rss_bytes()) {
        let grown = after.saturating_sub(before);
        eprintln!("peak resident memory grew by {} KiB during a {} MiB download", grown >> 10, SIZE >> 20);
        assert!(grown < 64 * 1024 * 1024, "peak memory grew by {} MiB for a 256 MiB download", grown >> 20);
    }
}

#[tokio::test]
async fn an_async_download_into_a_writer_matches() {
    let size = 3 * 1024 * 1024 + 17;
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false).pdf_size(size)).unwrap();
    let client = client_for(&sandbox).build().unwrap();
    let mut buffer: Vec<u8> = Vec::new();
    let download =
        client.download(Request::new(Method::Post, DOWNLOAD).idempotent(true), &mut buffer, |_| {}).await.unwrap();
    assert_eq!(download.bytes, size);
    assert!(buffer.starts_with(b"%PDF-1.4"));
    assert_eq!(hex::encode(Sha256::digest(&buffer)), expected_sha256(size));
}

#[test]
fn a_broken_download_leaves_no_file_and_keeps_an_existing_one() {
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false).pdf_size(4 * 1024 * 1024)).unwrap();
    let client = BlockingClient::new(client_for(&sandbox).retry_policy(RetryPolicy::none())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.pdf");
    std::fs::write(&path, b"my own notes").unwrap();

    let err = client
        .download_to_file(Request::new(Method::Post, DOWNLOAD).idempotent(true), &path, false, |_| {})
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::File, "{err}");

    sandbox.inject(FaultRule { path: DOWNLOAD.into(), method: None, times: 1, fault: Fault::Truncate });
    let err = client
        .download_to_file(Request::new(Method::Post, DOWNLOAD).idempotent(true), &path, true, |_| {})
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"my own notes", "the existing file was touched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "partial file left behind: {leftovers:?}");

    client.download_to_file(Request::new(Method::Post, DOWNLOAD).idempotent(true), &path, true, |_| {}).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-1.4"));
}

#[tokio::test]
async fn a_download_declared_idempotent_is_retried_before_the_body_starts() {
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false)).unwrap();
    let client = client_for(&sandbox).build().unwrap();
    sandbox.inject(FaultRule { path: DOWNLOAD.into(), method: None, times: 1, fault: Fault::Reset });
    let mut sink = Vec::new();
    let download =
        client.download(Request::new(Method::Post, DOWNLOAD).idempotent(true), &mut sink, |_| {}).await.unwrap();
    assert_eq!(download.attempts, 2);
    sandbox.inject(FaultRule { path: DOWNLOAD.into(), method: None, times: 1, fault: Fault::Reset });
    let err = client.download(Request::new(Method::Post, DOWNLOAD), &mut sink, |_| {}).await.unwrap_err();
    assert_eq!(err.attempts(), 1, "a plain POST is not repeated");
}

/// A download writes a new file or replaces a regular one: never a device, a FIFO or a
/// symbolic link, whatever overwrite says (as root, `--force` once replaced /dev/full).
#[cfg(unix)]
#[test]
fn special_files_and_links_are_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false)).unwrap();
    let client = BlockingClient::new(client_for(&sandbox)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.pdf");
    std::fs::write(&target, b"keep").unwrap();
    let link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let fifo = dir.path().join("pipe.pdf");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    for (path, what) in [
        (link.as_path(), "symbolic link"),
        (fifo.as_path(), "not a regular file"),
        (std::path::Path::new("/dev/null"), "not a regular file"),
    ] {
        for overwrite in [false, true] {
            let err = client
                .download_to_file(Request::new(Method::Post, DOWNLOAD).idempotent(true), path, overwrite, |_| {})
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::File, "{}: {err}", path.display());
            assert!(err.message().contains(what), "{}: {err}", path.display());
        }
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read(&target).unwrap(), b"keep", "written through the link");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}
