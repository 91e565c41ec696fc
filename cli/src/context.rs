//! Turns the global flags into a client: the embedded sandbox, or a credential resolved by core (explicit profile,
//! environment, SPOTDRAFT_PROFILE, default profile), with `--base-url` / `--region` applied on top.

use spotdraft::store::{self, CredentialStore, CLIENT_ID_ENV, CLIENT_SECRET_ENV};
use spotdraft::{BaseUrl, BlockingClient, ClientOptions, Credential, Endpoint, Error, ErrorKind, RateLimitUrl};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

use crate::cli::{GlobalArgs, OutputFormat};
use crate::exit::{self, Failure, Result};

/// `spotdraft-cli/<version>`, appended to the core's user agent.
pub const USER_AGENT_SUFFIX: &str = concat!("spotdraft-cli/", env!("CARGO_PKG_VERSION"));

pub struct Context {
    pub global: GlobalArgs,
    /// The embedded sandbox of `--sandbox`; it runs as long as the context lives.
    sandbox: Option<Sandbox>,
}

/// The process environment, as core's resolver wants it.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

impl Context {
    pub fn new(global: GlobalArgs) -> Context {
        Context { global, sandbox: None }
    }

    pub fn output(&self) -> OutputFormat {
        self.global.output
    }

    /// The credential store (under `$SPOTDRAFT_CONFIG_DIR` when set). `--sandbox` never touches it.
    pub fn store(&self) -> Result<CredentialStore> {
        if self.global.sandbox {
            return Err(Failure::usage("this command works on the saved credentials, which --sandbox does not use")
                .hint("run it without --sandbox"));
        }
        Ok(CredentialStore::open_default()?)
    }

    /// A client for the command: `--sandbox`, else `explicit_profile` (e.g. `credentials test NAME`), else
    /// `--profile`, else whatever core resolves from the environment and the store.
    pub fn client(&mut self, explicit_profile: Option<&str>) -> Result<BlockingClient> {
        if self.global.sandbox {
            let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)?;
            let endpoint = Endpoint::Custom(BaseUrl::parse(&self.start_sandbox()?)?);
            return build_client(&self.global, credential, endpoint, None);
        }
        let store = CredentialStore::open_default()?;
        let profile = explicit_profile.or(self.global.profile.as_deref());
        let resolved = store::resolve(profile, &env, &store).map_err(|e| resolve_failure(e, profile))?;
        if self.global.verbose > 0 {
            crate::output::note(&format!("using {}", resolved.source));
        }
        let endpoint = self.endpoint_override().unwrap_or(resolved.endpoint);
        build_client(&self.global, resolved.credential, endpoint, resolved.rate_limit_url)
    }

    /// `--base-url` or `--region`, when given.
    pub fn endpoint_override(&self) -> Option<Endpoint> {
        match (&self.global.base_url, self.global.region) {
            (Some(url), _) => Some(Endpoint::Custom(url.clone())),
            (None, Some(region)) => Some(Endpoint::Region(region)),
            (None, None) => None,
        }
    }

    fn start_sandbox(&mut self) -> Result<String> {
        if self.sandbox.is_none() {
            let sandbox = Sandbox::start(SandboxConfig::new()).map_err(|e| {
                Failure::new(ErrorKind::Connection, format!("could not start the embedded sandbox: {e}"))
            })?;
            self.sandbox = Some(sandbox);
        }
        Ok(self.sandbox.as_ref().map(Sandbox::base_url).unwrap_or_default())
    }
}

/// Core's resolver says `invalid_credential` both when a credential in the environment is malformed (a credential
/// problem, 3) and when there is nothing to use: no profile, no environment pair, no default, or only half a pair
/// (8, like a profile name that is not saved). Only the first has both environment variables set.
fn resolve_failure(error: Error, explicit_profile: Option<&str>) -> Failure {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let environment_pair = explicit_profile.is_none() && set(CLIENT_ID_ENV) && set(CLIENT_SECRET_ENV);
    let failure = match error.kind() {
        ErrorKind::InvalidCredential if !environment_pair => Failure::from(error).exit_code(exit::NO_CREDENTIAL),
        _ => exit::from_store(error),
    };
    if failure.code() == exit::NO_CREDENTIAL && !failure.has_hint() {
        // Core words its advice neutrally; the commands that follow it are the CLI's.
        failure.hint(
            "save one with `spotdraft credentials add NAME` (the first becomes the default), \
             pick the default with `spotdraft credentials default NAME`, or pass --profile NAME",
        )
    } else {
        failure
    }
}

/// A blocking client with the CLI's user agent and the global `--timeout`, `--connect-timeout`, `--retries` and
/// `--rate-limit-url`/`--rate-limit-strict` (their values were checked when parsed; core checks them again), applied
/// by core as every binding applies them. `saved_rate_limit_url` is the resolved profile's: the flag and then
/// SPOTDRAFT_RATE_LIMIT_URL win over it.
pub fn build_client(
    global: &GlobalArgs,
    credential: Credential,
    endpoint: Endpoint,
    saved_rate_limit_url: Option<RateLimitUrl>,
) -> Result<BlockingClient> {
    let rate_limit_url = store::choose_rate_limit_url(global.rate_limit_url.clone(), &env, saved_rate_limit_url)?;
    let options = ClientOptions {
        credential: Some(credential),
        rate_limit_url,
        rate_limit_strict: Some(global.rate_limit_strict),
        timeout: global.timeout,
        connect_timeout: global.connect_timeout,
        max_attempts: global.retries.map(|retries| retries + 1),
        user_agent_suffix: Some(USER_AGENT_SUFFIX.to_string()),
        ..ClientOptions::default()
    };
    let builder = options.resolve()?.builder.endpoint(endpoint);
    tracing::trace!(client = ?builder, "client settings");
    Ok(BlockingClient::new(builder)?)
}
