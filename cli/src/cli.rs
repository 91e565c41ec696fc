//! The command line grammar (clap derive). No logic here: just what can be typed.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use spotdraft::{BaseUrl, ContractId, FilterOp, Method, RateLimitUrl, Region};

/// Shown at the end of `--help`; kept in step with `exit.rs` and README.md.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  anything else (decode, cancelled)
  2  usage: bad flags, arguments or input (invalid_argument), including a description that is too long and a
     credential name or download file that already exists (without --force)
  3  the credential is malformed or SpotDraft does not accept it (invalid_credential, authentication,
     permission_denied); a webhook signature that does not match
  4  not found on the server (not_found)
  5  the server refused or failed (server, not_enabled, rate_limited, business_rule, conflict, validation, redirect)
  6  network (connection, timeout; also when --timeout runs out)
  7  the credential store cannot be used (store: unreadable, corrupt, or open to other users)
  8  no credential to use: none configured (no --profile, environment credential or default profile), half of
     one in the environment, or no saved credential with the name given

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

    /// Trace requests to stderr (-v: debug, -vv: trace; without it only warnings). RUST_LOG, when set, overrides
    /// this (e.g. RUST_LOG=spotdraft=debug,reqwest=debug). Secrets are never traced.
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Give up on a call after this many seconds in all, retries and waits included (default 120).
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,

    /// Give up connecting to the server after this many seconds (default 10).
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds)]
    pub connect_timeout: Option<Duration>,

    /// Retry a failed call at most N times after the first attempt, when retrying is safe (0: never; default 3).
    #[arg(long, global = true, value_name = "N", value_parser = parse_retries)]
    pub retries: Option<u32>,

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

    /// Share the rate limit with every process using the workspace, through this Redis (redis:// or rediss://;
    /// default: SPOTDRAFT_RATE_LIMIT_URL, else the profile's). With `credentials add`: saved with the credential.
    #[arg(long, global = true, value_name = "URL", value_parser = RateLimitUrlParser)]
    pub rate_limit_url: Option<RateLimitUrl>,

    /// Fail calls when the shared rate limiter cannot be reached, instead of keeping to a per-process limit.
    #[arg(long, global = true)]
    pub rate_limit_strict: bool,
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

    /// Call any API operation by its catalogue name (see `spotdraft ops list`).
    Call(CallArgs),

    /// The catalogue of API operations that `call` accepts.
    #[command(subcommand)]
    Ops(OpsCommand),

    /// Contracts: list, read, create, void, download, comments.
    #[command(subcommand)]
    Contracts(ContractsCommand),

    /// Contract types.
    #[command(subcommand, name = "contract-types")]
    ContractTypes(SimpleListCommand),

    /// Contract templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),

    /// Counterparties (the other parties of contracts).
    #[command(subcommand)]
    Counterparties(CounterpartiesCommand),

    /// Workspace users.
    #[command(subcommand)]
    Users(UsersCommand),

    /// Workspace roles.
    #[command(subcommand)]
    Roles(SimpleListCommand),

    /// Webhook subscriptions, their signing key, and checking a webhook call's signature.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),

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

/// A contract id as the API writes it: `T-1001` (from a template), `H-1004` (uploaded) or `1001`.
const CONTRACT_ID_HELP: &str = "The contract id: T-1001, H-1004 or 1001.";

#[derive(Subcommand, Debug)]
pub enum ContractsCommand {
    /// List contracts (one page, or every page with --all).
    #[command(visible_alias = "ls")]
    List {
        #[command(flatten)]
        paging: PageArgs,
        /// Free-text search.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Only contracts in this status, e.g. DRAFT or EXECUTED (repeat for any of several).
        #[arg(long, value_name = "S")]
        status: Vec<String>,
        /// A list filter, FIELD=VALUE or FIELD[$op]=VALUE with op eq, ne, in, gt, gte, lt or lte
        /// (e.g. --filter 'contract_type_id[$in]=100,101'). Repeatable.
        #[arg(long, value_name = "FIELD[$op]=VALUE", value_parser = parse_filter)]
        filter: Vec<FilterArg>,
    },
    /// Show one contract.
    Get {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
    },
    /// Show a contract's status.
    Status {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
    },
    /// Create a contract from a template and print it.
    ///
    /// Creation is never retried: if the connection breaks after the request was sent, the contract may or may not
    /// exist. To make creating safe to repeat, pass --external-id with your own record id, and before creating again
    /// check `spotdraft contracts by-external-id ID`.
    Create(CreateArgs),
    /// Void a contract (with a note shown in SpotDraft).
    Void {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
        /// Why it is voided (required).
        #[arg(long, value_name = "TEXT")]
        note: String,
    },
    /// Download the contract's PDF to a file (default: ./ID.pdf).
    ///
    /// The file appears only when the download is complete; an existing file is replaced only with --force.
    Download {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
        /// Where to save the file (default: ID.pdf in the current directory).
        #[arg(short = 'o', long = "output-file", value_name = "PATH")]
        output_file: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print a temporary signed download URL for the contract's file.
    ///
    /// The URL is a bearer link: anyone who has it can download the contract until it expires. Do not paste it
    /// into tickets, chats or logs.
    Link {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
        /// The file format.
        #[arg(long, value_enum, default_value_t = LinkFormat::Pdf, ignore_case = true)]
        format: LinkFormat,
    },
    /// Show a contract's key pointers (its metadata fields and values).
    #[command(name = "key-pointers")]
    KeyPointers {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
    },
    /// List the comments on a contract.
    Comments {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
        #[command(flatten)]
        paging: PageArgs,
    },
    /// Add a comment to a contract.
    Comment {
        #[arg(value_parser = parse_contract_id, help = CONTRACT_ID_HELP)]
        id: ContractId,
        /// The comment text.
        text: String,
    },
    /// List the contracts linked to a record id of another system (the --external-id of `contracts create`).
    #[command(name = "by-external-id")]
    ByExternalId {
        /// The other system's record id.
        external_id: String,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LinkFormat {
    #[value(name = "PDF")]
    Pdf,
    #[value(name = "DOCX")]
    Docx,
}

impl LinkFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkFormat::Pdf => "PDF",
            LinkFormat::Docx => "DOCX",
        }
    }
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// The template to create the contract from (see `spotdraft templates list`).
    #[arg(long, value_name = "ID")]
    pub template: u64,
    /// A template field value, NAME=VALUE (sent as a string; use --data for numbers, lists or objects). Repeatable;
    /// overrides the same field in --data.
    #[arg(long = "field", value_name = "NAME=VALUE", value_parser = parse_key_value)]
    pub fields: Vec<(String, String)>,
    /// Template field values as a JSON object, or @FILE to read it from a file (@- for standard input).
    #[arg(long, value_name = "JSON|@FILE")]
    pub data: Option<String>,
    /// The counterparty details as a JSON object, or @FILE.
    #[arg(long, value_name = "JSON|@FILE")]
    pub counterparty_json: Option<String>,
    /// Your own id for this contract (saved as its external metadata id); find it again with
    /// `spotdraft contracts by-external-id ID` before retrying a create.
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum SimpleListCommand {
    /// List them all.
    #[command(visible_alias = "ls")]
    List,
}

#[derive(Subcommand, Debug)]
pub enum TemplatesCommand {
    /// List the workspace's templates.
    #[command(visible_alias = "ls")]
    List,
    /// Show a template and its field metadata.
    Show {
        /// The template id.
        id: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum CounterpartiesCommand {
    /// List counterparties.
    #[command(visible_alias = "ls")]
    List {
        #[command(flatten)]
        paging: PageArgs,
        /// Only counterparties whose custom field NAME has this VALUE. Repeatable.
        #[arg(long, value_name = "NAME=VALUE", value_parser = parse_key_value)]
        custom: Vec<(String, String)>,
    },
    /// Show one counterparty with its contacts.
    Show {
        /// The counterparty id.
        id: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// List workspace users.
    #[command(visible_alias = "ls")]
    List {
        #[command(flatten)]
        paging: PageArgs,
        /// Only the user with this email.
        #[arg(long, value_name = "EMAIL")]
        email: Option<String>,
        /// Only users whose full name starts with this (case-insensitive).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum WebhooksCommand {
    /// Subscribe an HTTPS URL to contract activities.
    Create(WebhookCreateArgs),
    /// Delete a webhook subscription.
    #[command(visible_alias = "rm")]
    Delete {
        /// The webhook id.
        id: u64,
    },
    /// The workspace's webhook signing key. It is a secret: printed only with --reveal.
    #[command(name = "hmac-key")]
    HmacKey {
        /// Print the key itself to standard output.
        #[arg(long)]
        reveal: bool,
    },
    /// Check that a webhook call's signature matches its raw body (exit 0: valid, 3: not valid).
    ///
    /// The key comes from SPOTDRAFT_WEBHOOK_HMAC_KEY (the hmac_key of `webhooks hmac-key --reveal`, or with --legacy
    /// the older callback secret), or from the first line of standard input with --key-stdin; never from arguments.
    /// No credential or network is needed.
    Verify(WebhookVerifyArgs),
}

#[derive(Args, Debug)]
pub struct WebhookCreateArgs {
    /// A title for the subscription.
    #[arg(long, value_name = "T")]
    pub title: String,
    /// The https:// URL SpotDraft calls.
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// An activity to be called for, e.g. CONTRACT_CREATED (repeatable; at least one).
    #[arg(long = "activity", value_name = "ACTIVITY", required = true)]
    pub activities: Vec<String>,
    /// What the subscription is for.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// A header SpotDraft sends with each call, NAME=VALUE (repeatable). Values are not printed back.
    #[arg(long = "header", value_name = "NAME=VALUE", value_parser = parse_key_value)]
    pub headers: Vec<(String, String)>,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("signature_source").required(true).args(["signature", "header"])))]
pub struct WebhookVerifyArgs {
    /// The exact raw body received (- for standard input).
    #[arg(long, value_name = "FILE")]
    pub body_file: PathBuf,
    /// The signature: the hex value of the X-SD-WEBHOOK-CONTENT-HASH header (X-SD-CONTENT-HASH with --legacy).
    #[arg(long, value_name = "HEX")]
    pub signature: Option<String>,
    /// The signature header as received, 'NAME: HEX' (e.g. 'X-SD-WEBHOOK-CONTENT-HASH: 3f2a...').
    #[arg(long, value_name = "'NAME: HEX'")]
    pub header: Option<String>,
    /// The older scheme: X-SD-CONTENT-HASH keyed with the callback secret.
    #[arg(long)]
    pub legacy: bool,
    /// Read the key from the first line of standard input instead of SPOTDRAFT_WEBHOOK_HMAC_KEY.
    #[arg(long)]
    pub key_stdin: bool,
}

#[derive(Subcommand, Debug)]
pub enum OpsCommand {
    /// List the operations: NAME, METHOD, PATH, PAGED.
    #[command(visible_alias = "ls")]
    List {
        /// Only operations whose name, path or summary contains this text (case-insensitive).
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
    },
    /// Show one operation with its path and query parameters.
    Show {
        /// The operation name, e.g. contracts.status.
        name: String,
    },
}

#[derive(Args, Debug)]
pub struct CallArgs {
    /// The operation name, e.g. contracts.status (see `spotdraft ops list`).
    pub name: String,
    /// A parameter, KEY=VALUE: a path parameter when the operation's path has {KEY}, else a query parameter.
    /// Numbers and true/false are sent as such; a repeated key becomes a list. Repeatable.
    #[arg(short = 'p', long = "param", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub params: Vec<(String, String)>,
    /// A JSON request body, or @FILE to read it from a file (@- for standard input).
    #[arg(long, value_name = "BODY|@FILE")]
    pub json: Option<String>,
}

/// `--filter FIELD[$op]=VALUE`, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterArg {
    pub field: String,
    pub op: FilterOp,
    pub value: String,
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

/// Core accepts at most 20 attempts in all.
pub const MAX_RETRIES: u32 = 19;

/// Seconds, whole or decimal: more than 0 and at most core's longest timeout (24 hours).
fn parse_seconds(text: &str) -> Result<Duration, String> {
    let max = spotdraft::MAX_DURATION.as_secs();
    let usage = |why: &str| format!("{why}; give a number of seconds from 0.001 to {max} (e.g. 30 or 2.5)");
    let seconds: f64 = text.trim().parse().map_err(|_| usage("not a number"))?;
    if !seconds.is_finite() {
        return Err(usage("not a finite number"));
    }
    if seconds <= 0.0 {
        return Err(usage("must be more than 0"));
    }
    if seconds > max as f64 {
        return Err(usage("too long"));
    }
    // Below a millisecond rounds towards zero, which core refuses; say so here instead.
    if seconds < 0.001 {
        return Err(usage("too short"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Retries after the first attempt: 0 to [`MAX_RETRIES`].
fn parse_retries(text: &str) -> Result<u32, String> {
    let usage = |why: &str| format!("{why}; give a whole number of retries from 0 (never retry) to {MAX_RETRIES}");
    let retries: u32 = text.trim().parse().map_err(|_| usage("not a whole number of 0 or more"))?;
    if retries > MAX_RETRIES {
        return Err(usage("too many"));
    }
    Ok(retries)
}

fn parse_region(text: &str) -> Result<Region, String> {
    text.parse::<Region>().map_err(|e| e.message().to_string())
}

/// Parses `--rate-limit-url` without clap's usual "invalid value '...'": the value may hold a Redis password.
#[derive(Clone)]
struct RateLimitUrlParser;

impl clap::builder::TypedValueParser for RateLimitUrlParser {
    type Value = RateLimitUrl;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<RateLimitUrl, clap::Error> {
        let invalid = |why: &str| {
            clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("invalid --rate-limit-url: {why}\n"))
        };
        let text = value.to_str().ok_or_else(|| invalid("it is not valid UTF-8"))?;
        RateLimitUrl::parse(text).map_err(|e| invalid(e.message()))
    }
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

/// A contract id, checked by core: `T-123`, `H-123` or a number.
fn parse_contract_id(text: &str) -> Result<ContractId, String> {
    text.parse::<ContractId>().map_err(|e| e.message().to_string())
}

/// `FIELD=VALUE` (operator eq) or `FIELD[$op]=VALUE`; the operator is checked by core.
fn parse_filter(text: &str) -> Result<FilterArg, String> {
    let usage = || {
        format!("{text:?} is not FIELD=VALUE or FIELD[$op]=VALUE (for example --filter 'created_at[$gte]=2024-01-01')")
    };
    let (left, value) = text.split_once('=').ok_or_else(usage)?;
    let (field, op) = match left.split_once('[') {
        Some((field, rest)) => {
            let op = rest.strip_suffix(']').ok_or_else(usage)?;
            (field, FilterOp::parse(op).map_err(|e| e.message().to_string())?)
        }
        None => (left, FilterOp::Eq),
    };
    if field.is_empty() {
        return Err(usage());
    }
    Ok(FilterArg { field: field.to_string(), op, value: value.to_string() })
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
        assert_eq!(parse_contract_id("T-1001").unwrap(), ContractId::Template(1001));
        assert!(parse_contract_id("1/../x").is_err());
        assert!(parse_contract_id("").is_err());
    }

    #[test]
    fn seconds_and_retries() {
        assert_eq!(parse_seconds("1").unwrap(), Duration::from_secs(1));
        assert_eq!(parse_seconds(" 2.5 ").unwrap(), Duration::from_millis(2500));
        assert_eq!(parse_seconds("86400").unwrap(), Duration::from_secs(86400));
        for bad in ["0", "0.0", "-1", "abc", "", "1s", "inf", "NaN", "86401", "1e30", "0.0000001"] {
            let error = parse_seconds(bad).unwrap_err();
            assert!(error.contains("seconds from 0.001 to 86400"), "{bad}: {error}");
        }
        assert_eq!(parse_retries("0").unwrap(), 0);
        assert_eq!(parse_retries("19").unwrap(), 19);
        for bad in ["20", "-1", "1.5", "x", "99999999999999999999"] {
            let error = parse_retries(bad).unwrap_err();
            assert!(error.contains("from 0 (never retry) to 19"), "{bad}: {error}");
        }
    }

    #[test]
    fn filters() {
        let f = parse_filter("created_at[$gte]=2024-01-01").unwrap();
        assert_eq!((f.field.as_str(), f.op, f.value.as_str()), ("created_at", FilterOp::Gte, "2024-01-01"));
        let f = parse_filter("contract_type_id[in]=100,101").unwrap();
        assert_eq!((f.op, f.value.as_str()), (FilterOp::In, "100,101"));
        let f = parse_filter("client_name=a=b").unwrap();
        assert_eq!((f.field.as_str(), f.op, f.value.as_str()), ("client_name", FilterOp::Eq, "a=b"));
        assert!(parse_filter("x[$like]=1").is_err());
        assert!(parse_filter("x[$eq=1").is_err());
        assert!(parse_filter("novalue").is_err());
        assert!(parse_filter("=1").is_err());
    }
}
