//! `spotdraft ops ...` (the operation catalogue) and `spotdraft call NAME` (any operation by name). The catalogue,
//! the split of parameters into path and query, and their checks are core's (`catalogue`, `build_call`).

use serde_json::{json, Map, Value};
use spotdraft::catalogue::{self, Operation};

use crate::cli::{CallArgs, OpsCommand, OutputFormat};
use crate::commands::api::{print_response, read_json_arg};
use crate::context::Context;
use crate::exit::Result;
use crate::output;

pub fn run(ctx: &mut Context, command: OpsCommand) -> Result<()> {
    match command {
        OpsCommand::List { filter } => {
            let needle = filter.as_deref().map(str::to_lowercase);
            let matching: Vec<&Operation> =
                catalogue::operations().iter().filter(|op| needle.as_deref().is_none_or(|n| matches(op, n))).collect();
            match ctx.output() {
                OutputFormat::Json => output::json(&Value::Array(matching.iter().map(|op| describe(op)).collect())),
                OutputFormat::Table => {
                    let rows: Vec<Vec<String>> = matching
                        .iter()
                        .map(|op| {
                            let paged = if op.paged { "yes" } else { "" };
                            vec![op.name.to_string(), op.method.to_string(), op.path.to_string(), paged.to_string()]
                        })
                        .collect();
                    // Paths are what people copy: never cut them.
                    output::out(&output::table_cut_at(&["NAME", "METHOD", "PATH", "PAGED"], &rows, 200));
                    let noun = if matching.len() == 1 { "operation" } else { "operations" };
                    output::note(&format!("{} {noun}", matching.len()));
                }
            }
            Ok(())
        }
        OpsCommand::Show { name } => {
            let Some(op) = catalogue::find(&name) else {
                // Core names the operations the typo probably meant.
                return Err(spotdraft::build_call(&name, &Map::new(), None)
                    .err()
                    .map(Into::into)
                    .unwrap_or_else(|| crate::exit::Failure::usage(format!("unknown operation {name:?}"))));
            };
            match ctx.output() {
                OutputFormat::Json => output::json(&describe(op)),
                OutputFormat::Table => output::out(&show(op)),
            }
            Ok(())
        }
    }
}

fn matches(op: &Operation, needle: &str) -> bool {
    [op.name, op.path, op.summary].iter().any(|text| text.to_lowercase().contains(needle))
}

fn describe(op: &Operation) -> Value {
    json!({
        "name": op.name,
        "method": op.method.to_string(),
        "path": op.path,
        "summary": op.summary,
        "paged": op.paged,
        "has_body": op.has_body,
        "idempotent": op.is_idempotent(),
        "path_params": op.path_params,
        "query_params": op.query_params,
    })
}

fn show(op: &Operation) -> String {
    let list = |items: &[String]| if items.is_empty() { "(none)".to_string() } else { items.join("\n") };
    let mut query: Vec<String> = Vec::new();
    if op.paged {
        query.extend(["page".to_string(), "limit".to_string()]);
    }
    query.extend(group_filters(op.query_params).into_iter().filter(|q| q != "page" && q != "limit"));
    let path_params: Vec<String> = op.path_params.iter().map(|p| p.to_string()).collect();
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut text = output::fields(&[
        ("name", op.name.to_string()),
        ("summary", op.summary.to_string()),
        ("method", op.method.to_string()),
        ("path", op.path.to_string()),
        ("paged", yes_no(op.paged)),
        ("body", yes_no(op.has_body)),
        ("retried", if op.is_idempotent() { "yes (safe to repeat)" } else { "only if never sent" }.to_string()),
    ]);
    for (title, items) in [("path params", path_params), ("query params", query)] {
        text.push_str(&format!("{title}:\n"));
        for line in list(&items).lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text
}

/// `filter__x`, `filter__x[$eq]`, `filter__x[$in]` as one line: `filter__x[$eq|$in]` (plain `filter__x` means
/// `$eq`). Other names unchanged, in order.
fn group_filters(names: &[&str]) -> Vec<String> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for name in names {
        let (base, op) = match name.split_once('[') {
            Some((base, rest)) => (base, Some(rest.trim_end_matches(']'))),
            None => (*name, None),
        };
        let index = match grouped.iter().position(|(b, _)| b == base) {
            Some(i) => i,
            None => {
                grouped.push((base.to_string(), Vec::new()));
                grouped.len() - 1
            }
        };
        if let Some(op) = op {
            grouped[index].1.push(op.to_string());
        }
    }
    grouped
        .into_iter()
        .map(|(base, ops)| if ops.is_empty() { base } else { format!("{base}[{}]", ops.join("|")) })
        .collect()
}

pub fn call(ctx: &mut Context, args: CallArgs) -> Result<()> {
    let body = args.json.as_deref().map(|arg| read_json_arg(arg, "--json")).transpose()?;
    let params = params_map(&args.params);
    // Checked (operation name, parameters) before any credential is looked up.
    spotdraft::build_call(&args.name, &params, body.clone())?;
    let client = ctx.client(None)?;
    let response = client.call(&args.name, &params, body)?;
    print_response(&response)
}

/// `-p key=value` pairs as call parameters: numbers and booleans as such, anything else a string; a repeated key
/// becomes a list.
fn params_map(pairs: &[(String, String)]) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, text) in pairs {
        let value = match serde_json::from_str::<Value>(text) {
            Ok(v @ (Value::Number(_) | Value::Bool(_))) => v,
            _ => Value::String(text.clone()),
        };
        match map.get_mut(key) {
            None => {
                map.insert(key.clone(), value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_typed_and_repeats_become_lists() {
        let pairs: Vec<(String, String)> =
            [("limit", "5"), ("a", "true"), ("s", "T-1"), ("s", "x"), ("s", "3"), ("n", "null")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let map = params_map(&pairs);
        assert_eq!(Value::Object(map), json!({"limit": 5, "a": true, "s": ["T-1", "x", 3], "n": "null"}));
    }

    #[test]
    fn the_catalogue_is_shown() {
        let op = catalogue::find("contracts.status").unwrap();
        let text = show(op);
        assert!(text.contains("composite_id"), "{text}");
        let list = show(catalogue::find("contracts.list").unwrap());
        assert!(list.contains("\n  filter__display_status[$eq|$in|$ne]\n"), "{list}");
        assert_eq!(group_filters(&["a", "f", "f[$eq]", "f[$in]", "b"]), ["a", "f[$eq|$in]", "b"]);
        assert!(matches(op, "status"));
        assert_eq!(describe(op)["method"], "GET");
    }
}
