//! The [`Sandbox`] handle: starts the server on its own thread and runtime,
//! and gives tests direct access to faults, the request log and the limit.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::config::SandboxConfig;
use crate::faults::FaultRule;
use crate::request_log::LoggedRequest;
use crate::server;
use crate::state::AppState;

/// A running sandbox. It serves on a background thread with its own tokio
/// runtime until [`Sandbox::shutdown`] or drop.
pub struct Sandbox {
    state: Arc<AppState>,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Bind the configured address and start serving. The port is bound
    /// before this returns, so requests may be sent right away.
    pub fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        let std_listener = std::net::TcpListener::bind((config.host, config.port))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("spotdraft-sandbox-worker")
            .enable_all()
            .build()?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(std_listener)?
        };
        let state = Arc::new(AppState::new(&config, format!("http://{addr}")));
        let (shutdown_tx, shutdown_rx) = oneshot::channel();
        let server_state = state.clone();
        let thread = std::thread::Builder::new().name("spotdraft-sandbox".to_string()).spawn(move || {
            runtime.block_on(server::serve(listener, server_state, shutdown_rx));
            runtime.shutdown_timeout(Duration::from_millis(500));
        })?;
        Ok(Sandbox { state, addr, shutdown: Some(shutdown_tx), thread: Some(thread) })
    }

    /// `http://HOST:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Add a fault rule (after the existing ones; the first match wins).
    pub fn inject(&self, rule: FaultRule) {
        self.state.faults().add(rule);
    }

    /// Remove all fault rules.
    pub fn clear_faults(&self) {
        self.state.faults().clear();
    }

    /// The request log, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.log().snapshot()
    }

    /// Connections accepted so far, and how many of them have ended (closed by either
    /// side). A client that cancels a call in flight shows up as a closed connection.
    pub fn connection_counts(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering;
        let counts = &self.state.connections;
        (counts.opened.load(Ordering::SeqCst), counts.closed.load(Ordering::SeqCst))
    }

    /// Empty the request log.
    pub fn clear_requests(&self) {
        self.state.log().clear();
    }

    /// Switch the per-workspace rate limit on or off (the window restarts).
    pub fn set_rate_limit(&self, enabled: bool) {
        self.state.rate_limiter().set_enabled(enabled);
    }

    /// Stop serving and wait for the server thread to finish.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("addr", &self.addr).finish()
    }
}
