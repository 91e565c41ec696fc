//! `GET /api/v2.1/public/contracts/` (paged, filtered) and
//! `GET /api/v2.1/public/contracts/{composite_id}/status`.

use serde_json::{json, Map, Value};

use super::RequestCtx;
use crate::body::{json_response, sd_error, HttpResponse};
use crate::params::{filters, Filter, Paging};
use crate::seed::{parse_composite_id, Contract, STATUSES};

/// Code of the "no such contract" error (the sandbox's own number).
pub(crate) const CONTRACT_NOT_FOUND_CODE: &str = "SD_CONTRACTS_00004";

pub(crate) fn contract_not_found() -> HttpResponse {
    sd_error(404, CONTRACT_NOT_FOUND_CODE, "Contract not found.")
}

/// The filters of the contract list, validated.
struct ContractFilters {
    ids: Vec<Filter>,
    statuses: Vec<Filter>,
    client_names: Vec<Filter>,
    contract_type_ids: Vec<Filter>,
    query: Option<String>,
}

impl ContractFilters {
    fn from_ctx(ctx: &RequestCtx<'_>) -> Result<Self, Value> {
        let mut statuses = filters(&ctx.query, "display_status");
        // Accepted alias: clients often think of it as the contract status.
        statuses.extend(filters(&ctx.query, "contract_status"));
        let mut errors = Map::new();
        for filter in &statuses {
            if let Some(bad) = filter.values.iter().find(|v| !STATUSES.contains(&v.as_str())) {
                errors.insert(filter.param.clone(), json!([format!("\"{bad}\" is not a valid choice.")]));
            }
        }
        if !errors.is_empty() {
            return Err(Value::Object(errors));
        }
        Ok(ContractFilters {
            ids: filters(&ctx.query, "contract_id"),
            statuses,
            client_names: filters(&ctx.query, "client_name"),
            contract_type_ids: filters(&ctx.query, "contract_type_id"),
            query: ctx.query.get("query").map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()),
        })
    }

    fn accepts(&self, c: &Contract) -> bool {
        self.ids.iter().all(|f| f.accepts(|v| id_equals(c, v)))
            && self.statuses.iter().all(|f| f.accepts(|v| c.status == v))
            && self.client_names.iter().all(|f| f.accepts(|v| c.counterparty_name.eq_ignore_ascii_case(v)))
            && self.contract_type_ids.iter().all(|f| f.accepts(|v| v.trim().parse::<u64>() == Ok(c.contract_type_id)))
            && self
                .query
                .as_deref()
                .is_none_or(|q| c.name.to_lowercase().contains(q) || c.counterparty_name.to_lowercase().contains(q))
    }
}

/// A contract id filter value may be composite (`T-1001`) or bare (`1001`).
fn id_equals(c: &Contract, value: &str) -> bool {
    match parse_composite_id(value.trim()) {
        Some((kind, digits)) => digits.parse::<u64>() == Ok(c.id) && kind.is_none_or(|k| k == c.kind),
        None => false,
    }
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let paging = match Paging::from_query(&ctx.query) {
        Ok(paging) => paging,
        Err(errors) => return json_response(400, &errors),
    };
    let filters = match ContractFilters::from_ctx(ctx) {
        Ok(filters) => filters,
        Err(errors) => return json_response(400, &errors),
    };
    let workspace = ctx.state.workspace();
    // Newest first.
    let mut matching: Vec<&Contract> = workspace.contracts.iter().filter(|c| filters.accepts(c)).collect();
    matching.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    let items: Vec<Value> = matching.iter().map(|c| workspace.contract_json(c)).collect();
    json_response(200, &paging.envelope(items))
}

pub(crate) fn status(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    match workspace.find_contract(ctx.param("composite_id")) {
        Some(c) => json_response(200, &json!({"contract_status": c.status, "contract_name": c.name})),
        None => contract_not_found(),
    }
}
