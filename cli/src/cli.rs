//! The command line grammar (clap derive). No logic here: just what can be typed.

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use spotdraft::{BaseUrl, Method, Region};

/// Shown at the end of `--help`; kept in step with `exit.rs` and README.md.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  2  usage error, or invalid_argument
  3  credential or authentication problem (invalid_credential, authentication, permission_denied)
  4  not_found (including a saved credential that does not exist)
  5  the server refused or failed (server, not_enabled, rate_limited, business_rule, conflict, validation, redirect)
  6  network (connection, timeout)
  7  credential store (store)
  1  anything else

Credentials are resolved in this order: --profile NAME, then SPOTDRAFT_CLIENT_ID/SPOTDRAFT_CLIENT_SECRET
(with SPOTDRAFT_USER_EMAIL, SPOTDRAFT_REGION, SPOTDRAFT_BASE_URL), then SPOTDRAFT_PROFILE, then the default
saved credential. Secrets are never taken from arguments.";

/// The SpotDraft API from the command line.
#[derive(Parser, Debug)]
#[command(name = "spotdraft", version, about, after_help = EXIT_CODES_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Use this saved credential (instead of the environment or the default credential).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// How to print results.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Trace requests to stderr (-v: debug, -vv: trace). Secrets are never traced.
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Talk to a fresh embedded offline sandbox with its demo credential (the credential store is not used).
    #[arg(long, global = true, conflicts_with_all = ["profile", "base_url", "region"])]
    pub sandbox: bool,

    /// Send requests to this base URL (https://, or http:// to a loopback host). With `credentials add`:
    /// the saved credential's base URL.
    #[arg(long, global = true, value_name = "URL", value_parser = parse_base_url, conflicts_with = "region")]
    pub base_url: Option<BaseUrl>,

    /// Send requests to this SpotDraft region (us, eu, in, me). With `credentials add`: the saved credential's
    /// region.
    #[arg(long, global = true, value_name = "REGION", value_parser = parse_region)]
    pub region: Option<Region>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Save, list, check and manage API credentials.
    #[command(subcommand, visible_alias = "creds")]
    Credentials(CredentialsCommand),

    /// Send any request to the API and print the answer.
    Api(ApiArgs),

    /// Contracts.
    #[command(subcommand)]
    Contracts(ContractsCommand),

    /// Contract types.
    #[command(subcommand, name = "contract-types")]
    ContractTypes(SimpleListCommand),

    /// Templates.
    #[command(subcommand)]
    Templates(SimpleListCommand),

    /// Workspace users.
    #[command(subcommand)]
    Users(UsersCommand),

    /// Run the offline sandbox in the foreground until Ctrl-C.
    Sandbox(SandboxArgs),

    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum CredentialsCommand {
    /// Save a credential. The secret comes from --secret-stdin, SPOTDRAFT_CLIENT_SECRET or a hidden prompt.
    Add(AddArgs),
    /// List saved credentials.
    #[command(visible_alias = "ls")]
    List {
        /// Print JSON (same as --output json).
        #[arg(long)]
        json: bool,
    },
    /// Show one saved credential (the secret is masked).
    Show {
        /// The saved credential's name.
        name: String,
    },
    /// Delete a saved credential.
    #[command(visible_alias = "rm")]
    Remove {
        /// The saved credential's name.
        name: String,
    },
    /// Rename a saved credential.
    #[command(visible_alias = "mv")]
    Rename {
        /// The current name.
        old: String,
        /// The new name.
        new: String,
    },
    /// Make a saved credential the default.
    Default {
        /// The saved credential's name.
        name: String,
    },
    /// Replace the secret of a saved credential (after regenerating it in SpotDraft).
    Rotate(RotateArgs),
    /// Check that SpotDraft accepts a credential (the named one, else the resolved one).
    Test {
        /// A saved credential's name (default: --profile, the environment, or the default credential).
        name: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// A name for the credential, e.g. `prod`.
    pub name: String,
    /// What the credential is for.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The client id (default: SPOTDRAFT_CLIENT_ID, else a prompt on a terminal).
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Act as this workspace user (user-email header).
    #[arg(long, value_name = "EMAIL")]
    pub user_email: Option<String>,
    /// Check the credential with SpotDraft first; it is not saved if the check fails.
    #[arg(long)]
    pub verify: bool,
    /// Replace a saved credential with the same name.
    #[arg(long)]
    pub force: bool,
    /// Read the client secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
}

#[derive(Args, Debug)]
pub struct RotateArgs {
    /// The saved credential's name.
    pub name: String,
    /// Read the new secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// Check the new secret with SpotDraft first; nothing changes if the check fails.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Args, Debug)]
pub struct ApiArgs {
    /// HTTP method: GET, HEAD, POST, PUT, PATCH or DELETE.
    #[arg(value_parser = parse_method)]
    pub method: Method,
    /// A path on the API host, e.g. /api/v2.1/public/contracts/ (never a full URL).
    pub path: String,
    /// A query parameter, key=value (repeatable).
    #[arg(short = 'q', long = "query", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub query: Vec<(String, String)>,
    /// A JSON request body, or @FILE to read it from a file (@- for standard input).
    #[arg(long, value_name = "BODY|@FILE")]
    pub json: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct PageArgs {
    /// The page to show (from 1).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "all")]
    pub page: Option<u32>,
    /// Items per page (1 to 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: Option<u32>,
    /// Fetch every page.
    #[arg(long)]
    pub all: bool,
}

#[derive(Subcommand, Debug)]
pub enum ContractsCommand {
    /// List contracts.
    #[command(visible_alias = "ls")]
    List {
        #[command(flatten)]
        paging: PageArgs,
        /// Free-text search.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Only contracts in this status (e.g. DRAFT, EXECUTED).
        #[arg(long, value_name = "S")]
        status: Option<String>,
    },
    /// Show a contract's status.
    Status {
        /// The contract id: T-1001, H-1004 or 1001.
        #[arg(value_parser = parse_id)]
        id: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum SimpleListCommand {
    /// List them all.
    #[command(visible_alias = "ls")]
    List,
}

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// List workspace users.
    #[command(visible_alias = "ls")]
    List {
        #[command(flatten)]
        paging: PageArgs,
    },
}

#[derive(Args, Debug)]
pub struct SandboxArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Turn off the 10 requests/second rate limit.
    #[arg(long)]
    pub no_rate_limit: bool,
}

fn parse_region(text: &str) -> Result<Region, String> {
    text.parse::<Region>().map_err(|e| e.message().to_string())
}

fn parse_base_url(text: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(text).map_err(|e| e.message().to_string())
}

fn parse_method(text: &str) -> Result<Method, String> {
    text.parse::<Method>().map_err(|e| e.message().to_string())
}

fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("{text:?} is not KEY=VALUE (for example -q page=2)")),
    }
}

/// A contract id is one path segment: letters, digits, `-` and `_` only.
fn parse_id(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("the id is empty".into());
    }
    if let Some(c) = text.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("{text:?} contains {c:?}; an id has only letters, digits, - and _ (e.g. T-1001)"));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn key_values_and_ids() {
        assert_eq!(parse_key_value("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(parse_key_value("novalue").is_err());
        assert!(parse_key_value("=x").is_err());
        assert!(parse_id("T-1001").is_ok());
        assert!(parse_id("1/../x").is_err());
        assert!(parse_id("").is_err());
    }
}
