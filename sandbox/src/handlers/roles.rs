//! `GET auth/roles/`: `{"active_roles": [{id, name, description}]}`.

use serde_json::{json, Value};

use super::RequestCtx;
use crate::body::{json_response, HttpResponse};

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    let roles: Vec<Value> =
        workspace.roles.iter().map(|r| json!({"id": r.id, "name": r.name, "description": r.description})).collect();
    json_response(200, &json!({ "active_roles": roles }))
}
