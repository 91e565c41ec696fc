//! The sandbox in a child process (this same binary), so the parent's CPU time is the
//! client's alone.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use spotdraft_sandbox::{Sandbox, SandboxConfig};

pub const SERVE_ARG: &str = "--serve-sandbox";

pub struct Server {
    child: Child,
    pub base_url: String,
}

impl Server {
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
        Ok(Server { child, base_url })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The child: serve until the parent goes away (stdin closes).
pub fn serve_forever() {
    let rate_limit = std::env::args().nth(2).as_deref() == Some("limited");
    crate::measure::pin_to_cpu(1);
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(rate_limit)).expect("the sandbox starts");
    println!("listening on {}", sandbox.base_url());
    let mut sink = String::new();
    while std::io::stdin().read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {}
    sandbox.shutdown();
}
