//! Typed resources: the Python wrappers (`spotdraft/_resources.py`) name an operation and
//! pass its arguments as JSON; here they are decoded into core's own types (so core does
//! the validating) and the core method runs. Answers are core's models re-encoded as JSON,
//! unknown fields included.

use futures_util::future::BoxFuture;
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};
use spotdraft::{
    Client, ContractId, ContractQuery, CounterpartyInput, ExternalMetadata, FilterOp, Filters, KeyPointerUpdate,
    NewContract, NewWebhook, TemplateQuery, UserQuery,
};

use crate::errors::{invalid, IntoPyResult};
use crate::op::Out;
use crate::pager::AnyPager;

/// A prepared resource call: arguments checked, waiting for the client to run it with.
pub type Work = Box<dyn FnOnce(Client) -> BoxFuture<'static, spotdraft::Result<Out>> + Send>;

fn args<T: DeserializeOwned>(py: Python<'_>, name: &str, map: Map<String, Value>) -> PyResult<T> {
    serde_json::from_value(Value::Object(map)).map_err(|e| invalid(py, format!("{name}: {e}")))
}

/// A contract id from Python: `"T-123"`, `"H-7"`, or a number.
pub fn contract_id_from_py(py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<ContractId> {
    if let Ok(number) = id.extract::<u64>() {
        return Ok(ContractId::from(number));
    }
    match id.extract::<String>() {
        Ok(text) => text.parse().py_err(py),
        Err(_) => Err(invalid(py, "a contract id is a string such as 'T-123' or a non-negative integer")),
    }
}

/// `[[op, field, value], ...]` as built by `spotdraft.Filters`, replayed on core's builder.
#[derive(Deserialize, Default)]
#[serde(transparent)]
struct FilterList(Vec<(String, String, Value)>);

impl FilterList {
    fn build(self) -> spotdraft::Result<Filters> {
        let mut filters = Filters::new();
        for (op, field, value) in self.0 {
            filters = match (op.as_str(), value) {
                ("custom", Value::String(v)) => filters.custom(&field, v),
                ("in", Value::Array(values)) => filters.is_in(&field, values.iter().map(text_of)),
                (op, value) => filters.op(&field, FilterOp::parse(op)?, text_of(&value)),
            };
        }
        Ok(filters)
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListContracts {
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    filters: FilterList,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_limit")]
    limit: u32,
}

fn first_page() -> u32 {
    1
}
fn default_limit() -> u32 {
    20
}

impl ListContracts {
    fn query(self) -> spotdraft::Result<(ContractQuery, u32, u32)> {
        let mut query = ContractQuery::new().filters(self.filters.build()?);
        if let Some(text) = self.query {
            query = query.text(text);
        }
        Ok((query, self.page, self.limit))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Id {
    id: ContractId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumericId {
    id: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdNote {
    id: ContractId,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkForExecution {
    id: ContractId,
    #[serde(default)]
    affix_stamp_documents: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DownloadLinkArgs {
    id: ContractId,
    #[serde(default)]
    format: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyPointerArgs {
    id: ContractId,
    updates: Vec<KeyPointerUpdate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataArgs {
    id: ContractId,
    metadata: ExternalMetadata,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExternalId {
    external_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Comments {
    id: ContractId,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_limit")]
    limit: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddComment {
    id: ContractId,
    comment: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Create<T> {
    input: T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Update<T> {
    id: u64,
    input: T,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Templates {
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    tags_all: Vec<String>,
    #[serde(default)]
    cp_types: Option<String>,
    #[serde(default)]
    cp_types_all: Option<bool>,
    #[serde(default)]
    include_archived: Option<bool>,
    #[serde(default)]
    exclude_multi_party: Option<bool>,
}

impl Templates {
    fn query(self) -> TemplateQuery {
        TemplateQuery {
            tags: self.tags,
            tags_all: self.tags_all,
            cp_types: self.cp_types,
            cp_types_all: self.cp_types_all,
            include_archived: self.include_archived,
            exclude_multi_party: self.exclude_multi_party,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Name {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListCounterparties {
    #[serde(default)]
    custom: Vec<(String, String)>,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_limit")]
    limit: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListUsers {
    #[serde(default)]
    user_email: Option<String>,
    #[serde(default)]
    user_name: Option<String>,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_limit")]
    limit: u32,
}

impl ListUsers {
    fn query(&self) -> UserQuery {
        UserQuery { user_email: self.user_email.clone(), user_name: self.user_name.clone() }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

fn pairs(list: &[(String, String)]) -> Vec<(&str, &str)> {
    list.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

macro_rules! work {
    (|$client:ident| $body:expr) => {{
        let work: Work = Box::new(move |$client: Client| Box::pin(async move { $body }));
        work
    }};
}

/// Checks the arguments of resource operation `name` and returns the work to run.
pub fn prepare(py: Python<'_>, name: &str, map: Map<String, Value>) -> PyResult<Work> {
    Ok(match name {
        "contracts.list" => {
            let (query, page, limit) = args::<ListContracts>(py, name, map)?.query().py_err(py)?;
            work!(|c| Out::json(&c.contracts().list(&query, page, limit).await?))
        }
        "contracts.get" => {
            let a: Id = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().get(a.id).await?))
        }
        "contracts.create" => {
            let a: Create<NewContract> = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().create(&a.input).await?))
        }
        "contracts.status" => {
            let a: Id = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().status(a.id).await?))
        }
        "contracts.void" => {
            let a: IdNote = args(py, name, map)?;
            let note = a.note.ok_or_else(|| invalid(py, "void needs a note saying why"))?;
            work!(|c| c.contracts().void(a.id, &note).await.map(|()| Out::Unit))
        }
        "contracts.mark_for_execution" => {
            let a: MarkForExecution = args(py, name, map)?;
            work!(|c| c.contracts().mark_for_execution(a.id, a.affix_stamp_documents).await.map(|()| Out::Unit))
        }
        "contracts.unmark_for_execution" => {
            let a: IdNote = args(py, name, map)?;
            work!(|c| c.contracts().unmark_for_execution(a.id, a.note.as_deref()).await.map(|()| Out::Unit))
        }
        "contracts.download_link" => {
            let a: DownloadLinkArgs = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().download_link(a.id, a.format.as_deref()).await?))
        }
        "contracts.key_pointers" => {
            let a: Id = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().key_pointers(a.id).await?))
        }
        "contracts.update_key_pointers" => {
            let a: KeyPointerArgs = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().update_key_pointers(a.id, &a.updates).await?))
        }
        "contracts.external_metadata" => {
            let a: Id = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().external_metadata(a.id).await?))
        }
        "contracts.set_external_metadata" => {
            let a: MetadataArgs = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().set_external_metadata(a.id, &a.metadata).await?))
        }
        "contracts.by_external_metadata" => {
            let a: ExternalId = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().by_external_metadata(&a.external_id).await?))
        }
        "contracts.comments" => {
            let a: Comments = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().comments(a.id, a.page, a.limit).await?))
        }
        "contracts.add_comment" => {
            let a: AddComment = args(py, name, map)?;
            work!(|c| Out::json(&c.contracts().add_comment(a.id, &a.comment).await?))
        }
        "templates.list" => {
            let query = args::<Templates>(py, name, map)?.query();
            work!(|c| Out::json(&c.templates().list(&query).await?))
        }
        "templates.get" => {
            let a: NumericId = args(py, name, map)?;
            work!(|c| Out::json(&c.templates().get(a.id).await?))
        }
        "templates.metadata" => {
            let a: NumericId = args(py, name, map)?;
            work!(|c| Out::json(&c.templates().metadata(a.id).await?))
        }
        "templates.find_by_name" => {
            let a: Name = args(py, name, map)?;
            work!(|c| Out::json(&c.templates().find_by_name(&a.name).await?))
        }
        "contract_types.list" => {
            let _: NoArgs = args(py, name, map)?;
            work!(|c| Out::json(&c.contract_types().list().await?))
        }
        "counterparties.list" => {
            let a: ListCounterparties = args(py, name, map)?;
            work!(|c| Out::json(&c.counterparties().list(&pairs(&a.custom), a.page, a.limit).await?))
        }
        "counterparties.get" => {
            let a: NumericId = args(py, name, map)?;
            work!(|c| Out::json(&c.counterparties().get(a.id).await?))
        }
        "counterparties.create" => {
            let a: Create<CounterpartyInput> = args(py, name, map)?;
            work!(|c| Out::json(&c.counterparties().create(&a.input).await?))
        }
        "counterparties.update" => {
            let a: Update<CounterpartyInput> = args(py, name, map)?;
            work!(|c| Out::json(&c.counterparties().update(a.id, &a.input).await?))
        }
        "users.list" => {
            let a: ListUsers = args(py, name, map)?;
            work!(|c| Out::json(&c.users().list(&a.query(), a.page, a.limit).await?))
        }
        "roles.list" => {
            let _: NoArgs = args(py, name, map)?;
            work!(|c| Out::json(&c.roles().list().await?))
        }
        "webhooks.create" => {
            let a: Create<NewWebhook> = args(py, name, map)?;
            work!(|c| Out::json(&c.webhooks().create(&a.input).await?))
        }
        "webhooks.hmac_key" => {
            let _: NoArgs = args(py, name, map)?;
            work!(|c| Out::json(&c.webhooks().hmac_key().await?.expose_secret()))
        }
        "webhooks.delete" => {
            let a: NumericId = args(py, name, map)?;
            work!(|c| c.webhooks().delete(a.id).await.map(|()| Out::Unit))
        }
        other => return Err(invalid(py, format!("unknown resource operation {other:?}"))),
    })
}

/// The lazy pager of resource operation `name` (`contracts.list_all`, ...).
pub fn pager(py: Python<'_>, client: &Client, name: &str, map: Map<String, Value>) -> PyResult<Box<dyn AnyPager>> {
    Ok(match name {
        "contracts.list_all" => {
            let mut map = map;
            map.remove("page");
            map.remove("limit");
            let (query, _, _) = args::<ListContracts>(py, name, map)?.query().py_err(py)?;
            Box::new(client.contracts().list_all(&query).py_err(py)?)
        }
        "contracts.all_comments" => {
            let a: Id = args(py, name, map)?;
            Box::new(client.contracts().all_comments(a.id).py_err(py)?)
        }
        "counterparties.list_all" => {
            let a: ListCounterparties = args(py, name, map)?;
            Box::new(client.counterparties().list_all(&pairs(&a.custom)).py_err(py)?)
        }
        "users.list_all" => {
            let a: ListUsers = args(py, name, map)?;
            Box::new(client.users().list_all(&a.query()).py_err(py)?)
        }
        other => return Err(invalid(py, format!("unknown resource pager {other:?}"))),
    })
}
