//! The contract list's `filter__<field>[$op]` filters: every field the schema
//! documents, each read as its kind (text, integer, date-time, status, contract
//! id, boolean). A value of the wrong kind is a 400 naming the parameter.
//! Text compares without regard to case; a many-valued field (tags, emails,
//! signatories) passes `$eq`/`$in` when any of its values matches and `$ne`
//! when none does; a field a contract lacks passes only `$ne`.

use serde_json::{json, Map, Value};

use crate::params::{all_filters, FilterOp, Query};
use crate::seed::{parse_composite_id, Contract, ContractKind, Signature, Workspace, STATUSES};
use crate::timestamp;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Text,
    Integer,
    DateTime,
    Status,
    ContractId,
    Flag,
}

fn kind(field: &str) -> Kind {
    match field {
        "assigned_to" | "business_user_id" | "contract_type_id" | "legal_user_id" => Kind::Integer,
        "created_at" | "execution_date" | "expiring_at" | "last_updated_on" => Kind::DateTime,
        "display_status" => Kind::Status,
        "contract_id" => Kind::ContractId,
        "approvals_pending" => Kind::Flag,
        _ => Kind::Text,
    }
}

/// A filter value or a contract's value of a field, read as the field's kind.
#[derive(Clone, Debug, PartialEq)]
enum Datum {
    Text(String),
    /// Integers, and date-times as seconds since the epoch.
    Number(i64),
    Id(Option<ContractKind>, u64),
    Flag(bool),
}

impl Datum {
    fn equals(&self, wanted: &Datum) -> bool {
        match (self, wanted) {
            (Datum::Text(a), Datum::Text(b)) => a.eq_ignore_ascii_case(b),
            (Datum::Id(kind, id), Datum::Id(wanted_kind, wanted_id)) => {
                id == wanted_id && (wanted_kind.is_none() || wanted_kind == kind)
            }
            (a, b) => a == b,
        }
    }
}

/// `Ok` with the value, or the message for the 400.
fn read(kind: Kind, raw: &str) -> Result<Datum, String> {
    match kind {
        Kind::Text => Ok(Datum::Text(raw.to_string())),
        Kind::Integer => raw.parse::<i64>().map(Datum::Number).map_err(|_| "A valid integer is required.".into()),
        Kind::DateTime => timestamp::parse(raw).map(Datum::Number).ok_or_else(|| {
            format!("\"{raw}\" is not a valid date-time: use YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss] with Z or ±hh:mm.")
        }),
        Kind::Status if STATUSES.contains(&raw) => Ok(Datum::Text(raw.to_string())),
        Kind::Status => Err(format!("\"{raw}\" is not a valid choice; expected one of {}.", STATUSES.join(", "))),
        Kind::ContractId => match parse_composite_id(raw).and_then(|(k, digits)| Some((k, digits.parse().ok()?))) {
            Some((k, id)) => Ok(Datum::Id(k, id)),
            None => Err(format!("\"{raw}\" is not a contract id (T-1001, H-1004 or 1001).")),
        },
        Kind::Flag => match raw.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(Datum::Flag(true)),
            "false" | "0" | "no" | "off" => Ok(Datum::Flag(false)),
            _ => Err("Must be a valid boolean.".into()),
        },
    }
}

struct ContractFilter {
    field: String,
    op: FilterOp,
    values: Vec<Datum>,
}

/// The validated filters and free-text `query` of one contract-list request.
pub(crate) struct ContractFilters {
    filters: Vec<ContractFilter>,
    query: Option<String>,
}

impl ContractFilters {
    /// On a bad value, the DRF-style field error map (parameter → messages).
    pub fn from_query(query: &Query) -> Result<Self, Value> {
        let mut errors = Map::new();
        let mut filters = Vec::new();
        for filter in all_filters(query) {
            let kind = kind(&filter.field);
            let ranged = matches!(filter.op, FilterOp::Gt | FilterOp::Gte | FilterOp::Lt | FilterOp::Lte);
            if ranged && !matches!(kind, Kind::Integer | Kind::DateTime) {
                // The dispatcher refuses undocumented operators; this keeps the rule local too.
                errors.insert(filter.param.clone(), json!(["This field cannot be compared by range."]));
                continue;
            }
            let mut values = Vec::new();
            for raw in &filter.values {
                match read(kind, raw) {
                    Ok(value) => values.push(value),
                    Err(message) => {
                        if let Value::Array(list) = errors.entry(filter.param.clone()).or_insert_with(|| json!([])) {
                            list.push(json!(message));
                        }
                    }
                }
            }
            if ranged && values.len() != 1 {
                errors.entry(filter.param.clone()).or_insert_with(|| json!(["A value is required."]));
            }
            filters.push(ContractFilter { field: filter.field, op: filter.op, values });
        }
        if !errors.is_empty() {
            return Err(Value::Object(errors));
        }
        let query = query.get("query").map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty());
        Ok(ContractFilters { filters, query })
    }

    pub fn accepts(&self, workspace: &Workspace, c: &Contract) -> bool {
        self.filters.iter().all(|f| passes(f, &attribute(workspace, c, &f.field)))
            && self.query.as_deref().is_none_or(|q| searched(c, q))
    }
}

/// `query` searches the contract name, entity name, party name and party emails.
fn searched(c: &Contract, q: &str) -> bool {
    [&c.name, &c.facts.entity_name, &c.counterparty_name]
        .into_iter()
        .chain(&c.facts.client_emails)
        .any(|text| text.to_lowercase().contains(q))
}

fn passes(filter: &ContractFilter, have: &[Datum]) -> bool {
    let any_equal = || have.iter().any(|h| filter.values.iter().any(|w| h.equals(w)));
    let compare = |test: fn(i64, i64) -> bool| match filter.values.first() {
        Some(Datum::Number(wanted)) => have.iter().any(|h| matches!(h, Datum::Number(n) if test(*n, *wanted))),
        _ => false,
    };
    match filter.op {
        FilterOp::Eq | FilterOp::In => any_equal(),
        FilterOp::Ne => !any_equal(),
        FilterOp::Gt => compare(|a, b| a > b),
        FilterOp::Gte => compare(|a, b| a >= b),
        FilterOp::Lt => compare(|a, b| a < b),
        FilterOp::Lte => compare(|a, b| a <= b),
    }
}

fn texts<'a>(values: impl IntoIterator<Item = &'a String>) -> Vec<Datum> {
    values.into_iter().map(|v| Datum::Text(v.clone())).collect()
}

fn time(value: Option<&String>) -> Vec<Datum> {
    value.and_then(|v| timestamp::parse(v)).map(Datum::Number).into_iter().collect()
}

fn number(value: Option<u64>) -> Vec<Datum> {
    value.map(|n| Datum::Number(n as i64)).into_iter().collect()
}

/// The contract's values of a filter field (none when it lacks the field).
fn attribute(workspace: &Workspace, c: &Contract, field: &str) -> Vec<Datum> {
    let facts = &c.facts;
    let signed = |state: Signature| -> Vec<Datum> {
        texts(facts.signatories.iter().filter(|s| s.signature == state).map(|s| &s.email))
    };
    match field {
        "approvals_pending" => vec![Datum::Flag(c.approvals_pending())],
        "assigned_to" => number(facts.assigned_to),
        "business_user_id" => number(facts.business_user_id),
        "legal_user_id" => number(facts.legal_user_id),
        "client_brand_name" => texts(&facts.client_brand_name),
        "client_email" | "client_email_address" => texts(&facts.client_emails),
        "client_name" => texts([&c.counterparty_name].into_iter().filter(|n| !n.is_empty())),
        "contract_id" => vec![Datum::Id(Some(c.kind), c.id)],
        "contract_kind" => texts([&facts.kind_label]),
        "contract_packet_name" => texts(&facts.packet_name),
        "contract_reference_id" => vec![Datum::Text(c.reference_id())],
        "contract_type_id" => number(Some(c.contract_type_id)),
        "contract_type_name" => vec![Datum::Text(workspace.contract_type_name(c.contract_type_id))],
        "created_at" => time(Some(&c.created)),
        "display_status" => vec![Datum::Text(c.status.clone())],
        "entity_name" => texts([&facts.entity_name]),
        "execution_date" => time(facts.execution_date.as_ref()),
        "expiring_at" => time(facts.expiring_at.as_ref()),
        "last_updated_on" => time(Some(&facts.last_updated_on)),
        "pending_with" => c.pending_with().map(|p| Datum::Text(p.into())).into_iter().collect(),
        "signatories" => texts(facts.signatories.iter().map(|s| &s.email)),
        "signatures_completed_by" => signed(Signature::Signed),
        "signatures_pending_on" => signed(Signature::Pending),
        "signatures_rejected_by" => signed(Signature::Rejected),
        "tags" => texts(&facts.tags),
        // The dispatcher lets only documented fields through.
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_field_has_values_in_the_seed() {
        let workspace = Workspace::seeded(&[]);
        let fields = crate::documented::documented("GET", "/api/v2.1/public/contracts/");
        for name in fields.iter().map(|d| d.schema_name()) {
            let Some(field) = name.strip_prefix("filter__").filter(|f| !f.contains('[')) else { continue };
            let with = workspace.contracts.iter().filter(|c| !attribute(&workspace, c, field).is_empty()).count();
            assert!(with > 0, "no seeded contract has {field}");
        }
    }

    #[test]
    fn values_are_read_by_kind() {
        assert_eq!(read(Kind::Integer, "12"), Ok(Datum::Number(12)));
        assert!(read(Kind::Integer, "1.5").is_err());
        assert!(read(Kind::DateTime, "2024-02-30").is_err());
        assert!(read(Kind::Status, "SIGNED").is_err());
        assert_eq!(read(Kind::ContractId, "H-1004"), Ok(Datum::Id(Some(ContractKind::Historical), 1004)));
        assert!(read(Kind::ContractId, "X-1").is_err());
        assert_eq!(read(Kind::Flag, "TRUE"), Ok(Datum::Flag(true)));
        assert!(read(Kind::Flag, "maybe").is_err());
    }
}
