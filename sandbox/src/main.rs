//! `spotdraft-sandbox`: run the SpotDraft API emulator as a process.
//!
//! The first stdout line is exactly `listening on http://HOST:PORT`.

use std::io::Write;
use std::net::IpAddr;
use std::process::ExitCode;

use clap::Parser;
use spotdraft_sandbox::{
    Sandbox, SandboxConfig, DEFAULT_PDF_SIZE, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USER_EMAIL,
};

/// An offline emulator of the SpotDraft REST API for integration tests.
#[derive(Parser, Debug)]
#[command(name = "spotdraft-sandbox", version)]
struct Args {
    /// Port to listen on (0 picks a free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Accepted client id (requires a secret; default: the demo credential).
    #[arg(long, value_name = "ID", requires = "client_secret")]
    client_id: Option<String>,
    /// Accepted client secret (or SPOTDRAFT_SANDBOX_CLIENT_SECRET).
    #[arg(
        long,
        value_name = "SECRET",
        env = "SPOTDRAFT_SANDBOX_CLIENT_SECRET",
        hide_env_values = true,
        requires = "client_id"
    )]
    client_secret: Option<String>,
    /// Extra active workspace user (repeatable).
    #[arg(long = "user-email", value_name = "EMAIL")]
    user_emails: Vec<String>,
    /// Disable the 10 requests/second rate limit.
    #[arg(long)]
    no_rate_limit: bool,
    /// Size in bytes of downloaded contract files.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_PDF_SIZE)]
    pdf_size: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut config =
        SandboxConfig::new().host(args.host).port(args.port).rate_limit(!args.no_rate_limit).pdf_size(args.pdf_size);
    let custom_credential = match (&args.client_id, &args.client_secret) {
        (Some(id), Some(secret)) => {
            config = config.credential(id, secret);
            true
        }
        _ => false,
    };
    for email in &args.user_emails {
        config = config.user_email(email);
    }
    // Handlers go in before the sandbox announces itself: a script may signal it at once.
    let shutdown = match spotdraft_sandbox::ShutdownSignal::install() {
        Ok(shutdown) => shutdown,
        Err(e) => {
            eprintln!("spotdraft-sandbox: cannot install signal handlers: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sandbox = match Sandbox::start(config) {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("spotdraft-sandbox: cannot listen on {}:{}: {e}", args.host, args.port);
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", sandbox.base_url());
        if !custom_credential {
            let _ = writeln!(out, "client-id: {DEMO_CLIENT_ID}");
            let _ = writeln!(out, "client-secret: {DEMO_CLIENT_SECRET}");
        }
        // With its own credential, the sandbox names the users the caller configured; the
        // demo user is only announced next to the demo credential.
        if custom_credential {
            for email in &args.user_emails {
                let _ = writeln!(out, "user-email: {email}");
            }
        } else {
            let _ = writeln!(out, "user-email: {DEMO_USER_EMAIL}");
        }
        let _ = out.flush();
    }
    if let Err(e) = shutdown.wait() {
        eprintln!("spotdraft-sandbox: cannot wait for signals: {e}");
    }
    sandbox.shutdown();
    ExitCode::SUCCESS
}
