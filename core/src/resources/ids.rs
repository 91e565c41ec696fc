//! Contract ids: composite (`T-123` for template contracts, `H-123` for historical ones) or
//! plain integers, as the API's paths and payloads use them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// A SpotDraft contract id. Parses from `T-123`, `H-123` (any case) or a bare number, and
/// displays as `T-123`, `H-123` or the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContractId {
    /// `T-123`: created from a template.
    Template(u64),
    /// `H-123`: uploaded (historical / third-party paper).
    Historical(u64),
    /// A bare number, as some paths and older payloads use.
    Plain(u64),
}

impl ContractId {
    /// The numeric part, for paths that take an integer `contract_id`.
    pub fn number(self) -> u64 {
        match self {
            ContractId::Template(n) | ContractId::Historical(n) | ContractId::Plain(n) => n,
        }
    }
}

impl fmt::Display for ContractId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContractId::Template(n) => write!(f, "T-{n}"),
            ContractId::Historical(n) => write!(f, "H-{n}"),
            ContractId::Plain(n) => write!(f, "{n}"),
        }
    }
}

impl FromStr for ContractId {
    type Err = Error;
    fn from_str(text: &str) -> Result<ContractId> {
        let bad = || {
            Error::invalid_argument(format!(
                "contract id {text:?} is not valid: expected T-123 (template), H-123 (historical) or a number"
            ))
        };
        let trimmed = text.trim();
        let number = |digits: &str| -> Result<u64> {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            digits.parse().map_err(|_| bad())
        };
        match trimmed.get(..2).map(|p| p.to_ascii_uppercase()) {
            Some(prefix) if prefix == "T-" => Ok(ContractId::Template(number(&trimmed[2..])?)),
            Some(prefix) if prefix == "H-" => Ok(ContractId::Historical(number(&trimmed[2..])?)),
            _ => Ok(ContractId::Plain(number(trimmed)?)),
        }
    }
}

impl From<u64> for ContractId {
    fn from(n: u64) -> ContractId {
        ContractId::Plain(n)
    }
}

impl Serialize for ContractId {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ContractId::Plain(n) => serializer.serialize_u64(*n),
            other => serializer.serialize_str(&other.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for ContractId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<ContractId, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Number(n) => Ok(ContractId::Plain(n)),
            Raw::Text(text) => text.parse().map_err(|e: Error| serde::de::Error::custom(e.message().to_string())),
        }
    }
}

/// Anything that names a contract: `ContractId`, `"T-123"`, `123u64`.
pub trait IntoContractId {
    /// The contract id this names.
    ///
    /// # Errors
    /// `invalid_argument` when a text id is not `T-<number>`, `H-<number>` or a number that
    /// fits in a `u64` (ids given as numbers or [`ContractId`] never fail).
    fn into_contract_id(self) -> Result<ContractId>;
}

impl IntoContractId for ContractId {
    fn into_contract_id(self) -> Result<ContractId> {
        Ok(self)
    }
}
impl IntoContractId for &ContractId {
    fn into_contract_id(self) -> Result<ContractId> {
        Ok(*self)
    }
}
impl IntoContractId for &str {
    fn into_contract_id(self) -> Result<ContractId> {
        self.parse()
    }
}
impl IntoContractId for &String {
    fn into_contract_id(self) -> Result<ContractId> {
        self.parse()
    }
}
impl IntoContractId for u64 {
    fn into_contract_id(self) -> Result<ContractId> {
        Ok(ContractId::Plain(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!("T-12".parse::<ContractId>().unwrap(), ContractId::Template(12));
        assert_eq!("h-7".parse::<ContractId>().unwrap(), ContractId::Historical(7));
        assert_eq!(" 42 ".parse::<ContractId>().unwrap(), ContractId::Plain(42));
        for bad in ["", "T-", "X-1", "T-1a", "-1", "1.5", "T--1", "99999999999999999999999"] {
            assert!(bad.parse::<ContractId>().is_err(), "{bad}");
        }
        assert_eq!(ContractId::Historical(3).to_string(), "H-3");
        let parsed: Vec<ContractId> = serde_json::from_str(r#"["T-1", 2, "H-3"]"#).unwrap();
        assert_eq!(parsed, [ContractId::Template(1), ContractId::Plain(2), ContractId::Historical(3)]);
        assert_eq!(serde_json::to_string(&parsed).unwrap(), r#"["T-1",2,"H-3"]"#);
    }
}
