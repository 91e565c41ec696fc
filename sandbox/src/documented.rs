//! The query parameters the schema documents for each emulated operation.
//! A parameter an operation does not document is answered with a 400 naming
//! it, so a client's typo cannot pass a test by being silently ignored.
//! (`tests/catalogue.rs` checks these lists against the core catalogue, which
//! is generated from the schema.)

use serde_json::json;

use crate::body::json_response;
use crate::fields::Rejected;
use crate::params::Query;

/// Contract-list filter fields that take `$eq`, `$ne` and `$in`.
const CONTRACT_TEXT_FILTERS: [&str; 18] = [
    "approvals_pending",
    "client_brand_name",
    "client_email",
    "client_email_address",
    "client_name",
    "contract_id",
    "contract_kind",
    "contract_packet_name",
    "contract_reference_id",
    "contract_type_name",
    "display_status",
    "entity_name",
    "pending_with",
    "signatories",
    "signatures_completed_by",
    "signatures_pending_on",
    "signatures_rejected_by",
    "tags",
];

/// Contract-list filter fields that also take `$gt`, `$gte`, `$lt` and `$lte`.
pub(crate) const CONTRACT_RANGE_FILTERS: [&str; 8] = [
    "assigned_to",
    "business_user_id",
    "contract_type_id",
    "created_at",
    "execution_date",
    "expiring_at",
    "last_updated_on",
    "legal_user_id",
];

const TEXT_OPS: [&str; 4] = ["", "[$eq]", "[$in]", "[$ne]"];
const RANGE_OPS: [&str; 8] = ["", "[$eq]", "[$gt]", "[$gte]", "[$in]", "[$lt]", "[$lte]", "[$ne]"];

/// A documented parameter: an exact name, or a prefix followed by any field
/// name (the schema writes `filter_custom__<custom_field_name>`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Documented {
    Exact(String),
    Prefix(&'static str),
}

impl Documented {
    /// The name as the schema writes it.
    pub(crate) fn schema_name(&self) -> String {
        match self {
            Documented::Exact(name) => name.clone(),
            Documented::Prefix(prefix) => format!("{prefix}<custom_field_name>"),
        }
    }

    fn allows(&self, name: &str) -> bool {
        match self {
            Documented::Exact(exact) => exact == name,
            Documented::Prefix(prefix) => name.strip_prefix(prefix).is_some_and(|field| {
                !field.is_empty() && field.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            }),
        }
    }
}

fn exact(names: &[&str]) -> Vec<Documented> {
    names.iter().map(|n| Documented::Exact(n.to_string())).collect()
}

fn contract_list() -> Vec<Documented> {
    let mut names = exact(&["limit", "page", "query"]);
    for field in CONTRACT_TEXT_FILTERS {
        names.extend(TEXT_OPS.iter().map(|op| Documented::Exact(format!("filter__{field}{op}"))));
    }
    for field in CONTRACT_RANGE_FILTERS {
        names.extend(RANGE_OPS.iter().map(|op| Documented::Exact(format!("filter__{field}{op}"))));
    }
    names
}

/// The documented query parameters of `METHOD template` (none for most).
pub(crate) fn documented(method: &str, template: &str) -> Vec<Documented> {
    let path = template.strip_prefix("/api/v2.1/public/").unwrap_or(template);
    match (method, path) {
        ("GET", "contracts/") => contract_list(),
        ("GET", "templates/") => {
            exact(&["cp_types", "cp_types_all", "exclude_multi_party", "include_archived", "tags", "tags_all"])
        }
        ("GET", "auth/users/") => exact(&["limit", "page", "user_email", "user_name"]),
        ("GET", "counter_parties/") => {
            let mut names = exact(&["filter__client_email_address", "limit", "page"]);
            names.push(Documented::Prefix("filter_custom__"));
            names
        }
        ("GET", "contracts/{contract_id}/comments/") => exact(&["limit", "page"]),
        _ => Vec::new(),
    }
}

/// `Err` with the 400 answer when the query names a parameter the operation
/// does not document: `{"<name>": ["..."]}`, every unknown name listed.
pub(crate) fn check(method: &str, template: &str, operation: &str, query: &Query) -> Result<(), Rejected> {
    let allowed = documented(method, template);
    let mut errors = serde_json::Map::new();
    for name in query.names() {
        if !allowed.iter().any(|d| d.allows(name)) {
            let message = format!("Unknown query parameter \"{name}\": {operation} does not take it.");
            errors.insert(name.to_string(), json!([message]));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Box::new(json_response(400, &serde_json::Value::Object(errors))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_list_documents_139_parameters() {
        assert_eq!(documented("GET", "/api/v2.1/public/contracts/").len(), 139);
    }

    #[test]
    fn unknown_names_are_refused_by_name() {
        let template = "/api/v2.1/public/counter_parties/";
        let ok = Query::parse(Some("page=1&filter_custom__vendor_id=V-1&filter__client_email_address=a"));
        assert!(check("GET", template, "counter_parties.list", &ok).is_ok());
        for bad in ["foo=1", "filter__bogus=1", "filter_custom__=1", "filter_custom__a%26b=1"] {
            let q = Query::parse(Some(bad));
            assert_eq!(check("GET", template, "counter_parties.list", &q).unwrap_err().status(), 400, "{bad}");
        }
        let q = Query::parse(Some("x=1"));
        assert!(check("POST", "/api/v2.1/public/contracts/", "contracts.create", &q).is_err());
        assert!(check("POST", "/api/v2.1/public/contracts/", "contracts.create", &Query::parse(None)).is_ok());
    }
}
