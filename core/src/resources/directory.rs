//! Counterparties, users and roles.

use super::models::{Counterparty, CounterpartyInput, Role, User};
use super::{list_from, operation_request};
use crate::catalogue::names;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::paging::page_request;
use crate::paging::{Page, Pager};

/// Counterparties operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct Counterparties {
    client: Client,
}

/// Users operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct Users {
    client: Client,
}

/// Roles operations; from [`Client`]. Owns a client clone, so its futures are `'static`.
#[derive(Clone, Debug)]
pub struct Roles {
    client: Client,
}

impl Client {
    /// Counterparty operations: the organizations and people contracts are made with.
    pub fn counterparties(&self) -> Counterparties {
        Counterparties { client: self.clone() }
    }
    /// User operations: the members of the SpotDraft workspace.
    pub fn users(&self) -> Users {
        Users { client: self.clone() }
    }
    /// Role operations: the workspace's roles.
    pub fn roles(&self) -> Roles {
        Roles { client: self.clone() }
    }
}

fn custom_filters(custom: &[(&str, &str)]) -> Result<Vec<(String, String)>> {
    let mut filters = crate::Filters::new();
    for (name, value) in custom {
        filters = filters.custom(name, value);
    }
    filters.into_query()
}

impl Counterparties {
    /// One page; `custom` filters by custom fields (`filter_custom__<name>`).
    ///
    /// # Errors
    /// `invalid_argument` when `page` is 0, `limit` is not 1 to 100, or a custom field name
    /// has characters other than ASCII letters, digits and underscores; otherwise as
    /// [`Client::send`], and `decode` when the answer is not a page of counterparties.
    pub async fn list(&self, custom: &[(&str, &str)], page: u32, limit: u32) -> Result<Page<Counterparty>> {
        let mut request = page_request(operation_request(names::COUNTER_PARTIES_LIST, &[])?, page, limit)?;
        request.query.extend(custom_filters(custom)?);
        self.client.send(request).await?.json()
    }

    /// Every counterparty matching the `custom` field filters, page after page.
    ///
    /// # Errors
    /// `invalid_argument` when a custom field name has characters other than ASCII letters,
    /// digits and underscores. Request failures come from [`Pager::next_page`].
    pub fn list_all(&self, custom: &[(&str, &str)]) -> Result<Pager<Counterparty>> {
        let request = operation_request(names::COUNTER_PARTIES_LIST, &[])?;
        Ok(Pager::new(self.client.clone(), request.path, custom_filters(custom)?))
    }

    /// One counterparty by its SpotDraft id.
    ///
    /// # Errors
    /// As [`Client::send`] (`not_found` for an unknown id), and `decode` when the answer is not
    /// a counterparty.
    pub async fn get(&self, id: u64) -> Result<Counterparty> {
        let id = id.to_string();
        self.client.send(operation_request(names::COUNTER_PARTIES_GET, &[("counterparty_id", &id)])?).await?.json()
    }

    /// Creates a counterparty. Not retried once sent (it could create a duplicate).
    ///
    /// # Errors
    /// `invalid_argument` when `input.is_individual` is not set; otherwise as
    /// [`Client::send`] (`validation` when SpotDraft refuses the fields), and `decode` when the
    /// answer is not a counterparty.
    pub async fn create(&self, input: &CounterpartyInput) -> Result<Counterparty> {
        if input.is_individual.is_none() {
            return Err(Error::invalid_argument(
                "is_individual is required to create a counterparty (true for a person, false for an organization)",
            ));
        }
        let body = serde_json::to_value(input).map_err(|e| Error::invalid_argument(e.to_string()))?;
        self.client.send(operation_request(names::COUNTER_PARTIES_CREATE, &[])?.json(body)).await?.json()
    }

    /// Changes only the fields set in `input`.
    ///
    /// # Errors
    /// `invalid_argument` when no field of `input` is set; otherwise as [`Client::send`]
    /// (`not_found` for an unknown id, `validation` for refused values), and `decode` when the
    /// answer is not a counterparty.
    pub async fn update(&self, id: u64, input: &CounterpartyInput) -> Result<Counterparty> {
        let body = serde_json::to_value(input).map_err(|e| Error::invalid_argument(e.to_string()))?;
        if body.as_object().is_some_and(|m| m.is_empty()) {
            return Err(Error::invalid_argument("nothing to update: set at least one field"));
        }
        let id = id.to_string();
        let request = operation_request(names::COUNTER_PARTIES_UPDATE, &[("counterparty_id", &id)])?.json(body);
        self.client.send(request).await?.json()
    }
}

/// Filters of `users.list`.
#[derive(Clone, Debug, Default)]
pub struct UserQuery {
    /// Users with exactly this email address (case-insensitive).
    pub user_email: Option<String>,
    /// Users whose full name starts with this (case-insensitive).
    pub user_name: Option<String>,
}

impl UserQuery {
    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(email) = &self.user_email {
            pairs.push(("user_email".to_string(), email.clone()));
        }
        if let Some(name) = &self.user_name {
            pairs.push(("user_name".to_string(), name.clone()));
        }
        pairs
    }
}

impl Users {
    /// One page of the workspace's users matching `query` (`users.list`).
    ///
    /// # Errors
    /// `invalid_argument` when `page` is 0 or `limit` is not 1 to 100; otherwise as
    /// [`Client::send`], and `decode` when the answer is not a page of users.
    pub async fn list(&self, query: &UserQuery, page: u32, limit: u32) -> Result<Page<User>> {
        let mut request = page_request(operation_request(names::USERS_LIST, &[])?, page, limit)?;
        request.query.extend(query.pairs());
        self.client.send(request).await?.json()
    }

    /// Every user matching `query`, page after page.
    ///
    /// # Errors
    /// None in practice (the operation is in the built-in catalogue). Request failures come
    /// from [`Pager::next_page`].
    pub fn list_all(&self, query: &UserQuery) -> Result<Pager<User>> {
        let request = operation_request(names::USERS_LIST, &[])?;
        Ok(Pager::new(self.client.clone(), request.path, query.pairs()))
    }
}

impl Roles {
    /// The workspace's active roles.
    ///
    /// # Errors
    /// As [`Client::send`], and `decode` when the answer is not a list of roles.
    pub async fn list(&self) -> Result<Vec<Role>> {
        let response = self.client.send(operation_request(names::ROLES_LIST, &[])?).await?;
        list_from(&response, &["active_roles", "results", "items"])
    }
}
