//! Templates and contract types.

use super::models::{ContractType, Template};
use super::{list_from, operation_request};
use crate::catalogue::names;
use crate::client::Client;
use crate::error::{Error, Result};

/// Filters of `templates.list` (all optional).
#[derive(Clone, Debug, Default)]
pub struct TemplateQuery {
    /// Templates with any of these tags (all of them with `tags_all`).
    pub tags: Vec<String>,
    /// Templates that carry every one of these tags.
    pub tags_all: Vec<String>,
    /// `Organisation` or `Individual` counterparties.
    pub cp_types: Option<String>,
    /// With `cp_types`: whether every counterparty of a multi-party template must be of that
    /// type (SpotDraft's default is `false`: one is enough).
    pub cp_types_all: Option<bool>,
    /// Whether archived templates are included.
    pub include_archived: Option<bool>,
    /// Whether templates that take several counterparties are left out.
    pub exclude_multi_party: Option<bool>,
}

impl TemplateQuery {
    fn pairs(&self) -> Vec<(String, String)> {
        // Array parameters repeat the name, as the schema's default (form, explode) style does.
        let mut pairs: Vec<(String, String)> = Vec::new();
        pairs.extend(self.tags.iter().map(|t| ("tags".to_string(), t.clone())));
        pairs.extend(self.tags_all.iter().map(|t| ("tags_all".to_string(), t.clone())));
        if let Some(cp_types) = &self.cp_types {
            pairs.push(("cp_types".to_string(), cp_types.clone()));
        }
        for (name, flag) in [
            ("cp_types_all", self.cp_types_all),
            ("include_archived", self.include_archived),
            ("exclude_multi_party", self.exclude_multi_party),
        ] {
            if let Some(flag) = flag {
                pairs.push((name.to_string(), flag.to_string()));
            }
        }
        pairs
    }
}

/// Templates operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct Templates {
    client: Client,
}

/// ContractTypes operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct ContractTypes {
    client: Client,
}

impl Client {
    /// Template operations: the workspace's contract templates.
    pub fn templates(&self) -> Templates {
        Templates { client: self.clone() }
    }
    /// Contract type operations: the kinds of contract the workspace defines (NDA, MSA, ...).
    pub fn contract_types(&self) -> ContractTypes {
        ContractTypes { client: self.clone() }
    }
}

impl Templates {
    /// Templates of the workspace (not paged: the API answers them all).
    ///
    /// # Errors
    /// As [`Client::send`], and `decode` when the answer is not a list of templates.
    pub async fn list(&self, query: &TemplateQuery) -> Result<Vec<Template>> {
        let mut request = operation_request(names::TEMPLATES_LIST, &[])?;
        request.query.extend(query.pairs());
        list_from(&self.client.send(request).await?, &["items", "results"])
    }

    /// One template by its SpotDraft id.
    ///
    /// # Errors
    /// As [`Client::send`] (`not_found` for an unknown id), and `decode` when the answer is not
    /// a template.
    pub async fn get(&self, id: u64) -> Result<Template> {
        let id = id.to_string();
        self.client.send(operation_request(names::TEMPLATES_GET, &[("template_id", &id)])?).await?.json()
    }

    /// The template's fields and their metadata, as SpotDraft describes them.
    ///
    /// # Errors
    /// As [`Client::send`] (`not_found` for an unknown id), and `decode` when the answer is
    /// not JSON.
    pub async fn metadata(&self, id: u64) -> Result<serde_json::Value> {
        let id = id.to_string();
        self.client.send(operation_request(names::TEMPLATES_METADATA, &[("template_id", &id)])?).await?.json_value()
    }

    /// The template with this exact name (case-insensitive), if there is one.
    ///
    /// # Errors
    /// `invalid_argument` when `name` is blank; otherwise as [`list`](Self::list).
    pub async fn find_by_name(&self, name: &str) -> Result<Option<Template>> {
        if name.trim().is_empty() {
            return Err(Error::invalid_argument("template name is empty"));
        }
        let all = self.list(&TemplateQuery::default()).await?;
        Ok(all.into_iter().find(|t| t.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name.trim()))))
    }
}

impl ContractTypes {
    /// The workspace's contract types.
    ///
    /// # Errors
    /// As [`Client::send`], and `decode` when the answer is not a list of contract types.
    pub async fn list(&self) -> Result<Vec<ContractType>> {
        let response = self.client.send(operation_request(names::CONTRACT_TYPES_LIST, &[])?).await?;
        list_from(&response, &["results", "items"])
    }
}
