//! `spotdraft`: the SpotDraft API from the command line. A thin face over the `spotdraft` core crate.

mod cli;
mod commands;
mod context;
mod exit;
mod output;
mod secret_input;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse(); // usage errors exit 2, --help/--version exit 0
    init_tracing(cli.global.verbose);
    let mut ctx = context::Context::new(cli.global);
    match commands::run(&mut ctx, cli.command) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(failure) => ExitCode::from(exit::report(&failure)),
    }
}

/// `-v`: core's request spans and events at debug level; `-vv`: trace. To stderr; core never logs a secret.
fn init_tracing(verbose: u8) {
    let filter = match verbose {
        0 => return,
        1 => "spotdraft=debug",
        _ => "spotdraft=trace",
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(true)
        .try_init();
}
