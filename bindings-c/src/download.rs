//! Contract downloads straight to a file, with an optional C progress callback.

use std::ffi::{c_char, c_void};

use crate::client::spotdraft_client;
use crate::error::spotdraft_error;
use crate::ffi::{handle, path, run, text};
use crate::status::spotdraft_status;

/// Called after each chunk with the bytes received so far, the total size (0 when the
/// server did not say) and the `user_data` given. Return true to go on, false to stop
/// the download (it then fails with `SPOTDRAFT_CANCELLED` and no file is left). It runs
/// on the thread that called the download function.
pub type spotdraft_progress_callback =
    Option<unsafe extern "C" fn(bytes: u64, total: u64, user_data: *mut c_void) -> bool>;

/// Downloads contract `contract_id` (such as `"T-1001"` or `"42"`) to `path`. The file
/// appears only once complete; an existing file is replaced only when `overwrite` is
/// true. `progress` may be NULL. `*bytes_written`, when not NULL, receives the size.
/// Like every file name here, `path` is bytes as the system takes them: it need not be UTF-8.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_contract_download_to_file(
    client: *const spotdraft_client,
    contract_id: *const c_char,
    file_path: *const c_char,
    overwrite: bool,
    progress: spotdraft_progress_callback,
    user_data: *mut c_void,
    bytes_written: *mut u64,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        let client = handle(client, "client")?;
        let id = text(contract_id, "contract_id")?;
        let target = path(file_path, "path")?;
        let report = |p: sd::DownloadProgress| match progress {
            // SAFETY: the caller's callback, with the caller's own user_data.
            Some(callback) => unsafe { callback(p.bytes, p.total.unwrap_or(0), user_data) },
            None => true,
        };
        let download = client.inner.contracts().download_to_file(id, target, overwrite, report)?;
        if !bytes_written.is_null() {
            // SAFETY: NULL or a writable uint64_t.
            unsafe { *bytes_written = download.bytes };
        }
        Ok(())
    })
}
