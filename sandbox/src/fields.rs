//! Request bodies and Django-REST-framework-style field validation: a 400
//! answers a map from field name to a list of messages.

use serde_json::{json, Map, Value};

use crate::body::{detail, json_response, HttpResponse};

pub(crate) type Object = Map<String, Value>;

/// A finished error answer, boxed to keep `Result`s small.
pub(crate) type Rejected = Box<HttpResponse>;

pub(crate) const REQUIRED: &str = "This field is required.";
pub(crate) const BLANK: &str = "This field may not be blank.";
pub(crate) const NOT_A_STRING: &str = "Not a valid string.";

/// The JSON object a request sent; an empty body counts as `{}`.
pub(crate) fn object_body(body: &[u8]) -> Result<Object, Rejected> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(Box::new(json_response(
            400,
            &json!({"non_field_errors": [format!("Invalid data. Expected a dictionary, but got {}.", type_name(&other))]}),
        ))),
        Err(e) => Err(Box::new(detail(400, &format!("JSON parse error - {e}")))),
    }
}

/// The Python type name DRF puts in its messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// Field errors collected while validating one request.
#[derive(Default)]
pub(crate) struct FieldErrors(Map<String, Value>);

impl FieldErrors {
    pub fn new() -> Self {
        FieldErrors::default()
    }

    /// Add one message to `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        let entry = self.0.entry(field.to_string()).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = entry {
            list.push(Value::String(message.into()));
        }
    }

    /// Set `field` to a nested error value (an object or a list of objects).
    pub fn nested(&mut self, field: &str, errors: Value) {
        self.0.insert(field.to_string(), errors);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }

    /// `Ok` when nothing was added, else the 400 answer.
    pub fn check(self) -> Result<(), Rejected> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Box::new(json_response(400, &Value::Object(self.0))))
        }
    }

    /// A required, non-blank string.
    pub fn required_string(&mut self, obj: &Object, field: &str) -> Option<String> {
        match obj.get(field) {
            None => {
                self.add(field, REQUIRED);
                None
            }
            Some(_) => match self.optional_string(obj, field) {
                Some(s) if s.trim().is_empty() => {
                    self.add(field, BLANK);
                    None
                }
                other => other,
            },
        }
    }

    /// A string if present (`null` counts as absent).
    pub fn optional_string(&mut self, obj: &Object, field: &str) -> Option<String> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.add(field, NOT_A_STRING);
                None
            }
        }
    }

    /// An object if present (`null` counts as absent).
    pub fn optional_object(&mut self, obj: &Object, field: &str) -> Option<Object> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(map.clone()),
            Some(other) => {
                self.add(field, format!("Expected a dictionary of items but got type \"{}\".", type_name(other)));
                None
            }
        }
    }

    /// A boolean if present (`null` counts as absent).
    pub fn optional_bool(&mut self, obj: &Object, field: &str) -> Option<bool> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.add(field, "Must be a valid boolean.");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_and_messages() {
        assert!(object_body(b"").unwrap().is_empty());
        assert!(object_body(b"  \n").unwrap().is_empty());
        assert_eq!(object_body(br#"{"a": 1}"#).unwrap()["a"], 1);
        assert_eq!(object_body(b"[1]").unwrap_err().status(), 400);
        assert_eq!(object_body(b"{nope").unwrap_err().status(), 400);
        let obj: Object = serde_json::from_str(r#"{"a": "", "b": 3, "c": "x", "d": [1]}"#).unwrap();
        let mut errors = FieldErrors::new();
        assert_eq!(errors.required_string(&obj, "a"), None);
        assert_eq!(errors.required_string(&obj, "b"), None);
        assert_eq!(errors.required_string(&obj, "c").as_deref(), Some("x"));
        assert_eq!(errors.required_string(&obj, "z"), None);
        assert_eq!(errors.optional_object(&obj, "d"), None);
        let value = errors.into_value();
        assert_eq!(value["a"][0], BLANK);
        assert_eq!(value["b"][0], NOT_A_STRING);
        assert_eq!(value["z"][0], REQUIRED);
        assert_eq!(value["d"][0], "Expected a dictionary of items but got type \"list\".");
        assert!(value.get("c").is_none());
    }
}
