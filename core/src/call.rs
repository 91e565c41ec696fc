//! Any catalogue operation by name: path parameters and query from one params object,
//! an optional JSON body, through the same request path as everything else. This is how
//! bindings (C in particular) and the CLI reach the whole API with one function.

use serde_json::{Map, Value};

use crate::catalogue::{self, Operation};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::Request;
use crate::response::Response;

/// Builds the request for operation `name`. Each param goes to the path when the operation
/// has a `{param}` of that name, else to the query; unknown names are refused so that a
/// typo does not silently drop a filter.
///
/// # Errors
/// `invalid_argument` for an unknown operation, an unknown parameter, a missing path
/// parameter, or an object where a parameter value was expected.
pub fn build_call(name: &str, params: &Map<String, Value>, body: Option<Value>) -> Result<Request> {
    let operation = catalogue::find(name).ok_or_else(|| unknown_operation(name))?;
    let mut path_values: Vec<(&str, String)> = Vec::new();
    let mut query: Vec<(String, String)> = Vec::new();
    for (key, value) in params {
        let Some(text) = param_text(key, value)? else { continue };
        if let Some(param) = operation.path_params.iter().find(|p| **p == key) {
            path_values.push((param, text));
        } else if accepts_query(operation, key) {
            query.push((key.clone(), text));
        } else {
            return Err(Error::invalid_argument(format!(
                "operation {name} has no parameter {key:?}; {}",
                describe_params(operation)
            )));
        }
    }
    let lookup: Vec<(&str, &str)> = path_values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let path = operation
        .render_path_with(&lookup)
        .map_err(|e| Error::invalid_argument(format!("{e}; {}", describe_params(operation))))?;
    let mut request = Request::new(operation.method, path).idempotent(operation.is_idempotent());
    request.query = query;
    if let Some(body) = body {
        if !body.is_null() {
            request = request.json(body);
        }
    }
    Ok(request)
}

impl Client {
    /// Calls catalogue operation `name` (e.g. `"contracts.status"`) with `params`.
    ///
    /// # Errors
    /// `invalid_argument` for an unknown operation or parameter (the message suggests the
    /// right names); otherwise as [`Client::send`].
    pub async fn call(&self, name: &str, params: &Map<String, Value>, body: Option<Value>) -> Result<Response> {
        self.send(build_call(name, params, body)?).await
    }
}

fn accepts_query(operation: &Operation, key: &str) -> bool {
    if operation.has_query_param(key) {
        return true;
    }
    if operation.paged && (key == "page" || key == "limit") {
        return true;
    }
    // Filters are declared per field; any filter__ / filter_custom__ name is accepted on an
    // operation that declares filters at all.
    let declares = |prefix: &str| operation.query_params.iter().any(|q| q.starts_with(prefix));
    (key.starts_with("filter__") && declares("filter__"))
        || (key.starts_with("filter_custom__") && declares("filter_custom__"))
}

fn param_text(key: &str, value: &Value) -> Result<Option<String>> {
    Ok(Some(match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                if let Some(text) = param_text(key, item)? { parts.push(text.replace(',', "\\,")) }
            }
            parts.join(",")
        }
        Value::Object(_) => {
            return Err(Error::invalid_argument(format!(
                "parameter {key:?} is an object; parameters are strings, numbers, booleans or lists of them (send objects in the body)"
            )))
        }
    }))
}

fn describe_params(operation: &Operation) -> String {
    let path = if operation.path_params.is_empty() {
        "no path parameters".to_string()
    } else {
        format!("path parameters: {}", operation.path_params.join(", "))
    };
    let plain: Vec<&str> = operation.query_params.iter().copied().filter(|q| !q.contains('[')).take(12).collect();
    let query = if plain.is_empty() && !operation.paged {
        "no query parameters".to_string()
    } else {
        let mut names: Vec<&str> = Vec::new();
        if operation.paged {
            names.extend(["page", "limit"]);
        }
        names.extend(plain.iter().filter(|n| **n != "page" && **n != "limit"));
        format!("query parameters include: {}", names.join(", "))
    };
    format!("it takes {path}; {query}")
}

fn unknown_operation(name: &str) -> Error {
    let mut ranked: Vec<(usize, &str)> =
        catalogue::operations().iter().map(|op| (edit_distance(name, op.name), op.name)).collect();
    ranked.sort_unstable();
    let close: Vec<&str> =
        ranked.iter().take_while(|(d, _)| *d <= name.len() / 2 + 1).take(5).map(|(_, n)| *n).collect();
    let hint = if close.is_empty() {
        "see the operation catalogue for every name".to_string()
    } else {
        format!("did you mean {}?", close.join(", "))
    };
    Error::invalid_argument(format!("unknown operation {name:?} ({hint})"))
}

/// Levenshtein distance, for suggesting the operation a typo meant.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn path_and_query_are_split() {
        let request = build_call("contracts.status", &params(json!({"composite_id": "T-12"})), None).unwrap();
        assert_eq!(request.path, "/api/v2.1/public/contracts/T-12/status");
        let request = build_call(
            "contracts.list",
            &params(json!({"page": 2, "limit": 5, "filter__display_status[$in]": ["EXECUTED", "a,b"], "query": "nda"})),
            None,
        )
        .unwrap();
        assert_eq!(request.path, "/api/v2.1/public/contracts/");
        assert!(request.query.contains(&("page".into(), "2".into())));
        assert!(request.query.contains(&("filter__display_status[$in]".into(), "EXECUTED,a\\,b".into())));
    }

    #[test]
    fn mistakes_are_named() {
        let err = build_call("contracts.status", &Map::new(), None).unwrap_err();
        assert!(err.to_string().contains("composite_id"), "{err}");
        let err = build_call("contracts.status", &params(json!({"composite_id": "T-1", "pgae": 1})), None).unwrap_err();
        assert!(err.to_string().contains("\"pgae\""), "{err}");
        let err = build_call("contracts.lst", &Map::new(), None).unwrap_err();
        assert!(err.to_string().contains("contracts.list"), "{err}");
        let err = build_call("contracts.list", &params(json!({"query": {"a": 1}})), None).unwrap_err();
        assert!(err.to_string().contains("object"), "{err}");
    }

    #[test]
    fn downloads_are_safe_to_retry_and_creation_is_not() {
        let params = params(json!({"composite_id": "T-1"}));
        assert!(build_call("contracts.download", &params, None).unwrap().is_idempotent());
        assert!(!build_call("contracts.create", &Map::new(), Some(json!({}))).unwrap().is_idempotent());
    }
}
