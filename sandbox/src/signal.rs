//! Running a sandbox in the foreground: wait for Ctrl-C or SIGTERM.

/// Signal handlers installed ahead of time, so a signal sent the moment the sandbox
/// announces itself is caught rather than killing the process.
pub struct ShutdownSignal {
    runtime: tokio::runtime::Runtime,
    #[cfg(unix)]
    listeners: (tokio::signal::unix::Signal, tokio::signal::unix::Signal),
}

impl ShutdownSignal {
    /// Installs handlers for SIGINT and SIGTERM (Ctrl-C elsewhere).
    ///
    /// # Errors
    /// Fails when the runtime or the handlers cannot be set up.
    pub fn install() -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let listeners = runtime.block_on(async {
                Ok::<_, std::io::Error>((signal(SignalKind::interrupt())?, signal(SignalKind::terminate())?))
            })?;
            Ok(Self { runtime, listeners })
        }
        #[cfg(not(unix))]
        Ok(Self { runtime })
    }

    /// Blocks the calling thread until one of the signals arrives.
    ///
    /// # Errors
    /// Fails when the platform cannot deliver the signal.
    pub fn wait(self) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            let (mut interrupt, mut terminate) = self.listeners;
            self.runtime.block_on(async {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
            });
            Ok(())
        }
        #[cfg(not(unix))]
        self.runtime.block_on(tokio::signal::ctrl_c())
    }
}

/// Blocks the calling thread until SIGINT or SIGTERM (Ctrl-C elsewhere) arrives.
///
/// # Errors
/// Fails when the handlers cannot be installed.
pub fn wait_for_shutdown_signal() -> std::io::Result<()> {
    ShutdownSignal::install()?.wait()
}
