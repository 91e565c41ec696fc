//! Handlers of the emulated operations. Each is a plain function from the
//! request context to a response; workspace data is read or changed through
//! `ctx.state.workspace()`.

pub(crate) mod contract_types;
pub(crate) mod contracts;
pub(crate) mod download;
pub(crate) mod templates;
pub(crate) mod users;

use bytes::Bytes;
use hyper::Method;

use crate::body::HttpResponse;
use crate::params::Query;
use crate::router::Params;
use crate::state::AppState;

/// What a handler gets: the shared state, the request, and who it runs as.
pub(crate) struct RequestCtx<'a> {
    pub state: &'a AppState,
    #[allow(dead_code)]
    pub method: &'a Method,
    pub params: Params,
    pub query: Query,
    #[allow(dead_code)]
    pub body: &'a Bytes,
    /// The user the call acts as: `user-email` if sent, else the credential's user.
    #[allow(dead_code)]
    pub acting_user_email: String,
}

impl RequestCtx<'_> {
    /// A captured path parameter (empty when the template has none by that name).
    pub fn param(&self, name: &str) -> &str {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }
}

pub(crate) type Handler = fn(&RequestCtx<'_>) -> HttpResponse;
