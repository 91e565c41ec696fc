//! The native half of the `spotdraft` npm package. It only translates: types to and from
//! JavaScript, core errors to a payload `lib/errors.js` turns into error classes, and
//! core futures to Promises on napi's tokio runtime. All behaviour is core's.

mod cancel;
mod client;
mod credential;
mod download;
mod errors;
pub mod logging;
mod ops;
mod pager;
mod response;
mod sandbox;
mod store;
// Public so that the `#[napi]` functions in it count as used (napi registers them).
pub mod webhook;

use napi_derive::napi;

/// Every error kind's stable text, in core's numeric order.
#[napi]
pub fn error_kinds() -> Vec<String> {
    spotdraft::ErrorKind::ALL.iter().map(|k| k.as_str().to_string()).collect()
}

/// The marker that starts an encoded error message.
#[napi]
pub fn error_marker() -> String {
    errors::MARKER.to_string()
}

/// The names of the catalogue operations `client.call` knows.
#[napi]
pub fn operation_names() -> Vec<String> {
    spotdraft::catalogue::operations().iter().map(|op| op.name.to_string()).collect()
}

/// napi's tokio runtime, sized for a binding whose JavaScript thread needs a core of its own:
/// one I/O worker (`SPOTDRAFT_NODE_WORKERS` to change it) keeps a request's future and its
/// connection on one thread, without cross-thread wake-ups per request, which is what
/// sequential latency is made of. Built once per process, however many worker threads load
/// the addon.
#[napi_derive::module_init]
fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let workers = std::env::var("SPOTDRAFT_NODE_WORKERS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|n| (1..=64).contains(n))
            .unwrap_or(1);
        if let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name("spotdraft-node-io")
            .enable_all()
            .build()
        {
            napi::bindgen_prelude::create_custom_tokio_runtime(runtime);
        }
    });
}

/// Resolves from the I/O thread with nothing done: the cost of one round trip between the
/// JavaScript thread and the runtime (the benchmark reports it).
#[napi(ts_return_type = "Promise<number>")]
pub fn round_trip(env: &napi::Env) -> napi::Result<napi::bindgen_prelude::PromiseRaw<'_, u32>> {
    env.spawn_future(async { Ok(0u32) })
}
