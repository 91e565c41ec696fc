//! `contracts.download(id, path, {overwrite, onProgress, signal})`: the core streams the
//! file to disk on the tokio runtime (memory stays flat however large the file), and
//! progress reaches JavaScript through a thread-safe function, at most every 50 ms.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status};
use napi_derive::napi;
use serde_json::{json, Value};
use spotdraft::{ContractId, DownloadProgress};

use crate::cancel::{token_of, CancelToken};
use crate::client::NativeClient;
use crate::errors::{invalid, scrub, to_json_text, IntoNapi};

/// What `onProgress` receives.
#[napi(object)]
pub struct ProgressInfo {
    pub bytes: f64,
    pub total: Option<f64>,
}

/// Weak: a progress callback alone does not hold the event loop open (the pending
/// download's promise does).
type ProgressFn = ThreadsafeFunction<ProgressInfo, Unknown<'static>, ProgressInfo, Status, false, true>;

const PROGRESS_EVERY: Duration = Duration::from_millis(50);

#[napi]
impl NativeClient {
    /// Downloads contract `id` (a `T-1`/`H-1` id or number, as JSON text) into `path`.
    #[napi(ts_return_type = "Promise<string>")]
    #[allow(clippy::too_many_arguments)]
    pub fn download<'env>(
        &self,
        env: &'env Env,
        id: String,
        path: String,
        overwrite: bool,
        #[napi(ts_arg_type = "((progress: ProgressInfo) => unknown) | undefined | null")] on_progress: Option<
            ProgressFn,
        >,
        token: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let id: ContractId = serde_json::from_str::<Value>(&id)
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or_else(|| invalid("id must be a contract id such as \"T-1001\" or a number"))?;
        let secret = self.inner.credential().client_secret().clone();
        let client = match token_of(token) {
            Some(token) => self.inner.with_cancellation(token),
            None => self.inner.clone(),
        };
        let path = PathBuf::from(path);
        env.spawn_future(async move {
            let mut last: Option<Instant> = None;
            let progress = move |p: DownloadProgress| {
                let Some(callback) = &on_progress else { return };
                let finished = p.total.is_some_and(|total| p.bytes >= total);
                if finished || last.is_none_or(|at| at.elapsed() >= PROGRESS_EVERY) {
                    last = Some(Instant::now());
                    let info = ProgressInfo { bytes: p.bytes as f64, total: p.total.map(|t| t as f64) };
                    callback.call(info, ThreadsafeFunctionCallMode::NonBlocking);
                }
            };
            let download = client
                .contracts()
                .download_to_file(id, &path, overwrite, progress)
                .await
                .napi()
                .map_err(|e| scrub(e, secret.expose_secret()))?;
            to_json_text(&json!({
                "bytes": download.bytes,
                "contentType": download.content_type,
                "fileName": download.file_name,
                "attempts": download.attempts,
            }))
        })
    }
}
