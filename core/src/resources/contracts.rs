//! Contracts: list, create, status, void, execution marks, downloads, key pointers,
//! external metadata, comments.

use std::path::Path;

use serde_json::{json, Value};

use super::ids::{ContractId, IntoContractId};
use super::models::{
    Comment, Contract, ContractStatusInfo, DownloadLink, ExternalMetadata, KeyPointer, KeyPointerUpdate, NewContract,
};
use super::{list_from, operation_request, unwrap_list};
use crate::catalogue::names;
use crate::client::Client;
use crate::download::{Download, DownloadProgress, DownloadStream, ProgressControl};
use crate::error::{Error, ErrorKind, Result};
use crate::filter::Filters;
use crate::paging::page_request;
use crate::paging::{Page, Pager};
use crate::request::Request;

/// What to list: free-text `query` and filters (see [`Filters`]).
#[derive(Clone, Debug, Default)]
pub struct ContractQuery {
    /// Free-text search (the `query` parameter).
    pub query: Option<String>,
    /// Field filters, e.g. on `display_status` or `created_at` (the names the schema documents for the list).
    pub filters: Filters,
}

impl ContractQuery {
    /// Every contract visible to the user: no text, no filters.
    pub fn new() -> ContractQuery {
        ContractQuery::default()
    }
    /// Sets the free-text search.
    pub fn text(mut self, query: impl Into<String>) -> ContractQuery {
        self.query = Some(query.into());
        self
    }
    /// Replaces the field filters.
    pub fn filters(mut self, filters: Filters) -> ContractQuery {
        self.filters = filters;
        self
    }
    fn pairs(&self) -> Result<Vec<(String, String)>> {
        let mut pairs = self.filters.clone().into_query()?;
        if let Some(q) = &self.query {
            pairs.push(("query".into(), q.clone()));
        }
        Ok(pairs)
    }
}

/// Contracts operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct Contracts {
    client: Client,
}

impl Client {
    /// Contract operations: list, create, status, void, downloads, key pointers, comments.
    pub fn contracts(&self) -> Contracts {
        Contracts { client: self.clone() }
    }
}

impl Contracts {
    /// One page of contracts (`contracts.list`).
    ///
    /// # Errors
    /// `invalid_argument` when `page` is 0, `limit` is not 1 to 100, or a filter field name
    /// is invalid; otherwise as [`Client::send`], and `decode` when the answer is not a page
    /// of contracts.
    pub async fn list(&self, query: &ContractQuery, page: u32, limit: u32) -> Result<Page<Contract>> {
        let mut request = page_request(operation_request(names::CONTRACTS_LIST, &[])?, page, limit)?;
        request.query.extend(query.pairs()?);
        self.client.send(request).await?.json()
    }

    /// Every matching contract, page after page.
    ///
    /// # Errors
    /// `invalid_argument` when a filter field name is invalid. Request failures come from
    /// [`Pager::next_page`].
    pub fn list_all(&self, query: &ContractQuery) -> Result<Pager<Contract>> {
        let request = operation_request(names::CONTRACTS_LIST, &[])?;
        Ok(Pager::new(self.client.clone(), request.path, query.pairs()?))
    }

    /// One contract by id. The API has no single-contract read, so this filters the list
    /// by `filter__contract_id[$eq]`.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; `not_found` when no contract has
    /// it or the user cannot see it; otherwise as [`list`](Self::list).
    pub async fn get(&self, id: impl IntoContractId) -> Result<Contract> {
        let id = id.into_contract_id()?;
        let query = ContractQuery::new().filters(Filters::new().eq("contract_id", id.to_string()));
        let page = self.list(&query, 1, 1).await?;
        page.results.into_iter().next().ok_or_else(|| {
            Error::new(ErrorKind::NotFound, format!("contract {id} was not found, or is not visible to this user"))
        })
    }

    /// Creates a contract from a template (`contracts.create`). Not retried once sent: to
    /// make creation safe to repeat, put your own id in `external_metadata` and check
    /// [`by_external_metadata`](Self::by_external_metadata) first.
    ///
    /// # Errors
    /// As [`Client::send`] (`validation` when SpotDraft refuses the fields), and `decode` when
    /// the answer is not a contract.
    pub async fn create(&self, contract: &NewContract) -> Result<Contract> {
        let body = serde_json::to_value(contract)
            .map_err(|e| Error::invalid_argument(format!("contract is not serializable: {e}")))?;
        self.client.send(operation_request(names::CONTRACTS_CREATE, &[])?.json(body)).await?.json()
    }

    /// The contract's current status and name (`contracts.status`).
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`]
    /// (`not_found` for an unknown contract), and `decode` when the answer is not a status.
    pub async fn status(&self, id: impl IntoContractId) -> Result<ContractStatusInfo> {
        let id = id.into_contract_id()?.to_string();
        self.client.send(operation_request(names::CONTRACTS_STATUS, &[("composite_id", &id)])?).await?.json()
    }

    /// Voids a contract with a note shown in SpotDraft.
    ///
    /// # Errors
    /// `invalid_argument` when `note` is blank or `id` is not a contract id; otherwise as
    /// [`Client::send`] (`validation` when it is already voided or executed).
    pub async fn void(&self, id: impl IntoContractId, note: &str) -> Result<()> {
        if note.trim().is_empty() {
            return Err(Error::invalid_argument("a void note is required"));
        }
        let id = id.into_contract_id()?.to_string();
        let request = operation_request(names::CONTRACTS_VOID, &[("composite_id", &id)])?.json(json!({ "note": note }));
        self.client.send(request).await.map(drop)
    }

    /// Marks a contract for execution (`contracts.mark_for_execution`); `affix_stamp_documents`,
    /// when given, is sent as SpotDraft's option of that name.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`]
    /// (`business_rule` when the contract is voided or already executed).
    pub async fn mark_for_execution(&self, id: impl IntoContractId, affix_stamp_documents: Option<bool>) -> Result<()> {
        let id = id.into_contract_id()?.to_string();
        let body = match affix_stamp_documents {
            Some(affix) => json!({ "affix_stamp_documents": affix }),
            None => json!({}),
        };
        let request = operation_request(names::CONTRACTS_MARK_FOR_EXECUTION, &[("composite_id", &id)])?.json(body);
        self.client.send(request).await.map(drop)
    }

    /// Takes back a contract's mark for execution, optionally with a note shown in SpotDraft.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`]
    /// (`validation` when the contract is not marked).
    pub async fn unmark_for_execution(&self, id: impl IntoContractId, note: Option<&str>) -> Result<()> {
        let id = id.into_contract_id()?.to_string();
        let body = match note {
            Some(note) => json!({ "note": note }),
            None => json!({}),
        };
        let request = operation_request(names::CONTRACTS_UNMARK_FOR_EXECUTION, &[("composite_id", &id)])?.json(body);
        self.client.send(request).await.map(drop)
    }

    /// Streams the contract file into `writer`, calling `progress` after each chunk.
    ///
    /// # Errors
    /// As [`Client::download`].
    pub async fn download<W, P>(
        &self,
        id: impl IntoContractId,
        writer: &mut W,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
        P: ProgressControl,
    {
        let request = contract_download_request(id.into_contract_id()?)?;
        self.client.download(request, writer, progress).await
    }

    /// Streams the contract file into `path`; the file appears only when complete.
    ///
    /// # Errors
    /// As [`Client::download_to_file`].
    pub async fn download_to_file<P: ProgressControl>(
        &self,
        id: impl IntoContractId,
        path: &Path,
        overwrite: bool,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download> {
        let request = contract_download_request(id.into_contract_id()?)?;
        self.client.download_to_file(request, path, overwrite, progress).await
    }

    /// The contract file as a pull-based stream of chunks.
    ///
    /// # Errors
    /// As [`Client::open_download`].
    pub async fn open_download(&self, id: impl IntoContractId) -> Result<DownloadStream> {
        let request = contract_download_request(id.into_contract_id()?)?;
        self.client.open_download(request).await
    }

    /// A temporary signed URL for the file, in `format` (`PDF` by default, or `DOCX`).
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`], and
    /// `decode` when the answer is not a link.
    pub async fn download_link(&self, id: impl IntoContractId, format: Option<&str>) -> Result<DownloadLink> {
        let id = id.into_contract_id()?.to_string();
        let body = match format {
            Some(format) => json!({ "format": format.to_ascii_uppercase() }),
            None => json!({}),
        };
        let request = operation_request(names::CONTRACTS_DOWNLOAD_LINK, &[("composite_id", &id)])?.json(body);
        self.client.send(request).await?.json()
    }

    /// The contract's key pointers: its contract metadata values, such as dates, amounts and
    /// parties.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`], and
    /// `decode` when the answer is not a list of key pointers.
    pub async fn key_pointers(&self, id: impl IntoContractId) -> Result<Vec<KeyPointer>> {
        let id = id.into_contract_id()?.to_string();
        let response =
            self.client.send(operation_request(names::CONTRACTS_KEY_POINTERS_GET, &[("composite_id", &id)])?).await?;
        list_from(&response, &["results", "key_pointers"])
    }

    /// Sets several key pointer values at once; answers the contract's key pointers.
    ///
    /// # Errors
    /// `invalid_argument` when `updates` is empty or `id` is not a contract id; otherwise as
    /// [`Client::send`] (`validation` when SpotDraft refuses an update), and `decode` when
    /// the answer is not a list of key pointers.
    pub async fn update_key_pointers(
        &self,
        id: impl IntoContractId,
        updates: &[KeyPointerUpdate],
    ) -> Result<Vec<KeyPointer>> {
        if updates.is_empty() {
            return Err(Error::invalid_argument("no key pointer updates given"));
        }
        let id = id.into_contract_id()?.to_string();
        let request = operation_request(names::CONTRACTS_KEY_POINTERS_BULK_UPDATE, &[("composite_id", &id)])?
            .json(json!({ "key_pointers": updates }));
        list_from(&self.client.send(request).await?, &["results", "key_pointers"])
    }

    /// The contract's external metadata: the record id and data of another system it is linked
    /// to.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`]
    /// (`not_found` for an unknown contract), and `decode` when the answer is not external
    /// metadata.
    pub async fn external_metadata(&self, id: impl IntoContractId) -> Result<ExternalMetadata> {
        let id = id.into_contract_id()?.to_string();
        let response = self
            .client
            .send(operation_request(names::CONTRACTS_EXTERNAL_METADATA_GET, &[("contract_id", &id)])?)
            .await?;
        external_metadata_of(response.json_value()?).map_err(|e| response.redact(e))
    }

    /// Creates or replaces the contract's external metadata.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id; otherwise as [`Client::send`], and
    /// `decode` when the answer is not external metadata.
    pub async fn set_external_metadata(
        &self,
        id: impl IntoContractId,
        metadata: &ExternalMetadata,
    ) -> Result<ExternalMetadata> {
        let id = id.into_contract_id()?.to_string();
        let request = operation_request(names::CONTRACTS_EXTERNAL_METADATA_CREATE, &[("contract_id", &id)])?
            .json(json!({ "external_metadata": metadata }));
        let response = self.client.send(request).await?;
        external_metadata_of(response.json_value()?).map_err(|e| response.redact(e))
    }

    /// Contracts linked to a record id of another system.
    ///
    /// # Errors
    /// `invalid_argument` when `external_id` is blank; otherwise as [`Client::send`], and
    /// `decode` when the answer is not a list of contracts.
    pub async fn by_external_metadata(&self, external_id: &str) -> Result<Vec<Contract>> {
        if external_id.trim().is_empty() {
            return Err(Error::invalid_argument("external metadata id is empty"));
        }
        let request =
            operation_request(names::CONTRACTS_BY_EXTERNAL_METADATA, &[("external_metadata_id", external_id)])?;
        let response = self.client.send(request).await?;
        let value = response.json_value()?;
        // The schema's example nests the list once more: accept `[...]` and `[[...]]`.
        let value = match value {
            Value::Array(items) if items.len() == 1 && items[0].is_array() => items.into_iter().next().unwrap(),
            other => other,
        };
        unwrap_list(value, &["results"]).map_err(|e| response.redact(e))
    }

    /// One page of the comments on a contract.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id, `page` is 0 or `limit` is not 1 to
    /// 100; otherwise as [`Client::send`], and `decode` when the answer is not a page of
    /// comments.
    pub async fn comments(&self, id: impl IntoContractId, page: u32, limit: u32) -> Result<Page<Comment>> {
        let id = id.into_contract_id()?.number().to_string();
        let request =
            page_request(operation_request(names::CONTRACTS_COMMENTS_LIST, &[("contract_id", &id)])?, page, limit)?;
        self.client.send(request).await?.json()
    }

    /// Every comment on a contract, page after page.
    ///
    /// # Errors
    /// `invalid_argument` when `id` is not a contract id. Request failures come from
    /// [`Pager::next_page`].
    pub fn all_comments(&self, id: impl IntoContractId) -> Result<Pager<Comment>> {
        let id = id.into_contract_id()?.number().to_string();
        let request = operation_request(names::CONTRACTS_COMMENTS_LIST, &[("contract_id", &id)])?;
        Ok(Pager::new(self.client.clone(), request.path, Vec::new()))
    }

    /// Adds a comment to a contract, as the acting user.
    ///
    /// # Errors
    /// `invalid_argument` when `comment` is blank or `id` is not a contract id; otherwise as
    /// [`Client::send`], and `decode` when the answer is not a comment.
    pub async fn add_comment(&self, id: impl IntoContractId, comment: &str) -> Result<Comment> {
        if comment.trim().is_empty() {
            return Err(Error::invalid_argument("comment is empty"));
        }
        let id = id.into_contract_id()?.number().to_string();
        let request = operation_request(names::CONTRACTS_COMMENTS_CREATE, &[("contract_id", &id)])?
            .json(json!({ "comment": comment }));
        self.client.send(request).await?.json()
    }
}

/// The request that downloads a contract's file.
pub(crate) fn contract_download_request(id: ContractId) -> Result<Request> {
    operation_request(names::CONTRACTS_DOWNLOAD, &[("composite_id", &id.to_string())])
}

fn external_metadata_of(value: Value) -> Result<ExternalMetadata> {
    let inner = match value {
        Value::Object(mut map) if map.contains_key("external_metadata") => map.remove("external_metadata").unwrap(),
        other => other,
    };
    serde_json::from_value(inner)
        .map_err(|e| Error::new(ErrorKind::Decode, format!("external metadata has an unexpected shape: {e}")))
}
