//! Generic list commands over raw API paths: one page, every page (`--all`, with a progress bar on a terminal), or
//! an unpaged list. A resource command describes itself with a [`ListSpec`] and passes its filters.

use std::io::IsTerminal;

use serde_json::Value;
use spotdraft::{Method, Page, Request};

use crate::cli::{OutputFormat, PageArgs, SimpleListCommand, UsersCommand};
use crate::context::Context;
use crate::exit::Result;
use crate::output::{self, col, Column};

/// Default page size of a single-page listing.
pub const DEFAULT_LIMIT: u32 = 20;

/// What a list command lists.
pub struct ListSpec {
    /// Plural noun for messages, e.g. `contracts`.
    pub noun: &'static str,
    pub path: &'static str,
    pub columns: &'static [Column],
}

pub const CONTRACT_TYPES: ListSpec = ListSpec {
    noun: "contract types",
    path: "/api/v2.1/public/contract_types/",
    columns: &[col("ID", "id"), col("NAME", "name")],
};

pub const TEMPLATES: ListSpec = ListSpec {
    noun: "templates",
    path: "/api/v2.1/public/templates/",
    columns: &[col("ID", "id"), col("NAME", "name"), col("CONTRACT TYPE", "contract_type_id")],
};

pub const USERS: ListSpec = ListSpec {
    noun: "users",
    path: "/api/v2.1/public/auth/users/",
    columns: &[
        col("ID", "id"),
        col("NAME", "name"),
        col("EMAIL", "email"),
        col("ACTIVE", "is_active"),
        col("DESIGNATION", "designation"),
    ],
};

pub fn contract_types(ctx: &mut Context, command: SimpleListCommand) -> Result<()> {
    match command {
        SimpleListCommand::List => unpaged(ctx, &CONTRACT_TYPES),
    }
}

pub fn templates(ctx: &mut Context, command: SimpleListCommand) -> Result<()> {
    match command {
        SimpleListCommand::List => unpaged(ctx, &TEMPLATES),
    }
}

pub fn users(ctx: &mut Context, command: UsersCommand) -> Result<()> {
    match command {
        UsersCommand::List { paging } => paged(ctx, &USERS, &[], &paging),
    }
}

/// A list that comes in one answer: a bare array, or an object with `items` or `results`.
pub fn unpaged(ctx: &mut Context, spec: &ListSpec) -> Result<()> {
    let client = ctx.client(None)?;
    let value = client.send(Request::new(Method::Get, spec.path))?.json_value()?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => match map.remove("items").or_else(|| map.remove("results")) {
            Some(Value::Array(items)) => items,
            _ => vec![Value::Object(map)],
        },
        other => vec![other],
    };
    output::items(ctx.output(), spec.columns, &items);
    Ok(())
}

/// A paged list: one page (`--page`, `--limit`), or every page with `--all`.
pub fn paged(ctx: &mut Context, spec: &ListSpec, filters: &[(&str, &str)], paging: &PageArgs) -> Result<()> {
    let client = ctx.client(None)?;
    if paging.all {
        let mut pager = client.pages::<Value>(spec.path, filters).page_size(paging.limit.unwrap_or(100))?;
        // Drawn on stderr, and only on a terminal; created once the first page tells the total.
        let mut progress: Option<indicatif::ProgressBar> = None;
        let mut items = Vec::new();
        let result = loop {
            match pager.next_page() {
                Ok(Some(page)) => {
                    if progress.is_none() && std::io::stderr().is_terminal() {
                        progress = Some(progress_bar(spec.noun));
                    }
                    if let Some(bar) = &progress {
                        bar.set_length(page.total_results.max(items.len() as u64 + page.results.len() as u64));
                        bar.inc(page.results.len() as u64);
                    }
                    items.extend(page.results);
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        result?;
        output::items(ctx.output(), spec.columns, &items);
        if ctx.output() == OutputFormat::Table {
            output::note(&format!("{} {}", items.len(), spec.noun));
        }
        return Ok(());
    }
    let page_number = paging.page.unwrap_or(1);
    let limit = paging.limit.unwrap_or(DEFAULT_LIMIT);
    let page: Page<Value> = client.get_page(spec.path, filters, page_number, limit)?;
    match ctx.output() {
        OutputFormat::Json => output::json(&serde_json::to_value(&page).unwrap_or(Value::Null)),
        OutputFormat::Table => {
            output::out(&output::json_table(spec.columns, &page.results));
            output::note(&page_footer(spec.noun, &page, limit));
        }
    }
    Ok(())
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
fn page_footer(noun: &str, page: &Page<Value>, limit: u32) -> String {
    let limit = if page.limit == 0 { limit } else { page.limit } as u64;
    let pages = page.total_results.div_ceil(limit.max(1)).max(1);
    let current = page.page.max(1) as u64;
    let mut text = format!("page {current} of {pages} ({} {noun})", page.total_results);
    if current < pages {
        text.push_str(&format!("; next: --page {}, or --all", current + 1));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer() {
        let page = Page::<Value> { page: 1, limit: 20, total_results: 60, results: vec![] };
        assert_eq!(page_footer("contracts", &page, 20), "page 1 of 3 (60 contracts); next: --page 2, or --all");
        let last = Page::<Value> { page: 3, limit: 20, total_results: 60, results: vec![] };
        assert_eq!(page_footer("contracts", &last, 20), "page 3 of 3 (60 contracts)");
        let empty = Page::<Value> { page: 1, limit: 20, total_results: 0, results: vec![] };
        assert_eq!(page_footer("users", &empty, 20), "page 1 of 1 (0 users)");
    }
}
