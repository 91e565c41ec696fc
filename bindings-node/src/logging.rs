//! `setLogger(fn, level)`: core's log records (retries, attempts, responses; already free of
//! secrets and of non-allow-listed headers) forwarded to a JavaScript function. The function
//! is called on the JavaScript thread, never blocks the I/O thread, and does not keep the
//! process alive.

use std::sync::RwLock;

use napi::bindgen_prelude::Unknown;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;
use napi_derive::napi;

use crate::errors::invalid;

/// What the JavaScript logger receives.
#[napi(object)]
pub struct LogRecord {
    /// `error`, `warn`, `info`, `debug` or `trace`.
    pub level: String,
    /// The Rust module that logged, e.g. `spotdraft::transport`.
    pub target: String,
    pub message: String,
}

type LogFn = ThreadsafeFunction<LogRecord, Unknown<'static>, LogRecord, Status, false, true>;

struct JsLogger {
    sink: RwLock<Option<LogFn>>,
}

static LOGGER: JsLogger = JsLogger { sink: RwLock::new(None) };

impl log::Log for JsLogger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let sink = self.sink.read().unwrap_or_else(|e| e.into_inner());
        if let Some(sink) = sink.as_ref() {
            let entry = LogRecord {
                level: record.level().as_str().to_ascii_lowercase(),
                target: record.target().to_string(),
                message: record.args().to_string(),
            };
            sink.call(entry, ThreadsafeFunctionCallMode::NonBlocking);
        }
    }

    fn flush(&self) {}
}

/// Sends core's log records at `level` and above to `logger`; `null` stops forwarding.
#[napi]
pub fn set_logger(
    #[napi(ts_arg_type = "((record: LogRecord) => unknown) | null | undefined")] logger: Option<LogFn>,
    level: Option<String>,
) -> napi::Result<()> {
    let filter = match level.as_deref().unwrap_or("info") {
        "off" => log::LevelFilter::Off,
        "error" => log::LevelFilter::Error,
        "warn" => log::LevelFilter::Warn,
        "info" => log::LevelFilter::Info,
        "debug" => log::LevelFilter::Debug,
        "trace" => log::LevelFilter::Trace,
        other => {
            return Err(invalid(format!("unknown log level {other:?}: use error, warn, info, debug, trace or off")))
        }
    };
    // Installing twice (a second worker thread) keeps the first installation: same logger.
    let _ = log::set_logger(&LOGGER);
    let enabled = logger.is_some();
    *LOGGER.sink.write().unwrap_or_else(|e| e.into_inner()) = logger;
    log::set_max_level(if enabled { filter } else { log::LevelFilter::Off });
    Ok(())
}
