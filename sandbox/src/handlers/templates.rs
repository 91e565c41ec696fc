//! `GET /api/v2.1/public/templates/`: `{"items": [...]}`, not paged.

use serde_json::{json, Value};

use super::RequestCtx;
use crate::body::{json_response, HttpResponse};

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let workspace = ctx.state.workspace();
    let items: Vec<Value> = workspace
        .templates
        .iter()
        .map(|t| json!({"id": t.id, "name": t.name, "contract_type_id": t.contract_type_id}))
        .collect();
    json_response(200, &json!({ "items": items }))
}
