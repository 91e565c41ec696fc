//! The on-disk shape of `credentials.json`, version 1:
//!
//! ```json
//! {
//!   "version": 1,
//!   "default": "prod",
//!   "profiles": {
//!     "prod": {
//!       "description": "Production workspace",
//!       "client_id": "abc123",
//!       "client_secret": "…",
//!       "user_email": null,
//!       "endpoint": "us",
//!       "rate_limit_url": "redis://:…@redis.internal:6379",
//!       "created_at": "2025-01-31T09:05:00.123Z",
//!       "updated_at": "2025-01-31T09:05:00.123Z"
//!     }
//!   }
//! }
//! ```
//!
//! Parsing is done by hand from a `serde_json::Value` so every error names the file, the
//! profile and the field, and never quotes a value (a value in the wrong place may be a
//! secret). Fields this version does not know are kept and written back unchanged, so an
//! older spotdraft never drops what a newer one saved.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

pub(crate) const FORMAT_VERSION: u64 = 1;

/// The whole credentials file.
#[derive(Default)]
pub(crate) struct StoreFile {
    pub default: Option<String>,
    pub profiles: BTreeMap<String, StoredProfile>,
    /// Top-level fields this version does not know, kept as they were.
    pub extra: Map<String, Value>,
}

/// One profile as stored: plain strings, validated only when a profile is used (so one bad
/// hand edit does not make the rest of the file unusable, and is never "fixed" away).
pub(crate) struct StoredProfile {
    pub description: Option<String>,
    pub client_id: String,
    pub client_secret: Zeroizing<String>,
    pub user_email: Option<String>,
    pub endpoint: String,
    /// Optional (absent in files written before it existed); may hold a Redis password.
    pub rate_limit_url: Option<Zeroizing<String>>,
    pub created_at: String,
    pub updated_at: String,
    /// Profile fields this version does not know, kept as they were.
    pub extra: Map<String, Value>,
}

impl StoreFile {
    /// Parses the file's bytes. `path` is only used in error messages.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<StoreFile> {
        let corrupt = |what: String| {
            Error::new(
                ErrorKind::Store,
                format!(
                    "credentials file {} {what}. It was left untouched: fix it, or move it aside to start afresh",
                    path.display()
                ),
            )
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(corrupt("is empty (expected a JSON object with \"version\": 1)".into()));
        }
        let mut root: Value = serde_json::from_slice(bytes).map_err(|e| corrupt(describe_json_error(&e)))?;
        let Value::Object(map) = &mut root else {
            return Err(corrupt(format!("holds {} where a JSON object was expected", type_name(&root))));
        };
        match map.remove("version") {
            None => {
                return Err(corrupt(
                    "has no \"version\" field, so it is not a spotdraft credentials file this version understands"
                        .into(),
                ))
            }
            Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => {}
            Some(Value::Number(n)) => {
                return Err(corrupt(format!(
                    "uses format version {n}, but this spotdraft reads only version {FORMAT_VERSION}; \
                     upgrade spotdraft to use it"
                )))
            }
            Some(other) => {
                return Err(corrupt(format!(
                    "has a \"version\" field holding {}; expected the number {FORMAT_VERSION}",
                    type_name(&other)
                )))
            }
        }
        let default = match map.remove("default") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => Some(name),
            Some(other) => {
                return Err(corrupt(format!(
                    "has a \"default\" field holding {}; expected a profile name or null",
                    type_name(&other)
                )))
            }
        };
        let mut profiles = BTreeMap::new();
        match map.remove("profiles") {
            None | Some(Value::Null) => {}
            Some(Value::Object(entries)) => {
                for (name, value) in entries {
                    let profile = StoredProfile::from_value(value)
                        .map_err(|what| corrupt(format!("has a bad profile {name:?}: {what}")))?;
                    profiles.insert(name, profile);
                }
            }
            Some(other) => {
                return Err(corrupt(format!(
                    "has a \"profiles\" field holding {}; expected an object of profiles keyed by name",
                    type_name(&other)
                )))
            }
        }
        Ok(StoreFile { default, profiles, extra: std::mem::take(map) })
    }

    /// The file's bytes: pretty JSON with a trailing newline. Zeroized when dropped.
    pub fn to_bytes(&self) -> Result<Zeroizing<Vec<u8>>> {
        #[derive(Serialize)]
        struct FileOut<'a> {
            version: u64,
            default: &'a Option<String>,
            profiles: BTreeMap<&'a str, ProfileOut<'a>>,
            #[serde(flatten)]
            extra: &'a Map<String, Value>,
        }
        #[derive(Serialize)]
        struct ProfileOut<'a> {
            description: &'a Option<String>,
            client_id: &'a str,
            client_secret: &'a str,
            user_email: &'a Option<String>,
            endpoint: &'a str,
            // Left out when unset, so files without it stay byte-for-byte as they were.
            #[serde(skip_serializing_if = "Option::is_none")]
            rate_limit_url: Option<&'a str>,
            created_at: &'a str,
            updated_at: &'a str,
            #[serde(flatten)]
            extra: &'a Map<String, Value>,
        }
        let out = FileOut {
            version: FORMAT_VERSION,
            default: &self.default,
            profiles: self
                .profiles
                .iter()
                .map(|(name, p)| {
                    let entry = ProfileOut {
                        description: &p.description,
                        client_id: &p.client_id,
                        client_secret: p.client_secret.as_str(),
                        user_email: &p.user_email,
                        endpoint: &p.endpoint,
                        rate_limit_url: p.rate_limit_url.as_ref().map(|url| url.as_str()),
                        created_at: &p.created_at,
                        updated_at: &p.updated_at,
                        extra: &p.extra,
                    };
                    (name.as_str(), entry)
                })
                .collect(),
            extra: &self.extra,
        };
        // Reserve generously up front so the buffer holding secrets is not reallocated
        // (a reallocation would leave an un-zeroized copy behind).
        let estimate = 4096 + self.profiles.values().map(StoredProfile::estimated_len).sum::<usize>() * 2;
        let mut bytes = Zeroizing::new(Vec::with_capacity(estimate));
        serde_json::to_writer_pretty(&mut *bytes, &out)
            .map_err(|e| Error::new(ErrorKind::Store, format!("could not encode the credentials file: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// The saved profile names, sorted, for "no such profile" messages.
    pub fn names_for_message(&self) -> String {
        if self.profiles.is_empty() {
            "no profiles are saved yet".to_string()
        } else {
            let names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
            format!("saved profiles: {}", names.join(", "))
        }
    }
}

impl StoredProfile {
    fn from_value(value: Value) -> std::result::Result<StoredProfile, String> {
        let Value::Object(mut map) = value else {
            return Err(format!("it holds {} where an object was expected", type_name(&value)));
        };
        let mut required = |field: &str| match map.remove(field) {
            Some(Value::String(s)) => Ok(s),
            None | Some(Value::Null) => Err(format!("field \"{field}\" is missing")),
            Some(other) => Err(format!("field \"{field}\" holds {}; expected a string", type_name(&other))),
        };
        let client_id = required("client_id")?;
        let client_secret = Zeroizing::new(required("client_secret")?);
        let endpoint = required("endpoint")?;
        let mut optional = |field: &str| match map.remove(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(format!("field \"{field}\" holds {}; expected a string or null", type_name(&other))),
        };
        let description = optional("description")?;
        let user_email = optional("user_email")?;
        let rate_limit_url = optional("rate_limit_url")?.map(Zeroizing::new);
        let created_at = optional("created_at")?.unwrap_or_default();
        let updated_at = optional("updated_at")?.unwrap_or_default();
        Ok(StoredProfile {
            description,
            client_id,
            client_secret,
            user_email,
            endpoint,
            rate_limit_url,
            created_at,
            updated_at,
            extra: map,
        })
    }

    fn estimated_len(&self) -> usize {
        256 + self.client_id.len()
            + self.client_secret.len()
            + self.description.as_ref().map_or(0, String::len)
            + self.user_email.as_ref().map_or(0, String::len)
            + self.endpoint.len()
            + self.rate_limit_url.as_ref().map_or(0, |url| url.len())
            + self.extra.iter().map(|(k, v)| k.len() + v.to_string().len()).sum::<usize>()
    }
}

/// What kind of JSON value this is, without its content.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// "is not valid JSON (line 3 column 5: expected `,` or `}`)". serde_json syntax errors
/// describe the grammar, never the text, so they are safe to show.
fn describe_json_error(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    match error.classify() {
        serde_json::error::Category::Io => format!("could not be read: {what}"),
        _ => format!("is not valid JSON (line {} column {}: {what})", error.line(), error.column()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<StoreFile> {
        StoreFile::parse(text.as_bytes(), Path::new("/cfg/credentials.json"))
    }

    const GOOD: &str = r#"{
  "version": 1,
  "default": "prod",
  "profiles": {
    "prod": {
      "description": "Main",
      "client_id": "id-1",
      "client_secret": "sec-ret-value-1234",
      "user_email": null,
      "endpoint": "eu",
      "created_at": "2025-01-01T00:00:00.000Z",
      "updated_at": "2025-01-02T00:00:00.000Z",
      "future_field": [1, 2]
    }
  },
  "future_top": {"a": true}
}
"#;

    #[test]
    fn round_trips_and_keeps_unknown_fields() {
        let file = parse(GOOD).unwrap();
        assert_eq!(file.default.as_deref(), Some("prod"));
        let prod = &file.profiles["prod"];
        assert_eq!(prod.endpoint, "eu");
        assert_eq!(prod.client_secret.as_str(), "sec-ret-value-1234");
        let bytes = file.to_bytes().unwrap();
        let again: Value = serde_json::from_slice(&bytes).unwrap();
        let expected: Value = serde_json::from_str(GOOD).unwrap();
        assert_eq!(again, expected);
    }

    #[test]
    fn errors_name_the_problem_without_values() {
        let cases = [
            ("", "is empty"),
            ("{\"version\": 1,\n  \"profiles\": {\n    oops}}", "line 3 column 5"),
            ("[1, 2]", "holds a list where a JSON object was expected"),
            ("{}", "has no \"version\" field"),
            ("{\"version\": 2}", "format version 2"),
            ("{\"version\": \"1\"}", "\"version\" field holding a string"),
            ("{\"version\": 1, \"default\": 7}", "\"default\" field holding a number"),
            ("{\"version\": 1, \"profiles\": []}", "\"profiles\" field holding a list"),
            ("{\"version\": 1, \"profiles\": {\"p\": \"SECRETSECRET\"}}", "bad profile \"p\": it holds a string"),
            (
                "{\"version\": 1, \"profiles\": {\"p\": {\"client_id\": \"SECRETSECRET\", \"endpoint\": \"us\"}}}",
                "field \"client_secret\" is missing",
            ),
            (
                "{\"version\": 1, \"profiles\": {\"p\": {\"client_id\": \"i\", \"client_secret\": 12345678, \"endpoint\": \"us\"}}}",
                "field \"client_secret\" holds a number",
            ),
        ];
        for (text, expected) in cases {
            let err = parse(text).err().unwrap_or_else(|| panic!("{text:?} parsed"));
            let message = err.to_string();
            assert_eq!(err.kind(), ErrorKind::Store);
            assert!(message.contains(expected), "{message:?} should contain {expected:?}");
            assert!(message.contains("/cfg/credentials.json"), "{message}");
            assert!(!message.contains("SECRETSECRET") && !message.contains("12345678"), "{message}");
        }
    }
}
