//! `spotdraft contracts ...` over core's typed contracts API.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use spotdraft::{BlockingClient, ContractId, ContractQuery, DownloadProgress, ErrorKind, Filters, NewContract};

use crate::cli::{ContractsCommand, CreateArgs, FilterArg, OutputFormat};
use crate::commands::api::read_json_arg;
use crate::commands::listings::{self, paged, values, wait, ListSpec};
use crate::context::Context;
use crate::exit::{Failure, Result};
use crate::output::{self, col};

pub const CONTRACTS: ListSpec = ListSpec {
    noun: "contracts",
    columns: &[
        col("ID", "id"),
        col("NAME", "contract_name"),
        col("STATUS", "contract_status"),
        col("TYPE", "contract_type_name"),
        col("COUNTERPARTY", "counter_party_name"),
        col("CREATED", "created"),
    ],
    derive: |_| {},
};

const KEY_POINTERS: ListSpec = ListSpec {
    noun: "key pointers",
    columns: &[
        col("ID", "id"),
        col("FIELD", "field_name"),
        col("LABEL", "label"),
        col("TYPE", "data_type"),
        col("VALUE", "value"),
    ],
    derive: |_| {},
};

const COMMENTS: ListSpec = ListSpec {
    noun: "comments",
    columns: &[col("ID", "id"), col("COMMENT", "comment"), col("REPLIES", "_replies"), col("CREATED", "created")],
    derive: |item| {
        let replies = item.get("replies").and_then(Value::as_array).map_or(0, Vec::len);
        item["_replies"] = json!(replies);
    },
};

/// The fields a single contract shows first.
const CONTRACT_FIELDS: &[&str] = &[
    "id",
    "contract_name",
    "contract_status",
    "contract_type_name",
    "contract_type_id",
    "counter_party_name",
    "created",
    "created_by_user_name",
    "created_by_user_email",
    "reference_id",
    "contract_link",
];

pub fn run(ctx: &mut Context, command: ContractsCommand) -> Result<()> {
    let client = ctx.client(None)?;
    let contracts = client.async_client().contracts();
    match command {
        ContractsCommand::List { paging, query, status, filter } => {
            let mut contract_query = ContractQuery::new().filters(filters(&status, &filter));
            if let Some(text) = query {
                contract_query = contract_query.text(text);
            }
            paged(
                ctx,
                &client,
                &CONTRACTS,
                &paging,
                || contracts.list_all(&contract_query),
                |page, limit| wait(&client, contracts.list(&contract_query, page, limit)),
            )
        }
        ContractsCommand::Get { id } => {
            let contract = wait(&client, contracts.get(id))?;
            print_contract(ctx.output(), &output::to_value(&contract));
            Ok(())
        }
        ContractsCommand::Status { id } => {
            let status = output::to_value(&wait(&client, contracts.status(id))?);
            match ctx.output() {
                OutputFormat::Json => output::json(&status),
                OutputFormat::Table => {
                    let mut shown = json!({ "id": id.to_string() });
                    if let (Value::Object(shown), Value::Object(status)) = (&mut shown, status) {
                        shown.extend(status);
                    }
                    output::out(&output::object_fields(&shown, &["id", "contract_status", "contract_name"]));
                }
            }
            Ok(())
        }
        ContractsCommand::Create(args) => create(ctx, &client, args),
        ContractsCommand::Void { id, note } => {
            wait(&client, contracts.void(id, &note))?;
            match ctx.output() {
                OutputFormat::Json => output::json(&json!({ "id": id.to_string(), "voided": true })),
                OutputFormat::Table => output::line(&format!("voided {id}")),
            }
            Ok(())
        }
        ContractsCommand::Download { id, output_file, force } => download(ctx, &client, id, output_file, force),
        ContractsCommand::Link { id, format } => {
            let link = wait(&client, contracts.download_link(id, Some(format.as_str())))?;
            match ctx.output() {
                OutputFormat::Json => output::json(&output::to_value(&link)),
                OutputFormat::Table => {
                    output::line(&output::sanitize(&link.url));
                    if std::io::stdout().is_terminal() {
                        output::note(
                            "this link is a bearer link: anyone who has it can download the file until it expires",
                        );
                    }
                }
            }
            Ok(())
        }
        ContractsCommand::KeyPointers { id } => {
            let pointers = wait(&client, contracts.key_pointers(id))?;
            listings::print_items(ctx.output(), &KEY_POINTERS, values(&pointers));
            Ok(())
        }
        ContractsCommand::Comments { id, paging } => paged(
            ctx,
            &client,
            &COMMENTS,
            &paging,
            || contracts.all_comments(id),
            |page, limit| wait(&client, contracts.comments(id, page, limit)),
        ),
        ContractsCommand::Comment { id, text } => {
            let comment = output::to_value(&wait(&client, contracts.add_comment(id, &text))?);
            match ctx.output() {
                OutputFormat::Json => output::json(&comment),
                OutputFormat::Table => {
                    let mut shown = comment;
                    if let Value::Object(map) = &mut shown {
                        map.remove("replies");
                    }
                    output::out(&output::object_fields(&shown, &["id", "contract_id", "comment"]));
                }
            }
            Ok(())
        }
        ContractsCommand::ByExternalId { external_id } => {
            let found = wait(&client, contracts.by_external_metadata(&external_id))?;
            if found.is_empty() && ctx.output() == OutputFormat::Table {
                output::note(&format!("no contract is linked to external id {external_id:?}"));
                return Ok(());
            }
            listings::print_items(ctx.output(), &CONTRACTS, values(&found));
            Ok(())
        }
    }
}

/// The list filter on a contract's status, as the API schema names it.
const STATUS_FILTER: &str = "display_status";

/// `--status` (one: `$eq`, several: `$in`) and `--filter` as core filters; core checks the field names.
fn filters(status: &[String], filter: &[FilterArg]) -> Filters {
    let mut filters = match status {
        [] => Filters::new(),
        [one] => Filters::new().eq(STATUS_FILTER, one),
        several => Filters::new().is_in(STATUS_FILTER, several),
    };
    for f in filter {
        filters = filters.op(&f.field, f.op, &f.value);
    }
    filters
}

fn print_contract(format: OutputFormat, contract: &Value) {
    match format {
        OutputFormat::Json => output::json(contract),
        OutputFormat::Table => output::out(&output::object_fields(contract, CONTRACT_FIELDS)),
    }
}

fn create(ctx: &Context, client: &BlockingClient, args: CreateArgs) -> Result<()> {
    let mut contract = NewContract::from_template(args.template);
    if let Some(data) = &args.data {
        contract.contract_data = json_object(read_json_arg(data, "--data")?, "--data")?;
    }
    for (name, value) in args.fields {
        contract.contract_data.insert(name, Value::String(value));
    }
    if let Some(counterparty) = &args.counterparty_json {
        // One counterparty object, or the schema's list of them.
        contract.counter_party_details = match read_json_arg(counterparty, "--counterparty-json")? {
            Value::Array(items) => {
                for item in &items {
                    json_object(item.clone(), "--counterparty-json")?;
                }
                items
            }
            single => vec![Value::Object(json_object(single, "--counterparty-json")?)],
        };
    }
    if let Some(external_id) = &args.external_id {
        if external_id.trim().is_empty() {
            return Err(Failure::usage("--external-id is empty"));
        }
        contract.external_metadata = Some(json!({ "id": external_id }));
    }
    let created = wait(client, client.async_client().contracts().create(&contract))?;
    let value = output::to_value(&created);
    print_contract(ctx.output(), &value);
    if let Some(id) = created.id {
        output::note(&format!("created {id}"));
    }
    Ok(())
}

fn json_object(value: Value, flag: &str) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(Failure::usage(format!("{flag} must be a JSON object, e.g. {flag} '{{\"name\": \"value\"}}'"))),
    }
}

fn download(
    ctx: &Context,
    client: &BlockingClient,
    id: ContractId,
    output_file: Option<PathBuf>,
    force: bool,
) -> Result<()> {
    let path = output_file.unwrap_or_else(|| PathBuf::from(format!("{id}.pdf")));
    // Drawn on stderr, and only on a terminal; created with the first chunk (which tells the total, if known).
    let mut progress: Option<indicatif::ProgressBar> = None;
    let show_progress = std::io::stderr().is_terminal();
    let on_chunk = |p: DownloadProgress| {
        if !show_progress {
            return;
        }
        let bar = progress.get_or_insert_with(|| download_bar(p.total));
        bar.set_position(p.bytes);
    };
    let result = wait(client, client.async_client().contracts().download_to_file(id, &path, force, on_chunk));
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let download = result.map_err(|failure| download_hint(failure, &path, id, force))?;
    match ctx.output() {
        OutputFormat::Json => output::json(&json!({
            "id": id.to_string(),
            "path": path.display().to_string(),
            "bytes": download.bytes,
            "content_type": download.content_type,
        })),
        OutputFormat::Table => {
            output::line(&output::sanitize(&format!("saved {} bytes to {}", download.bytes, path.display())))
        }
    }
    Ok(())
}

/// What to do about a target core refused. `--force` replaces an existing file, never a directory: it is offered
/// only when core said the file exists (before or while downloading) and the target is not a directory.
fn download_hint(failure: Failure, path: &Path, id: ContractId, force: bool) -> Failure {
    if failure.kind() != ErrorKind::File {
        return failure;
    }
    let message = failure.message();
    if path.is_dir() || message.contains("is a directory") {
        let inside = path.join(format!("{id}.pdf"));
        return failure.hint(format!("to save into that directory, pass --output-file {}", inside.display()));
    }
    let exists = message.contains("already exists") || message.contains("appeared while downloading");
    if exists && !force {
        return failure.hint("pass --force to replace it, or choose another file with --output-file");
    }
    failure
}

fn download_bar(total: Option<u64>) -> indicatif::ProgressBar {
    let (bar, template) = match total {
        Some(total) => (indicatif::ProgressBar::new(total), "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec}"),
        None => (indicatif::ProgressBar::new_spinner(), "{spinner} {bytes} {binary_bytes_per_sec}"),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotdraft::FilterOp;

    #[test]
    fn status_and_filters_become_core_filters() {
        let query = |status: &[&str], filter: &[FilterArg]| {
            let status: Vec<String> = status.iter().map(|s| s.to_string()).collect();
            filters(&status, filter).into_query()
        };
        assert_eq!(query(&[], &[]).unwrap(), vec![]);
        assert_eq!(query(&["DRAFT"], &[]).unwrap(), vec![("filter__display_status[$eq]".into(), "DRAFT".into())]);
        let filter = FilterArg { field: "created_at".into(), op: FilterOp::Gte, value: "2024-01-01".into() };
        assert_eq!(
            query(&["DRAFT", "SIGN"], &[filter]).unwrap(),
            vec![
                ("filter__display_status[$in]".to_string(), "DRAFT,SIGN".to_string()),
                ("filter__created_at[$gte]".to_string(), "2024-01-01".to_string())
            ]
        );
        let bad = FilterArg { field: "a]&b".into(), op: FilterOp::Eq, value: "1".into() };
        assert!(query(&[], &[bad]).is_err());
    }
}
