//! `GET /api/v2.1/public/contract_types/`: a bare JSON array.

use serde_json::{json, Value};

use super::RequestCtx;
use crate::body::{json_response, HttpResponse};

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    let items: Vec<Value> = workspace.contract_types.iter().map(|t| json!({"id": t.id, "name": t.name})).collect();
    json_response(200, &Value::Array(items))
}
