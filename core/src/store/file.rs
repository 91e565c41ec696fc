//! The file system side of the store: the private directory, the lock file, permission
//! checks and atomic replacement of `credentials.json`.
//!
//! Every writer holds an exclusive lock on `credentials.lock` from reading the file to
//! renaming the new one into place, so concurrent writers never lose an update. A new file
//! is written to a private temporary file in the same directory, flushed to disk, then
//! renamed over the old one: a crash at any instant leaves the old file or the new one.
//! Temporary files exist only while their writer holds the exclusive lock, so any found by a
//! holder of the lock (shared or exclusive) were left by a crashed writer and are removed: a
//! 0600 file full of secrets should not outlive its writer until the next save.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

pub(crate) const FILE_NAME: &str = "credentials.json";
pub(crate) const LOCK_NAME: &str = "credentials.lock";
const TEMP_PREFIX: &str = ".credentials.json.tmp-";

fn store_error(message: String) -> Error {
    Error::new(ErrorKind::Store, message)
}

fn io_error(action: &str, path: &Path, error: &io::Error) -> Error {
    store_error(format!("could not {action} {}: {error}", path.display()))
}

/// A held lock on `credentials.lock`; released when dropped (and by the OS if we die).
pub(crate) struct LockGuard(Option<File>);

impl LockGuard {
    /// False for the reader of a read-only directory, which could not take the lock.
    fn is_held(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(file) = &self.0 {
            let _ = file.unlock();
        }
    }
}

/// Checks the store directory. `Ok(false)` when it does not exist yet.
pub(crate) fn check_dir(dir: &Path) -> Result<bool> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io_error("inspect the credentials directory", dir, &e)),
    };
    if !meta.is_dir() {
        return Err(store_error(format!(
            "the credentials directory {} is not a directory; move it aside or set SPOTDRAFT_CONFIG_DIR to another place",
            dir.display()
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(store_error(format!(
                "the credentials directory {} can be accessed by other users (mode {mode:03o}); \
                 run `chmod 700 {}` and try again",
                dir.display(),
                dir.display()
            )));
        }
    }
    Ok(true)
}

/// Creates the store directory (mode 0700) if needed, or checks the existing one.
pub(crate) fn ensure_dir(dir: &Path) -> Result<()> {
    if check_dir(dir)? {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| io_error("create the credentials directory", dir, &e))?;
    #[cfg(unix)]
    {
        // The umask may only remove bits, but make sure the owner has full access.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| io_error("set permissions on the credentials directory", dir, &e))?;
    }
    check_dir(dir).map(|_| ())
}

fn open_lock_file(dir: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(dir.join(LOCK_NAME))
}

/// Takes the exclusive writer lock; the directory must exist.
pub(crate) fn lock_exclusive(dir: &Path) -> Result<LockGuard> {
    let path = dir.join(LOCK_NAME);
    let file = open_lock_file(dir).map_err(|e| io_error("open the lock file", &path, &e))?;
    file.lock().map_err(|e| io_error("lock", &path, &e))?;
    Ok(LockGuard(Some(file)))
}

/// Takes a shared reader lock. Reading is safe without it (the file is only ever replaced
/// whole), so a read-only directory where the lock file cannot be created still reads.
pub(crate) fn lock_shared(dir: &Path) -> Result<LockGuard> {
    let path = dir.join(LOCK_NAME);
    match open_lock_file(dir) {
        Ok(file) => {
            file.lock_shared().map_err(|e| io_error("lock", &path, &e))?;
            Ok(LockGuard(Some(file)))
        }
        Err(e) if matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem) => {
            Ok(LockGuard(None))
        }
        Err(e) => Err(io_error("open the lock file", &path, &e)),
    }
}

/// Reads the credentials file, checking it is a private regular file. `None` if missing.
pub(crate) fn read_file(path: &Path) -> Result<Option<Zeroizing<Vec<u8>>>> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(store_error(format!(
                "the credentials file {} is a symbolic link; the store replaces the file atomically and \
                 would break the link. Set SPOTDRAFT_CONFIG_DIR to the directory holding the real file instead",
                path.display()
            )))
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error("inspect the credentials file", path, &e)),
    }
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error("open the credentials file", path, &e)),
    };
    let meta = file.metadata().map_err(|e| io_error("inspect the credentials file", path, &e))?;
    if !meta.is_file() {
        return Err(store_error(format!(
            "the credentials file {} is not a regular file; move it aside and try again",
            path.display()
        )));
    }
    check_file_mode(path, &meta)?;
    // Sized up front so the buffer holding secrets is not reallocated (leaving a copy).
    let mut bytes = Zeroizing::new(Vec::with_capacity(meta.len() as usize + 1));
    file.read_to_end(&mut bytes).map_err(|e| io_error("read the credentials file", path, &e))?;
    Ok(Some(bytes))
}

#[cfg(unix)]
fn check_file_mode(path: &Path, meta: &fs::Metadata) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(store_error(format!(
            "the credentials file {} can be read or changed by other users (mode {mode:03o}), so its secrets \
             may have been exposed; run `chmod 600 {}`, consider rotating the secrets in it, and try again",
            path.display(),
            path.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_file_mode(_path: &Path, _meta: &fs::Metadata) -> Result<()> {
    Ok(())
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(dir: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{TEMP_PREFIX}{}-{nanos}-{n}", std::process::id()))
}

/// Whether `name` is one that [`temp_path`] makes: the prefix, then `PID-NANOS-N` in digits.
/// Anything else in the directory (a user's backup, another tool's file) is never touched.
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(TEMP_PREFIX) else { return false };
    let parts: Vec<&str> = rest.split('-').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes temporary files left by writers that crashed. Taking the guard proves the lock is
/// held, shared or exclusive: either way no live writer can be between creating its temporary
/// file and renaming it. Best effort: a file that cannot be removed now is tried again next time.
pub(crate) fn remove_stale_temps(dir: &Path, lock: &LockGuard) {
    if !lock.is_held() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && entry.file_name().to_str().is_some_and(is_temp_name) && fs::remove_file(entry.path()).is_ok() {
            // The user should know: whatever that writer was saving never reached the store.
            tracing::warn!(
                file = %entry.path().display(),
                "removed a temporary file left by an interrupted change to the credential store; that change was not saved"
            );
        }
    }
}

/// Replaces `dir/credentials.json` with `bytes`, atomically and durably. Call with the
/// exclusive lock held.
pub(crate) fn write_atomic(dir: &Path, bytes: &[u8]) -> Result<()> {
    let target = dir.join(FILE_NAME);
    let temp = temp_path(dir);
    let result = write_then_rename(&temp, &target, bytes);
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_dir(dir);
    Ok(())
}

fn write_then_rename(temp: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600); // private before a single byte is written
    }
    let mut file = options.open(temp).map_err(|e| io_error("create the temporary file", temp, &e))?;
    #[cfg(unix)]
    {
        // The umask may have removed owner bits; never let it add any.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| io_error("set permissions on the temporary file", temp, &e))?;
    }
    file.write_all(bytes).map_err(|e| io_error("write the temporary file", temp, &e))?;
    file.sync_all().map_err(|e| io_error("flush the temporary file to disk", temp, &e))?;
    drop(file);
    fs::rename(temp, target).map_err(|e| io_error("replace the credentials file", target, &e))
}

/// Makes the rename durable. Best effort: some file systems cannot sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_temp_names_are_stale_temps() {
        let dir = Path::new("/store");
        let made = temp_path(dir);
        assert!(is_temp_name(made.file_name().unwrap().to_str().unwrap()), "{}", made.display());
        assert!(is_temp_name(".credentials.json.tmp-12-1700000000000000000-0"));
        for other in [
            "credentials.json",
            "credentials.lock",
            ".credentials.json.tmp-",
            ".credentials.json.tmp-12-34",
            ".credentials.json.tmp-12-34-5-6",
            ".credentials.json.tmp-12-34-x",
            ".credentials.json.tmp-12--5",
            ".credentials.json.tmp-backup",
            "credentials.json.tmp-12-34-5",
        ] {
            assert!(!is_temp_name(other), "{other}");
        }
    }
}
