//! Injected faults: rules, their matching, and their use-up counting.

use serde::{Deserialize, Serialize};

/// One injected fault: applies to the next `times` requests whose path equals
/// `path` (`"*"` for any) and, if given, whose method equals `method`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FaultRule {
    /// Exact request path (no query string), or `"*"` for any path.
    pub path: String,
    /// HTTP method to match (case-insensitive); `None` matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// How many matching requests the rule applies to before it is used up.
    #[serde(default = "one")]
    pub times: u32,
    /// What happens to a matching request.
    pub fault: Fault,
}

fn one() -> u32 {
    1
}

impl FaultRule {
    /// A rule for any method on `path`, applied once.
    pub fn new(path: &str, fault: Fault) -> Self {
        FaultRule { path: path.to_string(), method: None, times: 1, fault }
    }

    /// Restrict the rule to one method.
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_string());
        self
    }

    /// Apply the rule to this many matching requests.
    pub fn times(mut self, times: u32) -> Self {
        self.times = times;
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let path_ok = self.path == "*" || self.path == path;
        let method_ok = self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
        path_ok && method_ok && self.times > 0
    }
}

/// What an injected fault does to a request. Serialized with a `kind` tag,
/// e.g. `{"kind": "status", "status": 503, "retry_after": "2", "body": null}`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Answer with this status, an optional raw `Retry-After` value and an
    /// optional JSON body (a `{"detail": ...}` body when absent).
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<String>,
        #[serde(default)]
        body: Option<serde_json::Value>,
    },
    /// Read the request, then abort the TCP connection without a response.
    Reset,
    /// Wait this long, then answer normally.
    Delay { millis: u64 },
    /// Answer normally but declare a Content-Length larger than the bytes
    /// sent, then close the connection.
    Truncate,
    /// Answer 302 with this `Location`.
    Redirect { location: String },
    /// Answer normally (keep-alive, no `Connection: close`), then close the idle
    /// connection this long afterwards: the client's pooled connection goes dead.
    CloseWhenIdle { after_millis: u64 },
    /// Answer normally with the full Content-Length, but send only the status, the
    /// headers and the first half of the body, then fall silent for `millis` before
    /// sending the rest: a server that stalls mid-body.
    StallBody { millis: u64 },
    /// Answer 200 with `Content-Type: application/json` and a body that does not parse
    /// as JSON (`body` when given, else a cut-off object).
    MalformedJson {
        #[serde(default)]
        body: Option<String>,
    },
}

/// The body `malformed_json` sends when the rule gives none: JSON cut off mid-object.
pub(crate) const MALFORMED_JSON_BODY: &str = r#"{"page": 1, "limit": 5, "results": [{"id": 1, "name": "#;

impl Fault {
    /// A short label for the request log, e.g. `status:503` or `reset`.
    pub(crate) fn label(&self) -> String {
        match self {
            Fault::Status { status, .. } => format!("status:{status}"),
            Fault::Reset => "reset".to_string(),
            Fault::Delay { millis } => format!("delay:{millis}ms"),
            Fault::Truncate => "truncate".to_string(),
            Fault::Redirect { .. } => "redirect".to_string(),
            Fault::CloseWhenIdle { after_millis } => format!("close_when_idle:{after_millis}ms"),
            Fault::StallBody { millis } => format!("stall_body:{millis}ms"),
            Fault::MalformedJson { .. } => "malformed_json".to_string(),
        }
    }
}

/// The active fault rules, oldest first; the first matching rule wins.
#[derive(Default)]
pub(crate) struct FaultBook {
    rules: Vec<FaultRule>,
}

impl FaultBook {
    pub fn add(&mut self, rule: FaultRule) {
        if rule.times > 0 {
            self.rules.push(rule);
        }
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Take one use of the first rule matching this request, if any.
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.rules.iter().position(|r| r.matches(method, path))?;
        let rule = &mut self.rules[index];
        rule.times -= 1;
        let fault = rule.fault.clone();
        if rule.times == 0 {
            self.rules.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_used_up_in_order() {
        let mut book = FaultBook::default();
        book.add(FaultRule::new("/a", Fault::Reset).times(2));
        book.add(FaultRule::new("*", Fault::Truncate).method("post"));
        assert_eq!(book.take("GET", "/b"), None);
        assert_eq!(book.take("POST", "/a"), Some(Fault::Reset));
        assert_eq!(book.take("GET", "/a"), Some(Fault::Reset));
        assert_eq!(book.take("GET", "/a"), None);
        assert_eq!(book.take("POST", "/a"), Some(Fault::Truncate));
        assert_eq!(book.take("POST", "/a"), None);
    }

    #[test]
    fn json_shape() {
        let rule: FaultRule =
            serde_json::from_str(r#"{"path":"*","fault":{"kind":"status","status":503,"retry_after":"1"}}"#).unwrap();
        assert_eq!(rule.times, 1);
        assert_eq!(rule.fault, Fault::Status { status: 503, retry_after: Some("1".into()), body: None });
        let rule: FaultRule =
            serde_json::from_str(r#"{"path":"*","fault":{"kind":"stall_body","millis":300}}"#).unwrap();
        assert_eq!(rule.fault, Fault::StallBody { millis: 300 });
        let rule: FaultRule = serde_json::from_str(r#"{"path":"*","fault":{"kind":"malformed_json"}}"#).unwrap();
        assert_eq!(rule.fault, Fault::MalformedJson { body: None });
        assert_eq!(rule.fault.label(), "malformed_json");
    }

    #[test]
    fn the_default_malformed_body_does_not_parse() {
        assert!(serde_json::from_str::<serde_json::Value>(MALFORMED_JSON_BODY).is_err());
    }
}
