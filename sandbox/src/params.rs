//! Query-string parsing: paging, `filter__<field>[$op]` filters, free text.

use serde_json::{json, Map, Value};

pub(crate) const DEFAULT_LIMIT: u64 = 10;
pub(crate) const MAX_LIMIT: u64 = 100;

/// Decoded query pairs in arrival order.
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw.map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
        Query { pairs }
    }

    /// Every value of `key`, in order.
    pub fn get_all(&self, key: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }

    /// Every `(name, value)` whose key starts with `prefix`, the prefix removed.
    pub fn with_prefix<'q>(&'q self, prefix: &'q str) -> impl Iterator<Item = (&'q str, &'q str)> + 'q {
        self.pairs.iter().filter_map(move |(k, v)| k.strip_prefix(prefix).map(|name| (name, v.as_str())))
    }

    /// Every parameter name, in arrival order (repeats included).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    /// The last value of `key` (later values override earlier ones, as in Django).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// A validated page request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Paging {
    pub page: u64,
    pub limit: u64,
}

impl Paging {
    /// Read `page` (default 1) and `limit` (default 10, capped at 100).
    /// On invalid input, the DRF-style field error map for a 400.
    pub fn from_query(query: &Query) -> Result<Paging, Value> {
        let mut errors = Map::new();
        let page = positive(query.get("page"), 1, "page", &mut errors);
        let limit = positive(query.get("limit"), DEFAULT_LIMIT, "limit", &mut errors);
        if errors.is_empty() {
            Ok(Paging { page, limit: limit.min(MAX_LIMIT) })
        } else {
            Err(Value::Object(errors))
        }
    }

    /// Cut one page out of `items` and wrap it in the paged envelope.
    pub fn envelope(&self, items: Vec<Value>) -> Value {
        let total = items.len();
        let start = ((self.page - 1).saturating_mul(self.limit)).min(total as u64) as usize;
        let results: Vec<Value> = items.into_iter().skip(start).take(self.limit as usize).collect();
        json!({
            "page": self.page,
            "limit": self.limit,
            "total_results": total,
            "results": results,
        })
    }
}

fn positive(raw: Option<&str>, default: u64, name: &str, errors: &mut Map<String, Value>) -> u64 {
    let Some(raw) = raw else { return default };
    match raw.trim().parse::<i64>() {
        Ok(n) if n >= 1 => n as u64,
        Ok(_) => {
            errors.insert(name.to_string(), json!(["Ensure this value is greater than or equal to 1."]));
            default
        }
        Err(_) => {
            errors.insert(name.to_string(), json!(["A valid integer is required."]));
            default
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum FilterOp {
    Eq,
    Ne,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
}

impl FilterOp {
    /// The operator of a parameter name's suffix: `""` (bare) or `[$eq]` … `[$lte]`.
    fn from_suffix(suffix: &str) -> Option<FilterOp> {
        Some(match suffix {
            "" | "[$eq]" => FilterOp::Eq,
            "[$ne]" => FilterOp::Ne,
            "[$in]" => FilterOp::In,
            "[$gt]" => FilterOp::Gt,
            "[$gte]" => FilterOp::Gte,
            "[$lt]" => FilterOp::Lt,
            "[$lte]" => FilterOp::Lte,
            _ => return None,
        })
    }
}

/// One `filter__<field>[$op]=value` parameter.
#[derive(Clone, Debug)]
pub(crate) struct Filter {
    /// The parameter name as sent, for error maps.
    pub param: String,
    /// The field, without the `filter__` prefix and the operator.
    pub field: String,
    pub op: FilterOp,
    pub values: Vec<String>,
}

/// Every `filter__<field>[$op]` parameter of the query, in arrival order.
/// Names the dispatcher has already checked against the operation's documented
/// parameters; one with an unknown operator is skipped here.
pub(crate) fn all_filters(query: &Query) -> Vec<Filter> {
    let mut out = Vec::new();
    for (key, value) in &query.pairs {
        let Some(rest) = key.strip_prefix("filter__") else {
            continue;
        };
        let (field, suffix) = match rest.find('[') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        let Some(op) = FilterOp::from_suffix(suffix) else {
            continue;
        };
        let values = if op == FilterOp::In { split_in(value) } else { vec![value.trim().to_string()] };
        out.push(Filter { param: key.clone(), field: field.to_string(), op, values });
    }
    out
}

/// Split an `$in` list on commas; `\,` stands for a literal comma.
pub(crate) fn split_in(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => {
                current.push(',');
                chars.next();
            }
            ',' => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out.into_iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_with_escapes() {
        assert_eq!(split_in("a,b"), vec!["a", "b"]);
        assert_eq!(split_in(r"Soylent\, Inc.,Hooli"), vec!["Soylent, Inc.", "Hooli"]);
        assert_eq!(split_in(""), Vec::<String>::new());
    }

    #[test]
    fn paging_validation() {
        let q = Query::parse(Some("page=x&limit=0"));
        let err = Paging::from_query(&q).unwrap_err();
        assert_eq!(err["page"][0], "A valid integer is required.");
        assert!(err["limit"].is_array());
        let q = Query::parse(Some("limit=500"));
        assert_eq!(Paging::from_query(&q).unwrap(), Paging { page: 1, limit: 100 });
    }

    #[test]
    fn filter_parsing() {
        let q = Query::parse(Some(
            "filter__contract_id%5B%24in%5D=T-1%2CT-2&filter__contract_id=3&filter__created_at[$gte]=2024-01-01&query=x",
        ));
        let f = all_filters(&q);
        assert_eq!(f.len(), 3);
        assert_eq!((f[0].field.as_str(), f[0].op), ("contract_id", FilterOp::In));
        assert_eq!(f[0].values, vec!["T-1", "T-2"]);
        assert_eq!(f[1].op, FilterOp::Eq);
        assert_eq!((f[2].field.as_str(), f[2].op), ("created_at", FilterOp::Gte));
    }
}
