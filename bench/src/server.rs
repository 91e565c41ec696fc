//! The sandbox in a child process (this same binary), so the parent's CPU time is the
//! client's alone.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use spotdraft_sandbox::{Sandbox, SandboxConfig};

pub const SERVE_ARG: &str = "--serve-sandbox";

pub struct Server {
    child: Option<Child>,
    pub base_url: String,
}

impl Server {
    /// One that runs elsewhere (started by `scripts/bench`, pinned to its own core).
    pub fn external(base_url: String) -> Server {
        Server { child: None, base_url }
    }

    /// Our own child, or the external one when given.
    pub fn start_or(external: Option<&String>, rate_limit: bool) -> std::io::Result<Server> {
        match external {
            Some(url) => Ok(Server::external(url.clone())),
            None => Server::start(rate_limit),
        }
    }

    pub fn start(rate_limit: bool) -> std::io::Result<Server> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg(SERVE_ARG)
            .arg(if rate_limit { "limited" } else { "unlimited" })
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().expect("piped");
        let mut first = String::new();
        BufReader::new(stdout).read_line(&mut first)?;
        let base_url = first.trim().strip_prefix("listening on ").unwrap_or_default().to_string();
        if base_url.is_empty() {
            let _ = child.kill();
            return Err(std::io::Error::other(format!("the sandbox said {first:?}")));
        }
        Ok(Server { child: Some(child), base_url })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The child: serve until the parent goes away (stdin closes).
pub fn serve_forever() {
    let rate_limit = std::env::args().nth(2).as_deref() == Some("limited");
    crate::measure::pin_to_cpu(1);
    let config = SandboxConfig::new().rate_limit(rate_limit).pdf_size(crate::DOWNLOAD_BYTES);
    let sandbox = Sandbox::start(config).expect("the sandbox starts");
    println!("listening on {}", sandbox.base_url());
    let mut sink = String::new();
    while std::io::stdin().read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {}
    sandbox.shutdown();
}
