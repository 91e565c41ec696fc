//! Handlers of the catalogue operations. Each is a plain function from the
//! request context to a response; workspace data is read or changed through
//! `ctx.state.workspace()`. Operations the sandbox does not emulate all go to
//! [`not_emulated`] (501).

pub(crate) mod approvals;
pub(crate) mod comments;
pub(crate) mod contract_filters;
pub(crate) mod contract_types;
pub(crate) mod contracts;
pub(crate) mod counterparties;
pub(crate) mod download;
pub(crate) mod external_metadata;
pub(crate) mod key_pointers;
pub(crate) mod roles;
pub(crate) mod templates;
pub(crate) mod users;
pub(crate) mod webhooks;

use bytes::Bytes;
use hyper::Method;

use crate::body::{sd_error, HttpResponse};
use crate::fields::{object_body, Object, Rejected};
use crate::params::Query;
use crate::router::Params;
use crate::seed::Workspace;
use crate::state::AppState;

/// Code of the 501 answer for catalogue operations the sandbox does not emulate.
pub(crate) const NOT_EMULATED_CODE: &str = "SD_SANDBOX_NOT_EMULATED";

/// What a handler gets: the shared state, the request, and who it runs as.
pub(crate) struct RequestCtx<'a> {
    pub state: &'a AppState,
    pub method: &'a Method,
    /// The catalogue name and path template of the operation.
    pub operation: &'static str,
    pub template: &'static str,
    pub params: Params,
    pub query: Query,
    pub body: &'a Bytes,
    /// The user the call acts as: `user-email` if sent, else the credential's user.
    pub acting_user_email: String,
}

impl RequestCtx<'_> {
    /// A captured path parameter (empty when the template has none by that name).
    pub fn param(&self, name: &str) -> &str {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// The request body as a JSON object (`{}` when empty), or the 400 answer.
    pub fn object(&self) -> Result<Object, Rejected> {
        object_body(self.body)
    }

    /// Id of the acting user (the caller holds the workspace lock).
    pub fn acting_user_id(&self, workspace: &Workspace) -> u64 {
        workspace.active_user_by_email(&self.acting_user_email).map(|u| u.id).unwrap_or(0)
    }
}

pub(crate) type Handler = fn(&RequestCtx<'_>) -> HttpResponse;

/// 501 for a catalogue operation without an emulation (after authentication).
pub(crate) fn not_emulated(ctx: &RequestCtx<'_>) -> HttpResponse {
    let message =
        format!("{} ({} {}) is not emulated by the SpotDraft sandbox", ctx.operation, ctx.method, ctx.template);
    let detail = format!("This operation is not emulated by the sandbox: {}.", ctx.operation);
    crate::body::json_response(
        501,
        &serde_json::json!({"detail": detail, "status_code": 501, "code": NOT_EMULATED_CODE, "message": message}),
    )
}

/// Unwrap a `Result` whose error is already the (boxed) answer.
macro_rules! try_answer {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(response) => return *response,
        }
    };
}
pub(crate) use try_answer;

/// The richer 404 of an unknown object.
pub(crate) fn not_found(code: &str, message: &str) -> HttpResponse {
    sd_error(404, code, message)
}
