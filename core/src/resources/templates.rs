//! Templates and contract types.

use super::models::{ContractType, Template};
use super::{operation_request, unwrap_list};
use crate::client::Client;
use crate::error::{Error, Result};

/// Filters of `templates.list` (all optional; values are comma-separated lists in the API).
#[derive(Clone, Debug, Default)]
pub struct TemplateQuery {
    pub tags: Vec<String>,
    pub tags_all: Vec<String>,
    pub cp_types: Vec<String>,
    pub include_archived: Option<bool>,
    pub exclude_multi_party: Option<bool>,
}

impl TemplateQuery {
    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for (name, values) in [("tags", &self.tags), ("tags_all", &self.tags_all), ("cp_types", &self.cp_types)] {
            if !values.is_empty() {
                pairs.push((name.to_string(), values.join(",")));
            }
        }
        for (name, flag) in
            [("include_archived", self.include_archived), ("exclude_multi_party", self.exclude_multi_party)]
        {
            if let Some(flag) = flag {
                pairs.push((name.to_string(), flag.to_string()));
            }
        }
        pairs
    }
}

pub struct Templates<'a> {
    client: &'a Client,
}

pub struct ContractTypes<'a> {
    client: &'a Client,
}

impl Client {
    pub fn templates(&self) -> Templates<'_> {
        Templates { client: self }
    }
    pub fn contract_types(&self) -> ContractTypes<'_> {
        ContractTypes { client: self }
    }
}

impl Templates<'_> {
    /// Templates of the workspace (not paged: the API answers them all).
    pub async fn list(&self, query: &TemplateQuery) -> Result<Vec<Template>> {
        let mut request = operation_request("templates.list", &[])?;
        request.query.extend(query.pairs());
        unwrap_list(self.client.send(request).await?.json_value()?, &["items", "results"])
    }

    pub async fn get(&self, id: u64) -> Result<Template> {
        let id = id.to_string();
        self.client.send(operation_request("templates.get", &[("template_id", &id)])?).await?.json()
    }

    /// The template's fields and their metadata, as SpotDraft describes them.
    pub async fn metadata(&self, id: u64) -> Result<serde_json::Value> {
        let id = id.to_string();
        self.client.send(operation_request("templates.metadata", &[("template_id", &id)])?).await?.json_value()
    }

    /// The template with this exact name (case-insensitive), if there is one.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<Template>> {
        if name.trim().is_empty() {
            return Err(Error::invalid_argument("template name is empty"));
        }
        let all = self.list(&TemplateQuery::default()).await?;
        Ok(all.into_iter().find(|t| t.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name.trim()))))
    }
}

impl ContractTypes<'_> {
    pub async fn list(&self) -> Result<Vec<ContractType>> {
        let response = self.client.send(operation_request("contract_types.list", &[])?).await?;
        unwrap_list(response.json_value()?, &["results", "items"])
    }
}
