//! Lists over core's typed API: one page (`--page`, `--limit`), every page (`--all`, with a progress bar on a
//! terminal), or an unpaged list; and the list commands of the smaller resources (templates, contract types,
//! counterparties, users, roles).

use std::future::Future;
use std::io::IsTerminal;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use spotdraft::{BlockingClient, Page, Pager, TemplateQuery, UserQuery};

use crate::cli::{CounterpartiesCommand, OutputFormat, PageArgs, SimpleListCommand, TemplatesCommand, UsersCommand};
use crate::context::Context;
use crate::exit::Result;
use crate::output::{self, col, Column};

/// Default page size of a single-page listing.
pub const DEFAULT_LIMIT: u32 = 20;

/// Runs a core future on the blocking client's runtime.
pub fn wait<T>(client: &BlockingClient, future: impl Future<Output = spotdraft::Result<T>>) -> Result<T> {
    Ok(client.block_on(future)?)
}

/// What a list shows: a plural noun for messages, its table columns, and extra cells computed for the table.
pub struct ListSpec {
    pub noun: &'static str,
    pub columns: &'static [Column],
    /// Adds derived keys (e.g. a full name) to each item before it becomes a table row.
    pub derive: fn(&mut Value),
}

fn no_derived(_: &mut Value) {}

pub const CONTRACT_TYPES: ListSpec =
    ListSpec { noun: "contract types", columns: &[col("ID", "id"), col("NAME", "name")], derive: no_derived };

pub const TEMPLATES: ListSpec = ListSpec {
    noun: "templates",
    columns: &[col("ID", "id"), col("NAME", "name"), col("CONTRACT TYPE", "contract_type_id"), col("TAGS", "tags")],
    derive: derive_tags,
};

pub const COUNTERPARTIES: ListSpec = ListSpec {
    noun: "counterparties",
    columns: &[
        col("ID", "id"),
        col("NAME", "name"),
        col("INDIVIDUAL", "is_individual"),
        col("STATUS", "status"),
        col("CONTACT", "_contact"),
        col("CITY", "_city"),
    ],
    derive: derive_counterparty,
};

pub const USERS: ListSpec = ListSpec {
    noun: "users",
    columns: &[
        col("ID", "id"),
        col("NAME", "_name"),
        col("EMAIL", "email"),
        col("ACTIVE", "is_active"),
        col("DESIGNATION", "designation"),
        col("ROLES", "_roles"),
    ],
    derive: derive_user,
};

pub const ROLES: ListSpec = ListSpec {
    noun: "roles",
    columns: &[col("ID", "id"), col("NAME", "name"), col("DESCRIPTION", "description")],
    derive: no_derived,
};

fn derive_tags(item: &mut Value) {
    if let Some(Value::Array(tags)) = item.get("tags") {
        let joined = tags.iter().map(|t| output::cell(Some(t))).collect::<Vec<_>>().join(", ");
        item["tags"] = Value::String(joined);
    }
}

fn derive_counterparty(item: &mut Value) {
    let contact = item.get("contacts").and_then(|c| c.get(0)).map(|c| {
        let name = output::cell(c.get("name"));
        match c.get("email").and_then(Value::as_str) {
            Some(email) if !name.is_empty() => format!("{name} <{email}>"),
            Some(email) => email.to_string(),
            None => name,
        }
    });
    let city = item.get("primary_address").map(|a| output::cell(a.get("city_name")));
    item["_contact"] = json!(contact);
    item["_city"] = json!(city);
}

fn derive_user(item: &mut Value) {
    let first = output::cell(item.get("first_name"));
    let last = output::cell(item.get("last_name"));
    let full = format!("{first} {last}").trim().to_string();
    let name = if full.is_empty() { output::cell(item.get("name")) } else { full };
    let roles = match item.get("roles") {
        Some(Value::Array(roles)) => {
            roles.iter().map(|r| output::cell(r.get("name"))).filter(|n| !n.is_empty()).collect::<Vec<_>>().join(", ")
        }
        _ => String::new(),
    };
    item["_name"] = json!(name);
    item["_roles"] = json!(roles);
}

/// Typed items as JSON values (the models keep every field the API sent).
pub fn values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items.iter().map(output::to_value).collect()
}

/// Items as a table (with the spec's derived cells) or, with `--output json`, as a JSON array.
pub fn print_items(format: OutputFormat, spec: &ListSpec, items: Vec<Value>) {
    match format {
        OutputFormat::Json => output::json(&Value::Array(items)),
        OutputFormat::Table => output::out(&table_of(spec, items)),
    }
}

fn table_of(spec: &ListSpec, items: Vec<Value>) -> String {
    let rows: Vec<Value> = items
        .into_iter()
        .map(|mut item| {
            if item.is_object() {
                (spec.derive)(&mut item);
            }
            item
        })
        .collect();
    output::json_table(spec.columns, &rows)
}

/// A paged list: one page, or with `--all` every page (`limit` then sets the page size).
pub fn paged<T, P, F>(
    ctx: &Context,
    client: &BlockingClient,
    spec: &ListSpec,
    paging: &PageArgs,
    pager: P,
    page: F,
) -> Result<()>
where
    T: DeserializeOwned + Serialize,
    P: FnOnce() -> spotdraft::Result<Pager<T>>,
    F: FnOnce(u32, u32) -> Result<Page<T>>,
{
    if paging.all {
        let mut pager = pager()?;
        if let Some(limit) = paging.limit {
            pager = pager.page_size(limit)?;
        }
        let items = collect_all(client, pager, spec.noun)?;
        print_items(ctx.output(), spec, values(&items));
        if ctx.output() == OutputFormat::Table {
            output::note(&format!("{} {}", items.len(), spec.noun));
        }
        return Ok(());
    }
    let limit = paging.limit.unwrap_or(DEFAULT_LIMIT);
    let page = page(paging.page.unwrap_or(1), limit)?;
    match ctx.output() {
        OutputFormat::Json => output::json(&output::to_value(&page)),
        OutputFormat::Table => {
            output::out(&table_of(spec, values(&page.results)));
            output::note(&page_footer(spec.noun, page.page, page.limit, page.total_results, limit));
        }
    }
    Ok(())
}

/// Every page of `pager`, with a progress bar on stderr when it is a terminal.
pub fn collect_all<T: DeserializeOwned>(
    client: &BlockingClient,
    mut pager: Pager<T>,
    noun: &'static str,
) -> Result<Vec<T>> {
    // Created once the first page tells the total.
    let mut progress: Option<indicatif::ProgressBar> = None;
    let mut items = Vec::new();
    let result = loop {
        match wait(client, pager.next_page()) {
            Ok(Some(page)) => {
                if progress.is_none() && std::io::stderr().is_terminal() {
                    progress = Some(progress_bar(noun));
                }
                if let Some(bar) = &progress {
                    bar.set_length(page.total_results.max(items.len() as u64 + page.results.len() as u64));
                    bar.inc(page.results.len() as u64);
                }
                items.extend(page.results);
            }
            Ok(None) => break Ok(items),
            Err(e) => break Err(e),
        }
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    result
}

fn progress_bar(noun: &'static str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar.set_message(noun);
    bar
}

/// `page 1 of 3 (60 contracts); next: --page 2, or --all`.
fn page_footer(noun: &str, page: u32, served_limit: u32, total: u64, limit: u32) -> String {
    let limit = if served_limit == 0 { limit } else { served_limit } as u64;
    let pages = total.div_ceil(limit.max(1)).max(1);
    let current = page.max(1) as u64;
    let mut text = format!("page {current} of {pages} ({total} {noun})");
    if current < pages {
        text.push_str(&format!("; next: --page {}, or --all", current + 1));
    }
    text
}

pub fn contract_types(ctx: &mut Context, command: SimpleListCommand) -> Result<()> {
    match command {
        SimpleListCommand::List => {
            let client = ctx.client(None)?;
            let types = wait(&client, client.async_client().contract_types().list())?;
            print_items(ctx.output(), &CONTRACT_TYPES, values(&types));
            Ok(())
        }
    }
}

pub fn roles(ctx: &mut Context, command: SimpleListCommand) -> Result<()> {
    match command {
        SimpleListCommand::List => {
            let client = ctx.client(None)?;
            let roles = wait(&client, client.async_client().roles().list())?;
            print_items(ctx.output(), &ROLES, values(&roles));
            Ok(())
        }
    }
}

pub fn templates(ctx: &mut Context, command: TemplatesCommand) -> Result<()> {
    let client = ctx.client(None)?;
    let templates = client.async_client().templates();
    match command {
        TemplatesCommand::List => {
            let list = wait(&client, templates.list(&TemplateQuery::default()))?;
            print_items(ctx.output(), &TEMPLATES, values(&list));
        }
        TemplatesCommand::Show { id } => {
            let template = output::to_value(&wait(&client, templates.get(id))?);
            let metadata = wait(&client, templates.metadata(id))?;
            match ctx.output() {
                OutputFormat::Json => output::json(&json!({ "template": template, "metadata": metadata })),
                OutputFormat::Table => {
                    let mut template = template;
                    derive_tags(&mut template);
                    output::out(&output::object_fields(&template, &["id", "name", "contract_type_id", "tags"]));
                    output::line("");
                    output::line("metadata:");
                    output::json(&metadata);
                }
            }
        }
    }
    Ok(())
}

pub fn counterparties(ctx: &mut Context, command: CounterpartiesCommand) -> Result<()> {
    let client = ctx.client(None)?;
    let api = client.async_client().counterparties();
    match command {
        CounterpartiesCommand::List { paging, custom } => {
            let custom: Vec<(&str, &str)> = custom.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            paged(
                ctx,
                &client,
                &COUNTERPARTIES,
                &paging,
                || api.list_all(&custom),
                |page, limit| wait(&client, api.list(&custom, page, limit)),
            )
        }
        CounterpartiesCommand::Show { id } => {
            let counterparty = output::to_value(&wait(&client, api.get(id))?);
            match ctx.output() {
                OutputFormat::Json => output::json(&counterparty),
                OutputFormat::Table => {
                    let mut shown = counterparty.clone();
                    if let Value::Object(map) = &mut shown {
                        map.remove("contacts");
                    }
                    output::out(&output::object_fields(&shown, &["id", "name", "is_individual", "status"]));
                    let contacts = counterparty.get("contacts").and_then(Value::as_array).cloned().unwrap_or_default();
                    if !contacts.is_empty() {
                        output::line("");
                        output::out(&output::json_table(
                            &[col("CONTACT ID", "id"), col("NAME", "name"), col("EMAIL", "email")],
                            &contacts,
                        ));
                    }
                }
            }
            Ok(())
        }
    }
}

pub fn users(ctx: &mut Context, command: UsersCommand) -> Result<()> {
    let client = ctx.client(None)?;
    let api = client.async_client().users();
    match command {
        UsersCommand::List { paging, email, name } => {
            let query = UserQuery { user_email: email, user_name: name };
            paged(
                ctx,
                &client,
                &USERS,
                &paging,
                || api.list_all(&query),
                |page, limit| wait(&client, api.list(&query, page, limit)),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer() {
        assert_eq!(page_footer("contracts", 1, 20, 60, 20), "page 1 of 3 (60 contracts); next: --page 2, or --all");
        assert_eq!(page_footer("contracts", 3, 20, 60, 20), "page 3 of 3 (60 contracts)");
        assert_eq!(page_footer("users", 1, 20, 0, 20), "page 1 of 1 (0 users)");
    }

    #[test]
    fn derived_cells() {
        let mut user =
            json!({"first_name": "Ada", "last_name": "Lovelace", "roles": [{"name": "Admin"}, {"name": "Legal"}]});
        derive_user(&mut user);
        assert_eq!(user["_name"], "Ada Lovelace");
        assert_eq!(user["_roles"], "Admin, Legal");
        let mut cp = json!({"contacts": [{"name": "Hank", "email": "h@x.example"}], "primary_address": {"city_name": "Springfield"}});
        derive_counterparty(&mut cp);
        assert_eq!(cp["_contact"], "Hank <h@x.example>");
        assert_eq!(cp["_city"], "Springfield");
    }
}
