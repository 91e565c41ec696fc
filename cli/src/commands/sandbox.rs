//! `spotdraft sandbox`: the offline sandbox in the foreground until Ctrl-C (or SIGTERM).

use spotdraft::ErrorKind;
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USER_EMAIL};

use crate::cli::SandboxArgs;
use crate::exit::{Failure, Result};
use crate::output;

pub fn run(args: SandboxArgs) -> Result<()> {
    // Handlers go in before the sandbox announces itself: a script may signal it at once.
    let shutdown = spotdraft_sandbox::ShutdownSignal::install()
        .map_err(|e| Failure::new(ErrorKind::Cancelled, format!("cannot install Ctrl-C handlers: {e}")))?;
    let config = SandboxConfig::new().port(args.port).rate_limit(!args.no_rate_limit);
    let sandbox = Sandbox::start(config).map_err(|e| {
        // A port in use or not ours to bind is a problem with --port (exit 2), not with the network.
        Failure::new(ErrorKind::InvalidArgument, format!("could not start the sandbox on port {}: {e}", args.port))
            .hint("pick another --port, or 0 for a free one")
    })?;
    let base_url = sandbox.base_url();
    // The first line is exactly this, for scripts. The demo credential is public and valid only here.
    output::out(&format!(
        "listening on {base_url}\nclient-id: {DEMO_CLIENT_ID}\nclient-secret: {DEMO_CLIENT_SECRET}\nuser-email: {DEMO_USER_EMAIL}\n"
    ));
    output::note(&format!("try: spotdraft --base-url {base_url} credentials test   (with the demo credential saved or in SPOTDRAFT_CLIENT_ID/SPOTDRAFT_CLIENT_SECRET); Ctrl-C stops"));
    shutdown.wait().map_err(|e| Failure::new(ErrorKind::Cancelled, format!("cannot wait for Ctrl-C: {e}")))?;
    sandbox.shutdown();
    Ok(())
}
