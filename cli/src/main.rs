//! `spotdraft`: the SpotDraft API from the command line. A thin face over the `spotdraft` core crate.

mod cli;
mod commands;
mod context;
mod exit;
mod output;
mod secret_input;

use std::fmt;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::fmt::format::{self, FormatEvent, FormatFields};
use tracing_subscriber::fmt::FmtContext;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = cli::Cli::parse(); // usage errors exit 2, --help/--version exit 0
    init_tracing(cli.global.verbose, std::env::var("RUST_LOG").ok());
    let mut ctx = context::Context::new(cli.global);
    match commands::run(&mut ctx, cli.command) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(failure) => ExitCode::from(exit::report(&failure)),
    }
}

/// The spotdraft crates' events at the level `-v` asks for: warnings only by default (core warns, for instance,
/// before a long Retry-After wait, and a silent pause would look like a hang), debug with `-v`, trace with `-vv`.
fn level_filter(verbose: u8) -> &'static str {
    match verbose {
        0 => "spotdraft=warn",
        1 => "spotdraft=debug",
        _ => "spotdraft=trace",
    }
}

/// Events go to stderr; `RUST_LOG`, when set, replaces the `-v` filter (any crate, any level). Without `-v` or
/// `RUST_LOG` a warning reads `warning: ...` like the CLI's other messages; otherwise the full trace format.
/// Field values can hold server text, so every one is sanitised.
fn init_tracing(verbose: u8, rust_log: Option<String>) {
    let rust_log = rust_log.filter(|v| !v.trim().is_empty());
    let (filter, detailed) = match rust_log.as_deref().map(|text| EnvFilter::builder().parse(text)) {
        Some(Ok(filter)) => (filter, true),
        Some(Err(e)) => {
            output::note(&format!("warning: ignoring RUST_LOG, which is not a valid filter ({e})"));
            (EnvFilter::new(level_filter(verbose)), verbose > 0)
        }
        None => (EnvFilter::new(level_filter(verbose)), verbose > 0),
    };
    let fields = format::debug_fn(|writer, field, value| {
        let text = output::sanitize(&format!("{value:?}"));
        if field.name() == "message" {
            write!(writer, "{text}")
        } else {
            write!(writer, "{}={text}", field.name())
        }
    })
    .delimited(" ");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .fmt_fields(fields);
    let _ = if detailed { builder.with_target(true).try_init() } else { builder.event_format(Plain).try_init() };
}

/// `warning: MESSAGE field=value`: how a warning reads when nobody asked for traces.
struct Plain;

impl<S, N> FormatEvent<S, N> for Plain
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: format::Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let label = match *event.metadata().level() {
            Level::ERROR => "error",
            Level::WARN => "warning",
            Level::INFO => "info",
            Level::DEBUG => "debug",
            Level::TRACE => "trace",
        };
        write!(writer, "{label}: ")?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}
