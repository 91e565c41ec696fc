//! `spotdraft credentials ...`: the saved credentials. The store, validation and resolution are core's.

use serde_json::{json, Value};
use spotdraft::store::{self, Profile};
use spotdraft::{Credential, Endpoint, Verification};

use crate::cli::{AddArgs, CredentialsCommand, GlobalArgs, OutputFormat, RotateArgs};
use crate::context::{build_client, env, Context};
use crate::exit::{from_store, Failure, Result};
use crate::output;
use crate::secret_input::{read_client_id, read_secret};

pub fn run(ctx: &mut Context, command: CredentialsCommand) -> Result<()> {
    match command {
        CredentialsCommand::Add(args) => add(ctx, args),
        CredentialsCommand::List { json } => list(ctx, json),
        CredentialsCommand::Show { name } => show(ctx, &name),
        CredentialsCommand::Remove { name } => remove(ctx, &name),
        CredentialsCommand::Rename { old, new } => {
            ctx.store()?.rename(&old, &new).map_err(from_store)?;
            output::line(&format!("renamed credential {old} to {new}"));
            Ok(())
        }
        CredentialsCommand::Default { name } => {
            ctx.store()?.set_default(&name).map_err(from_store)?;
            output::line(&format!("default credential is now {name}"));
            Ok(())
        }
        CredentialsCommand::Rotate(args) => rotate(ctx, args),
        CredentialsCommand::Test { name } => test(ctx, name.as_deref()),
    }
}

/// Removes a credential. Core clears the default when it is the one removed, which would leave the next command
/// with no credential: the sole survivor becomes the default, and with several left the user is told how to pick.
fn remove(ctx: &mut Context, name: &str) -> Result<()> {
    let store = ctx.store()?;
    let was_default = store.default_name().map_err(from_store)?.as_deref() == Some(name);
    store.remove(name).map_err(from_store)?;
    output::line(&format!("removed credential {name}"));
    if !was_default {
        return Ok(());
    }
    // Read again rather than trusting the list from before: another process may have changed the store.
    let remaining = store.list().map_err(from_store)?;
    if remaining.iter().any(|p| p.is_default) {
        return Ok(());
    }
    match remaining.as_slice() {
        [] => output::note(&format!("{name} was the default credential; no saved credentials are left")),
        [only] => {
            store.set_default(&only.name).map_err(from_store)?;
            output::line(&format!(
                "{name} was the default credential; the default is now {}, the only one left",
                only.name
            ));
        }
        several => {
            let names: Vec<&str> = several.iter().map(|p| p.name.as_str()).collect();
            output::note(&format!(
                "{name} was the default credential, so there is no default now; commands without --profile need \
                 one: choose it with `spotdraft credentials default NAME` (saved: {})",
                names.join(", ")
            ));
        }
    }
    Ok(())
}

fn add(ctx: &mut Context, args: AddArgs) -> Result<()> {
    let store = ctx.store()?;
    // A bad name is reported before anything is asked for. (Core has no public name check of its own; a
    // throwaway profile runs it.)
    Profile::new(&args.name, Credential::new("name-check", "name-check")?, Endpoint::default())?;
    let client_id = read_client_id(args.client_id.as_deref(), &env)?;
    let secret = read_secret(args.secret_stdin, &env, "client secret (input hidden): ")?;
    let user_email = args.user_email.or_else(|| env(spotdraft::store::USER_EMAIL_ENV).filter(|s| !s.is_empty()));
    let credential = Credential::builder(client_id, secret.as_str()).maybe_user_email(user_email).build()?;
    // --base-url / --region, else SPOTDRAFT_BASE_URL / SPOTDRAFT_REGION, else the US region.
    let endpoint = match ctx.endpoint_override() {
        Some(endpoint) => endpoint,
        None => store::endpoint_from_env(&env)?.unwrap_or_default(),
    };
    // Validate the name and description before any network call. A description core refuses (too long, control
    // characters) is bad input, not a credential problem.
    let profile = Profile::new(&args.name, credential.clone(), endpoint.clone())?
        .description(args.description)
        .map_err(|e| Failure::usage(e.message()))?
        .rate_limit_url(ctx.global.rate_limit_url.clone());
    let verified = if args.verify {
        let verification = verify(&ctx.global, credential, endpoint.clone())
            .map_err(|f| f.context(&format!("credential {} was not saved", args.name)))?;
        Some(verification)
    } else {
        None
    };
    store.save(profile, args.force).map_err(from_store)?;
    match verified {
        Some(v) => output::line(&format!("saved credential {}: {}", args.name, check_passed(&v, &endpoint))),
        None => output::line(&format!(
            "saved credential {} (not checked; `spotdraft credentials test {}` checks it)",
            args.name, args.name
        )),
    }
    Ok(())
}

fn verify(global: &GlobalArgs, credential: Credential, endpoint: Endpoint) -> Result<Verification> {
    Ok(build_client(global, credential, endpoint, None)?.verify()?)
}

/// Who SpotDraft accepted the credential as.
fn acting_as(v: &Verification) -> String {
    match &v.acting_as {
        Some(email) => email.clone(),
        None => "the credential's own user".to_string(),
    }
}

/// `the check passed: SpotDraft region eu (https://...) accepted it, acting as ...`, for `add` and `rotate`.
fn check_passed(v: &Verification, endpoint: &Endpoint) -> String {
    let place = match endpoint {
        Endpoint::Region(_) => format!("SpotDraft {endpoint}"),
        Endpoint::Custom(_) => format!("SpotDraft at {}", v.base_url),
    };
    format!("the check passed: {place} accepted it, acting as {}", acting_as(v))
}

fn accepted_line(v: &Verification) -> String {
    format!("ok: accepted by {} (acting as {})", v.base_url, acting_as(v))
}

const LIST_COLUMNS: [(&str, &str); 5] = [
    ("NAME", "name"),
    ("ENDPOINT", "endpoint"),
    ("CLIENT ID", "client_id"),
    ("USER EMAIL", "user_email"),
    ("DESCRIPTION", "description"),
];

fn list(ctx: &mut Context, json_flag: bool) -> Result<()> {
    let summaries = ctx.store()?.list().map_err(from_store)?;
    let value = serde_json::to_value(&summaries)
        .map_err(|e| Failure::new(spotdraft::ErrorKind::Decode, format!("could not show the credentials: {e}")))?;
    let items = value.as_array().cloned().unwrap_or_default();
    if json_flag || ctx.output() == OutputFormat::Json {
        output::json(&Value::Array(items));
        return Ok(());
    }
    if items.is_empty() {
        output::note("no saved credentials; add one with `spotdraft credentials add NAME`");
        return Ok(());
    }
    let mut headers = vec!["NAME", "DEFAULT"];
    headers.extend(LIST_COLUMNS[1..].iter().map(|(h, _)| *h));
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let mut row = vec![output::cell(item.get("name"))];
            row.push(if item.get("is_default") == Some(&Value::Bool(true)) { "*" } else { "" }.to_string());
            row.extend(LIST_COLUMNS[1..].iter().map(|(_, key)| output::cell(item.get(*key))));
            row
        })
        .collect();
    output::out(&output::table(&headers, &rows));
    Ok(())
}

fn show(ctx: &mut Context, name: &str) -> Result<()> {
    let store = ctx.store()?;
    let profile = store.get(name).map_err(from_store)?;
    let is_default = store.default_name().map_err(from_store)?.as_deref() == Some(profile.name.as_str());
    let masked = profile.credential.client_secret().masked();
    let mut summary = serde_json::to_value(profile.summary(is_default))
        .map_err(|e| Failure::new(spotdraft::ErrorKind::Decode, format!("could not show the credential: {e}")))?;
    if let Value::Object(map) = &mut summary {
        map.insert("client_secret".into(), json!(masked));
        map.insert("store_file".into(), json!(store.file_path().display().to_string()));
        map.insert("rate_limit_url".into(), json!(profile.masked_rate_limit_url()));
    }
    if ctx.output() == OutputFormat::Json {
        output::json(&summary);
        return Ok(());
    }
    let get = |key: &str| output::cell(summary.get(key));
    output::out(&output::fields(&[
        ("name", get("name")),
        ("default", if is_default { "yes" } else { "no" }.to_string()),
        ("description", get("description")),
        ("endpoint", profile.endpoint.to_string()),
        ("client id", get("client_id")),
        ("client secret", masked.clone()),
        ("user email", get("user_email")),
        ("rate limit url", get("rate_limit_url")),
        ("created", get("created_at")),
        ("updated", get("updated_at")),
        ("store file", get("store_file")),
    ]));
    Ok(())
}

fn rotate(ctx: &mut Context, args: RotateArgs) -> Result<()> {
    let store = ctx.store()?;
    let profile = store.get(&args.name).map_err(from_store)?; // a clear error before asking for a secret
    let secret = read_secret(args.secret_stdin, &env, "new client secret (input hidden): ")?;
    let verified = if args.verify {
        let credential = profile.credential.with_client_secret(secret.as_str())?;
        let verification = verify(&ctx.global, credential, profile.endpoint.clone())
            .map_err(|f| f.context(&format!("the secret of credential {} was not changed", args.name)))?;
        Some(verification)
    } else {
        None
    };
    store.rotate_secret(&args.name, &secret).map_err(from_store)?;
    match verified {
        Some(v) => output::line(&format!(
            "rotated the secret of credential {}: {}",
            args.name,
            check_passed(&v, &profile.endpoint)
        )),
        None => output::line(&format!("rotated the secret of credential {}", args.name)),
    }
    Ok(())
}

fn test(ctx: &mut Context, name: Option<&str>) -> Result<()> {
    if ctx.global.sandbox && name.is_some() {
        return Err(Failure::usage("`credentials test NAME` checks a saved credential, which --sandbox does not use")
            .hint("drop NAME to check the sandbox's demo credential, or drop --sandbox"));
    }
    let client = ctx.client(name)?;
    let verification = client.verify()?;
    if ctx.output() == OutputFormat::Json {
        output::json(&json!({
            "ok": true,
            "base_url": verification.base_url,
            "acting_as": verification.acting_as,
            "contract_types": verification.contract_types,
        }));
    } else {
        output::line(&accepted_line(&verification));
    }
    Ok(())
}
