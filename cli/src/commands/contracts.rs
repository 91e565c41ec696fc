//! `spotdraft contracts ...` over the raw public API paths (typed resource commands come later).

use serde_json::Value;
use spotdraft::{Method, Request};

use crate::cli::{ContractsCommand, OutputFormat};
use crate::commands::listings::{self, ListSpec};
use crate::context::Context;
use crate::exit::Result;
use crate::output::{self, col};

pub const CONTRACTS: ListSpec = ListSpec {
    noun: "contracts",
    path: "/api/v2.1/public/contracts/",
    columns: &[
        col("ID", "id"),
        col("NAME", "contract_name"),
        col("STATUS", "contract_status"),
        col("TYPE", "contract_type_name"),
        col("COUNTERPARTY", "counter_party_name"),
        col("CREATED", "created"),
    ],
};

pub fn run(ctx: &mut Context, command: ContractsCommand) -> Result<()> {
    match command {
        ContractsCommand::List { paging, query, status } => {
            let mut filters: Vec<(&str, &str)> = Vec::new();
            if let Some(q) = &query {
                filters.push(("query", q));
            }
            if let Some(s) = &status {
                filters.push(("filter__contract_status", s));
            }
            listings::paged(ctx, &CONTRACTS, &filters, &paging)
        }
        ContractsCommand::Status { id } => status(ctx, &id),
    }
}

fn status(ctx: &mut Context, id: &str) -> Result<()> {
    let client = ctx.client(None)?;
    let path = format!("{}{id}/status", CONTRACTS.path);
    let value = client.send(Request::new(Method::Get, path))?.json_value()?;
    match ctx.output() {
        OutputFormat::Json => output::json(&value),
        OutputFormat::Table => {
            let mut pairs = vec![("id", id.to_string())];
            if let Value::Object(map) = &value {
                pairs.extend(map.iter().map(|(k, v)| (k.as_str(), output::cell(Some(v)))));
            }
            output::out(&output::fields(&pairs));
        }
    }
    Ok(())
}
