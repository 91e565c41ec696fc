//! SpotDraft list filters: `filter__<field>[$op]=value`.

use crate::error::{Error, Result};

/// A comparison in a SpotDraft list filter, written `[$op]` after the field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterOp {
    /// Equal to the value (`$eq`).
    Eq,
    /// Not equal to the value (`$ne`).
    Ne,
    /// One of a comma-separated list of values (`$in`).
    In,
    /// Greater than the value (`$gt`).
    Gt,
    /// Greater than or equal to the value (`$gte`).
    Gte,
    /// Less than the value (`$lt`).
    Lt,
    /// Less than or equal to the value (`$lte`).
    Lte,
}

impl FilterOp {
    /// The operator as SpotDraft spells it in the query, e.g. `"$gte"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FilterOp::Eq => "$eq",
            FilterOp::Ne => "$ne",
            FilterOp::In => "$in",
            FilterOp::Gt => "$gt",
            FilterOp::Gte => "$gte",
            FilterOp::Lt => "$lt",
            FilterOp::Lte => "$lte",
        }
    }

    /// The operator named by `text`, with or without the leading `$`, in any case
    /// (`"gte"`, `"$GTE"`).
    ///
    /// # Errors
    /// `invalid_argument` when `text` is not one of eq, ne, in, gt, gte, lt or lte.
    pub fn parse(text: &str) -> Result<FilterOp> {
        let op = text.trim().trim_start_matches('$').to_ascii_lowercase();
        Ok(match op.as_str() {
            "eq" => FilterOp::Eq,
            "ne" => FilterOp::Ne,
            "in" => FilterOp::In,
            "gt" => FilterOp::Gt,
            "gte" => FilterOp::Gte,
            "lt" => FilterOp::Lt,
            "lte" => FilterOp::Lte,
            _ => {
                return Err(Error::invalid_argument(format!(
                    "unknown filter operator {text:?}: expected eq, ne, in, gt, gte, lt or lte"
                )))
            }
        })
    }
}

/// Builds filter query parameters. Field names are checked when the query is built.
///
/// ```
/// let query = spotdraft::Filters::new()
///     .is_in("display_status", ["EXECUTED", "SIGN"])
///     .gte("created_at", "2024-01-01")
///     .into_query()
///     .unwrap();
/// assert_eq!(query[0], ("filter__display_status[$in]".to_string(), "EXECUTED,SIGN".to_string()));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pairs: Vec<(String, String)>,
    error: Option<String>,
}

impl Filters {
    /// No filters yet.
    pub fn new() -> Filters {
        Filters::default()
    }

    /// Adds `filter__<field>[$op]=value`. A bad field name is reported by
    /// [`into_query`](Self::into_query).
    pub fn op(mut self, field: &str, op: FilterOp, value: impl AsRef<str>) -> Filters {
        if let Err(why) = check_field(field) {
            self.error.get_or_insert(why);
        }
        self.pairs.push((format!("filter__{field}[{}]", op.as_str()), value.as_ref().to_string()));
        self
    }

    /// Adds `filter__<field>[$eq]=value`: the field equals the value.
    pub fn eq(self, field: &str, value: impl AsRef<str>) -> Filters {
        self.op(field, FilterOp::Eq, value)
    }
    /// Adds `filter__<field>[$ne]=value`: the field differs from the value.
    pub fn ne(self, field: &str, value: impl AsRef<str>) -> Filters {
        self.op(field, FilterOp::Ne, value)
    }
    /// Adds `filter__<field>[$gt]=value`: the field is greater than the value.
    pub fn gt(self, field: &str, value: impl AsRef<str>) -> Filters {
        self.op(field, FilterOp::Gt, value)
    }
    /// Adds `filter__<field>[$gte]=value`: the field is at least the value.
    pub fn gte(self, field: &str, value: impl AsRef<str>) -> Filters {
        self.op(field, FilterOp::Gte, value)
    }
    /// Adds `filter__<field>[$lt]=value`: the field is less than the value.
    pub fn lt(self, field: &str, value: impl AsRef<str>) -> Filters {
        self.op(field, FilterOp::Lt, value)
    }
    /// Adds `filter__<field>[$lte]=value`: the field is at most the value.
    pub fn lte(self, field: &str, value: impl AsRef<str>) -> Filters {
        self.op(field, FilterOp::Lte, value)
    }

    /// `filter__<field>[$in]=a,b` with commas inside values escaped as `\,`.
    pub fn is_in<I, S>(self, field: &str, values: I) -> Filters
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let joined: Vec<String> = values.into_iter().map(|v| v.as_ref().replace(',', "\\,")).collect();
        self.op(field, FilterOp::In, joined.join(","))
    }

    /// A custom-field filter (`filter_custom__<name>=value`), as counterparty lists take.
    pub fn custom(mut self, name: &str, value: impl AsRef<str>) -> Filters {
        if let Err(why) = check_field(name) {
            self.error.get_or_insert(why);
        }
        self.pairs.push((format!("filter_custom__{name}"), value.as_ref().to_string()));
        self
    }

    /// The query parameters, in the order the filters were added.
    ///
    /// # Errors
    /// `invalid_argument` when a field or custom-field name was empty or had characters
    /// other than ASCII letters, digits and underscores (the first such name is reported).
    pub fn into_query(self) -> Result<Vec<(String, String)>> {
        match self.error {
            Some(why) => Err(Error::invalid_argument(why)),
            None => Ok(self.pairs),
        }
    }
}

fn check_field(field: &str) -> std::result::Result<(), String> {
    if !field.is_empty() && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(())
    } else {
        Err(format!("filter field {field:?} must be letters, digits and underscores (e.g. display_status)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_every_operator() {
        let q = Filters::new()
            .eq("a", "1")
            .ne("b", "2")
            .gt("c", "3")
            .gte("d", "4")
            .lt("e", "5")
            .lte("f", "6")
            .is_in("g", ["x,y", "z"])
            .custom("region", "EU")
            .into_query()
            .unwrap();
        let keys: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "filter__a[$eq]",
                "filter__b[$ne]",
                "filter__c[$gt]",
                "filter__d[$gte]",
                "filter__e[$lt]",
                "filter__f[$lte]",
                "filter__g[$in]",
                "filter_custom__region"
            ]
        );
        assert_eq!(q[6].1, "x\\,y,z");
        assert_eq!(FilterOp::parse("$GTE").unwrap(), FilterOp::Gte);
        assert!(FilterOp::parse("like").is_err());
    }

    #[test]
    fn bad_field_names_are_refused() {
        let err = Filters::new().eq("a]&b=", "1").into_query().unwrap_err();
        assert!(err.to_string().contains("filter field"));
    }
}
