//! The typed resource operations, by name. The JavaScript layer (`lib/resources.js`) sends
//! each call's arguments as one JSON object and parses the JSON text it gets back, so the
//! typed results keep every field SpotDraft sent, unknown ones included.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use spotdraft::{
    Client, ContractId, ContractQuery, CounterpartyInput, FilterOp, Filters, KeyPointerUpdate, NewContract, NewWebhook,
    Page, TemplateQuery, UserQuery,
};

use crate::errors::{invalid, to_json_text, IntoNapi};

/// The arguments of one call, read field by field with errors that name the field.
pub struct Args(Value);

impl Args {
    pub fn new(value: Value) -> Args {
        Args(value)
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    pub fn opt<T: DeserializeOwned>(&self, name: &str) -> napi::Result<Option<T>> {
        self.get(name)
            .map(|v| serde_json::from_value(v.clone()).map_err(|e| invalid(format!("{name}: {e}"))))
            .transpose()
    }

    pub fn req<T: DeserializeOwned>(&self, name: &str) -> napi::Result<T> {
        self.opt(name)?.ok_or_else(|| invalid(format!("{name} is required")))
    }

    pub fn contract_id(&self) -> napi::Result<ContractId> {
        self.req("id")
    }

    pub fn page(&self) -> napi::Result<(u32, u32)> {
        Ok((self.opt("page")?.unwrap_or(1), self.opt("limit")?.unwrap_or(20)))
    }

    /// `{ops: [[field, op, value]], custom: [[name, value]]}` as built by `Filters`.
    pub fn filters(&self) -> napi::Result<Filters> {
        let mut filters = Filters::new();
        let Some(spec) = self.get("filters") else { return Ok(filters) };
        let ops: Vec<(String, String, Value)> = spec
            .get("ops")
            .map(|v| serde_json::from_value(v.clone()))
            .transpose()
            .map_err(|e| invalid(format!("filters: {e}")))?
            .unwrap_or_default();
        for (field, op, value) in ops {
            let op = FilterOp::parse(&op).napi()?;
            filters = match value {
                Value::Array(values) if op == FilterOp::In => filters.is_in(&field, values.iter().map(value_text)),
                other => filters.op(&field, op, value_text(&other)),
            };
        }
        let custom: Vec<(String, String)> = spec
            .get("custom")
            .map(|v| serde_json::from_value(v.clone()))
            .transpose()
            .map_err(|e| invalid(format!("filters: {e}")))?
            .unwrap_or_default();
        for (name, value) in custom {
            filters = filters.custom(&name, value);
        }
        Ok(filters)
    }

    pub fn contract_query(&self) -> napi::Result<ContractQuery> {
        let mut query = ContractQuery::new().filters(self.filters()?);
        if let Some(text) = self.opt::<String>("query")? {
            query = query.text(text);
        }
        Ok(query)
    }

    pub fn user_query(&self) -> napi::Result<UserQuery> {
        Ok(UserQuery { user_email: self.opt("email")?, user_name: self.opt("name")? })
    }

    pub fn custom_pairs(&self) -> napi::Result<Vec<(String, String)>> {
        Ok(self.filters()?.into_query().napi()?.into_iter().collect())
    }
}

/// A filter value as query text: strings as they are, numbers and booleans as JSON writes them.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn template_query(args: &Args) -> napi::Result<TemplateQuery> {
    Ok(TemplateQuery {
        tags: args.opt("tags")?.unwrap_or_default(),
        tags_all: args.opt("tagsAll")?.unwrap_or_default(),
        cp_types: args.opt("cpTypes")?,
        cp_types_all: args.opt("cpTypesAll")?,
        include_archived: args.opt("includeArchived")?,
        exclude_multi_party: args.opt("excludeMultiParty")?,
    })
}

fn page_json<T: serde::Serialize>(page: Page<T>) -> napi::Result<String> {
    to_json_text(&json!({
        "page": page.page,
        "limit": page.limit,
        "totalResults": page.total_results,
        "results": page.results,
    }))
}

fn done() -> napi::Result<String> {
    Ok("null".to_string())
}

/// Runs operation `op` with `args`; answers JSON text.
pub async fn invoke(client: Client, op: &str, args: Value) -> napi::Result<String> {
    let a = Args::new(args);
    match op {
        "verify" => {
            let v = client.verify().await.napi()?;
            to_json_text(&json!({
                "baseUrl": v.base_url,
                "actingAs": v.acting_as,
                "contractTypes": v.contract_types,
            }))
        }
        "contracts.list" => {
            let (page, limit) = a.page()?;
            page_json(client.contracts().list(&a.contract_query()?, page, limit).await.napi()?)
        }
        "contracts.get" => to_json_text(&client.contracts().get(a.contract_id()?).await.napi()?),
        "contracts.create" => {
            let contract: NewContract = a.req("contract")?;
            to_json_text(&client.contracts().create(&contract).await.napi()?)
        }
        "contracts.status" => to_json_text(&client.contracts().status(a.contract_id()?).await.napi()?),
        "contracts.void" => {
            let note: String = a.req("note")?;
            client.contracts().void(a.contract_id()?, &note).await.napi()?;
            done()
        }
        "contracts.markForExecution" => {
            client.contracts().mark_for_execution(a.contract_id()?, a.opt("affixStampDocuments")?).await.napi()?;
            done()
        }
        "contracts.unmarkForExecution" => {
            let note: Option<String> = a.opt("note")?;
            client.contracts().unmark_for_execution(a.contract_id()?, note.as_deref()).await.napi()?;
            done()
        }
        "contracts.downloadLink" => {
            let format: Option<String> = a.opt("format")?;
            to_json_text(&client.contracts().download_link(a.contract_id()?, format.as_deref()).await.napi()?)
        }
        "contracts.keyPointers" => to_json_text(&client.contracts().key_pointers(a.contract_id()?).await.napi()?),
        "contracts.updateKeyPointers" => {
            let updates: Vec<KeyPointerUpdate> = a.req("updates")?;
            to_json_text(&client.contracts().update_key_pointers(a.contract_id()?, &updates).await.napi()?)
        }
        "contracts.externalMetadata" => {
            to_json_text(&client.contracts().external_metadata(a.contract_id()?).await.napi()?)
        }
        "contracts.setExternalMetadata" => {
            let metadata = a.req("metadata")?;
            to_json_text(&client.contracts().set_external_metadata(a.contract_id()?, &metadata).await.napi()?)
        }
        "contracts.byExternalMetadata" => {
            let external_id: String = a.req("externalId")?;
            to_json_text(&client.contracts().by_external_metadata(&external_id).await.napi()?)
        }
        "contracts.comments" => {
            let (page, limit) = a.page()?;
            page_json(client.contracts().comments(a.contract_id()?, page, limit).await.napi()?)
        }
        "contracts.addComment" => {
            let comment: String = a.req("comment")?;
            to_json_text(&client.contracts().add_comment(a.contract_id()?, &comment).await.napi()?)
        }
        "templates.list" => to_json_text(&client.templates().list(&template_query(&a)?).await.napi()?),
        "templates.get" => to_json_text(&client.templates().get(a.req("id")?).await.napi()?),
        "templates.metadata" => to_json_text(&client.templates().metadata(a.req("id")?).await.napi()?),
        "templates.findByName" => {
            let name: String = a.req("name")?;
            to_json_text(&client.templates().find_by_name(&name).await.napi()?)
        }
        "contractTypes.list" => to_json_text(&client.contract_types().list().await.napi()?),
        "counterparties.list" => {
            let (page, limit) = a.page()?;
            let custom = a.custom_pairs()?;
            let custom: Vec<(&str, &str)> = custom.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            page_json(client.counterparties().list(&custom, page, limit).await.napi()?)
        }
        "counterparties.get" => to_json_text(&client.counterparties().get(a.req("id")?).await.napi()?),
        "counterparties.create" => {
            let input: CounterpartyInput = a.req("input")?;
            to_json_text(&client.counterparties().create(&input).await.napi()?)
        }
        "counterparties.update" => {
            let input: CounterpartyInput = a.req("input")?;
            to_json_text(&client.counterparties().update(a.req("id")?, &input).await.napi()?)
        }
        "users.list" => {
            let (page, limit) = a.page()?;
            page_json(client.users().list(&a.user_query()?, page, limit).await.napi()?)
        }
        "roles.list" => to_json_text(&client.roles().list().await.napi()?),
        "webhooks.create" => {
            let webhook: NewWebhook = a.req("webhook")?;
            to_json_text(&client.webhooks().create(&webhook).await.napi()?)
        }
        "webhooks.hmacKey" => {
            let key = client.webhooks().hmac_key().await.napi()?;
            to_json_text(&key.expose_secret())
        }
        "webhooks.delete" => {
            client.webhooks().delete(a.req("id")?).await.napi()?;
            done()
        }
        _ => Err(invalid(format!("unknown operation {op:?}"))),
    }
}
