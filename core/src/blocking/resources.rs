//! The typed resources, blocking. Each method clones what it borrows, runs the async
//! method on the client's runtime and waits; the behaviour is the async method's.

use std::path::Path;

use serde_json::Value;

use super::{BlockingClient, BlockingPager};
use crate::download::{Download, DownloadProgress, ProgressControl};
use crate::error::Result;
use crate::paging::Page;
use crate::resources::{
    Comment, Contract, ContractQuery, ContractStatusInfo, ContractType, Counterparty, CounterpartyInput, DownloadLink,
    ExternalMetadata, HmacKey, IntoContractId, KeyPointer, KeyPointerUpdate, NewContract, NewWebhook, Role, Template,
    TemplateQuery, User, UserQuery, Webhook,
};

macro_rules! blocking_resource {
    ($(#[$doc:meta])* $name:ident, $accessor:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            client: BlockingClient,
        }

        impl BlockingClient {
            $(#[$doc])*
            pub fn $accessor(&self) -> $name {
                $name { client: self.clone() }
            }
        }
    };
}

blocking_resource!(
    /// Contracts, blocking: see [`Contracts`](crate::Contracts).
    BlockingContracts,
    contracts
);
blocking_resource!(
    /// Templates, blocking: see [`Templates`](crate::Templates).
    BlockingTemplates,
    templates
);
blocking_resource!(
    /// Contract types, blocking: see [`ContractTypes`](crate::ContractTypes).
    BlockingContractTypes,
    contract_types
);
blocking_resource!(
    /// Counterparties, blocking: see [`Counterparties`](crate::Counterparties).
    BlockingCounterparties,
    counterparties
);
blocking_resource!(
    /// Users, blocking: see [`Users`](crate::Users).
    BlockingUsers,
    users
);
blocking_resource!(
    /// Roles, blocking: see [`Roles`](crate::Roles).
    BlockingRoles,
    roles
);
blocking_resource!(
    /// Webhooks, blocking: see [`Webhooks`](crate::Webhooks).
    BlockingWebhooks,
    webhooks
);

/// Runs `$body` with the async client as `$c` on the blocking client's runtime.
macro_rules! run {
    ($self:ident, |$c:ident| $body:expr) => {{
        let $c = $self.client.async_client().clone();
        $self.client.run(async move { $body.await })
    }};
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingContracts {
    /// One page of contracts.
    pub fn list(&self, query: &ContractQuery, page: u32, limit: u32) -> Result<Page<Contract>> {
        let query = query.clone();
        run!(self, |c| c.contracts().list(&query, page, limit))
    }
    /// Every matching contract, as an iterator.
    pub fn list_all(&self, query: &ContractQuery) -> Result<BlockingPager<Contract>> {
        Ok(BlockingPager::new(self.client.clone(), self.client.async_client().contracts().list_all(query)?))
    }
    /// One contract by id.
    pub fn get(&self, id: impl IntoContractId) -> Result<Contract> {
        let id = id.into_contract_id()?;
        run!(self, |c| c.contracts().get(id))
    }
    /// Creates a contract from a template.
    pub fn create(&self, contract: &NewContract) -> Result<Contract> {
        let contract = contract.clone();
        run!(self, |c| c.contracts().create(&contract))
    }
    /// The contract's status.
    pub fn status(&self, id: impl IntoContractId) -> Result<ContractStatusInfo> {
        let id = id.into_contract_id()?;
        run!(self, |c| c.contracts().status(id))
    }
    /// Voids a contract with a note.
    pub fn void(&self, id: impl IntoContractId, note: &str) -> Result<()> {
        let (id, note) = (id.into_contract_id()?, note.to_string());
        run!(self, |c| c.contracts().void(id, &note))
    }
    /// Marks the contract for execution.
    pub fn mark_for_execution(&self, id: impl IntoContractId, affix_stamp_documents: Option<bool>) -> Result<()> {
        let id = id.into_contract_id()?;
        run!(self, |c| c.contracts().mark_for_execution(id, affix_stamp_documents))
    }
    /// Takes the execution mark back.
    pub fn unmark_for_execution(&self, id: impl IntoContractId, note: Option<&str>) -> Result<()> {
        let (id, note) = (id.into_contract_id()?, note.map(str::to_string));
        run!(self, |c| c.contracts().unmark_for_execution(id, note.as_deref()))
    }
    /// Streams the contract file into `writer`.
    pub fn download<P: ProgressControl>(
        &self,
        id: impl IntoContractId,
        writer: &mut dyn std::io::Write,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download> {
        let request = crate::resources::contract_download_request(id.into_contract_id()?)?;
        self.client.download(request, writer, progress)
    }
    /// Streams the contract file into `path`; the file appears only when complete.
    pub fn download_to_file<P: ProgressControl>(
        &self,
        id: impl IntoContractId,
        path: &Path,
        overwrite: bool,
        progress: impl FnMut(DownloadProgress) -> P,
    ) -> Result<Download> {
        let request = crate::resources::contract_download_request(id.into_contract_id()?)?;
        self.client.download_to_file(request, path, overwrite, progress)
    }
    /// The contract file as a `std::io::Read`.
    pub fn open_download(&self, id: impl IntoContractId) -> Result<super::BlockingDownload> {
        let request = crate::resources::contract_download_request(id.into_contract_id()?)?;
        self.client.open_download(request)
    }
    /// A temporary signed URL for the file.
    pub fn download_link(&self, id: impl IntoContractId, format: Option<&str>) -> Result<DownloadLink> {
        let (id, format) = (id.into_contract_id()?, format.map(str::to_string));
        run!(self, |c| c.contracts().download_link(id, format.as_deref()))
    }
    /// The contract's key pointers.
    pub fn key_pointers(&self, id: impl IntoContractId) -> Result<Vec<KeyPointer>> {
        let id = id.into_contract_id()?;
        run!(self, |c| c.contracts().key_pointers(id))
    }
    /// Sets several key pointer values at once.
    pub fn update_key_pointers(
        &self,
        id: impl IntoContractId,
        updates: &[KeyPointerUpdate],
    ) -> Result<Vec<KeyPointer>> {
        let (id, updates) = (id.into_contract_id()?, updates.to_vec());
        run!(self, |c| c.contracts().update_key_pointers(id, &updates))
    }
    /// The contract's external metadata.
    pub fn external_metadata(&self, id: impl IntoContractId) -> Result<ExternalMetadata> {
        let id = id.into_contract_id()?;
        run!(self, |c| c.contracts().external_metadata(id))
    }
    /// Creates or replaces the contract's external metadata.
    pub fn set_external_metadata(
        &self,
        id: impl IntoContractId,
        metadata: &ExternalMetadata,
    ) -> Result<ExternalMetadata> {
        let (id, metadata) = (id.into_contract_id()?, metadata.clone());
        run!(self, |c| c.contracts().set_external_metadata(id, &metadata))
    }
    /// Contracts linked to a record id of another system.
    pub fn by_external_metadata(&self, external_id: &str) -> Result<Vec<Contract>> {
        let external_id = external_id.to_string();
        run!(self, |c| c.contracts().by_external_metadata(&external_id))
    }
    /// One page of the contract's comments.
    pub fn comments(&self, id: impl IntoContractId, page: u32, limit: u32) -> Result<Page<Comment>> {
        let id = id.into_contract_id()?;
        run!(self, |c| c.contracts().comments(id, page, limit))
    }
    /// Every comment, as an iterator.
    pub fn all_comments(&self, id: impl IntoContractId) -> Result<BlockingPager<Comment>> {
        Ok(BlockingPager::new(self.client.clone(), self.client.async_client().contracts().all_comments(id)?))
    }
    /// Adds a comment.
    pub fn add_comment(&self, id: impl IntoContractId, comment: &str) -> Result<Comment> {
        let (id, comment) = (id.into_contract_id()?, comment.to_string());
        run!(self, |c| c.contracts().add_comment(id, &comment))
    }
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingTemplates {
    /// Templates of the workspace.
    pub fn list(&self, query: &TemplateQuery) -> Result<Vec<Template>> {
        let query = query.clone();
        run!(self, |c| c.templates().list(&query))
    }
    /// One template.
    pub fn get(&self, id: u64) -> Result<Template> {
        run!(self, |c| c.templates().get(id))
    }
    /// The template's fields and their metadata.
    pub fn metadata(&self, id: u64) -> Result<Value> {
        run!(self, |c| c.templates().metadata(id))
    }
    /// The template with this exact name (case-insensitive), if there is one.
    pub fn find_by_name(&self, name: &str) -> Result<Option<Template>> {
        let name = name.to_string();
        run!(self, |c| c.templates().find_by_name(&name))
    }
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingContractTypes {
    /// The workspace's contract types.
    pub fn list(&self) -> Result<Vec<ContractType>> {
        run!(self, |c| c.contract_types().list())
    }
}

fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingCounterparties {
    /// One page; `custom` filters by custom fields.
    pub fn list(&self, custom: &[(&str, &str)], page: u32, limit: u32) -> Result<Page<Counterparty>> {
        let custom = owned_pairs(custom);
        run!(self, |c| async move {
            let borrowed: Vec<(&str, &str)> = custom.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            c.counterparties().list(&borrowed, page, limit).await
        })
    }
    /// Every matching counterparty, as an iterator.
    pub fn list_all(&self, custom: &[(&str, &str)]) -> Result<BlockingPager<Counterparty>> {
        Ok(BlockingPager::new(self.client.clone(), self.client.async_client().counterparties().list_all(custom)?))
    }
    /// One counterparty.
    pub fn get(&self, id: u64) -> Result<Counterparty> {
        run!(self, |c| c.counterparties().get(id))
    }
    /// Creates a counterparty.
    pub fn create(&self, input: &CounterpartyInput) -> Result<Counterparty> {
        let input = input.clone();
        run!(self, |c| c.counterparties().create(&input))
    }
    /// Changes only the fields set in `input`.
    pub fn update(&self, id: u64, input: &CounterpartyInput) -> Result<Counterparty> {
        let input = input.clone();
        run!(self, |c| c.counterparties().update(id, &input))
    }
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingUsers {
    /// One page of users.
    pub fn list(&self, query: &UserQuery, page: u32, limit: u32) -> Result<Page<User>> {
        let query = query.clone();
        run!(self, |c| c.users().list(&query, page, limit))
    }
    /// Every matching user, as an iterator.
    pub fn list_all(&self, query: &UserQuery) -> Result<BlockingPager<User>> {
        Ok(BlockingPager::new(self.client.clone(), self.client.async_client().users().list_all(query)?))
    }
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingRoles {
    /// The workspace's active roles.
    pub fn list(&self) -> Result<Vec<Role>> {
        run!(self, |c| c.roles().list())
    }
}

/// Every method mirrors the async one of the same name; see there for behaviour and errors.
#[allow(clippy::missing_errors_doc)]
impl BlockingWebhooks {
    /// Subscribes a URL to activities.
    pub fn create(&self, webhook: &NewWebhook) -> Result<Webhook> {
        let webhook = webhook.clone();
        run!(self, |c| c.webhooks().create(&webhook))
    }
    /// The workspace's signing key.
    pub fn hmac_key(&self) -> Result<HmacKey> {
        run!(self, |c| c.webhooks().hmac_key())
    }
    /// Deletes a subscription.
    pub fn delete(&self, id: u64) -> Result<()> {
        run!(self, |c| c.webhooks().delete(id))
    }
}
