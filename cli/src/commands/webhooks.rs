//! `spotdraft webhooks ...`: subscriptions, the signing key (a secret), and checking a call's signature. The
//! signature check itself is core's (`spotdraft::webhook`), in constant time.

use std::io::{BufRead, IsTerminal, Read};

use serde_json::{json, Map, Value};
use spotdraft::webhook::{self, WebhookKey};
use spotdraft::NewWebhook;
use zeroize::Zeroizing;

use crate::cli::{OutputFormat, WebhookCreateArgs, WebhookVerifyArgs, WebhooksCommand};
use crate::commands::listings::wait;
use crate::context::{env, Context};
use crate::exit::{Failure, Result};
use crate::output;

/// Where `webhooks verify` takes the key from (never from arguments).
pub const WEBHOOK_KEY_ENV: &str = "SPOTDRAFT_WEBHOOK_HMAC_KEY";

pub fn run(ctx: &mut Context, command: WebhooksCommand) -> Result<()> {
    match command {
        WebhooksCommand::Create(args) => create(ctx, args),
        WebhooksCommand::Delete { id } => {
            let client = ctx.client(None)?;
            wait(&client, client.async_client().webhooks().delete(id))?;
            match ctx.output() {
                OutputFormat::Json => output::json(&json!({ "id": id, "deleted": true })),
                OutputFormat::Table => output::line(&format!("deleted webhook {id}")),
            }
            Ok(())
        }
        WebhooksCommand::HmacKey { reveal } => {
            let client = ctx.client(None)?;
            let key = wait(&client, client.async_client().webhooks().hmac_key())?;
            match (ctx.output(), reveal) {
                (OutputFormat::Json, true) => output::json(&json!({ "hmac_key": key.expose_secret() })),
                // A real key is base64; sanitising only matters for a hostile server's.
                (OutputFormat::Table, true) => output::line(&output::sanitize(key.expose_secret())),
                (OutputFormat::Json, false) => output::json(&json!({ "exists": true })),
                (OutputFormat::Table, false) => output::line(&format!(
                    "the workspace has a webhook signing key; it is a secret, so it is not shown. Print it with \
                     `spotdraft webhooks hmac-key --reveal` (for example into {WEBHOOK_KEY_ENV} for `webhooks verify`)"
                )),
            }
            Ok(())
        }
        WebhooksCommand::Verify(args) => verify(ctx, args),
    }
}

fn create(ctx: &mut Context, args: WebhookCreateArgs) -> Result<()> {
    let mut custom_headers = Map::new();
    for (name, value) in args.headers {
        custom_headers.insert(name, Value::String(value));
    }
    let new = NewWebhook {
        title: args.title,
        url: args.url,
        only_for_activities: args.activities,
        description: args.description,
        custom_headers,
    };
    let client = ctx.client(None)?;
    let hook = wait(&client, client.async_client().webhooks().create(&new))?;
    let mut shown = output::to_value(&hook);
    // Custom headers often carry access keys: their names are shown, never their values.
    if let Some(Value::Object(headers)) = shown.get_mut("custom_headers") {
        for value in headers.values_mut() {
            *value = Value::String("****".into());
        }
    }
    match ctx.output() {
        OutputFormat::Json => output::json(&shown),
        OutputFormat::Table => {
            if let Some(Value::Array(activities)) = shown.get("only_for_activities") {
                let joined = activities.iter().map(|a| output::cell(Some(a))).collect::<Vec<_>>().join(", ");
                shown["only_for_activities"] = Value::String(joined);
            }
            if let Some(Value::Object(headers)) = shown.get("custom_headers") {
                let names = headers.keys().cloned().collect::<Vec<_>>().join(", ");
                shown["custom_headers"] = Value::String(names);
            }
            output::out(&output::object_fields(&shown, &["id", "title", "url", "only_for_activities", "status"]));
        }
    }
    Ok(())
}

fn verify(ctx: &mut Context, args: WebhookVerifyArgs) -> Result<()> {
    let reading_body_from_stdin = args.body_file.as_os_str() == "-";
    if reading_body_from_stdin && args.key_stdin {
        return Err(Failure::usage("--body-file - and --key-stdin cannot both read standard input")
            .hint(format!("put the body in a file, or the key in {WEBHOOK_KEY_ENV}")));
    }
    let text = read_key(args.key_stdin)?;
    let key = if args.legacy { WebhookKey::from_callback_secret(&text)? } else { WebhookKey::from_hmac_key(&text)? };
    drop(text);
    let body = if reading_body_from_stdin {
        let mut body = Vec::new();
        std::io::stdin()
            .read_to_end(&mut body)
            .map_err(|e| Failure::usage(format!("could not read the body from standard input: {e}")))?;
        body
    } else {
        std::fs::read(&args.body_file)
            .map_err(|e| Failure::usage(format!("could not read the body from {}: {e}", args.body_file.display())))?
    };
    match (&args.signature, &args.header) {
        (Some(signature), _) => webhook::verify(&body, signature, &key)?,
        (None, Some(header)) => {
            let (name, value) = header.split_once(':').ok_or_else(|| {
                Failure::usage(format!("--header {header:?} is not 'NAME: VALUE'"))
                    .hint("for example --header 'X-SD-WEBHOOK-CONTENT-HASH: 3f2a...'")
            })?;
            webhook::verify_headers(&body, [(name.trim(), value.trim())], &key)?
        }
        (None, None) => return Err(Failure::usage("give --signature HEX or --header 'NAME: HEX'")),
    }
    match ctx.output() {
        OutputFormat::Json => output::json(&json!({ "valid": true, "header": key.header_name() })),
        OutputFormat::Table => output::line(&format!("valid: the {} signature matches the body", key.header_name())),
    }
    Ok(())
}

/// The key from the first line of stdin (`--key-stdin`), else from the environment.
fn read_key(from_stdin: bool) -> Result<Zeroizing<String>> {
    if from_stdin {
        if std::io::stdin().is_terminal() {
            return Err(Failure::usage("--key-stdin reads the key from a pipe, not a terminal")
                .hint(format!("pipe it in, or set {WEBHOOK_KEY_ENV}")));
        }
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::usage(format!("could not read the key from standard input: {e}")))?;
        let key = Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_string());
        if key.is_empty() {
            return Err(Failure::usage("--key-stdin was given but the first line of standard input is empty"));
        }
        return Ok(key);
    }
    match env(WEBHOOK_KEY_ENV).filter(|k| !k.is_empty()) {
        Some(key) => Ok(Zeroizing::new(key)),
        None => Err(Failure::usage(format!("no webhook key: set {WEBHOOK_KEY_ENV}, or pipe it in with --key-stdin"))
            .hint(
                "the key is the hmac_key of `spotdraft webhooks hmac-key --reveal` (with --legacy: the callback \
                   secret); it is never taken from arguments",
            )),
    }
}
