//! The activity-log comments of a contract: `GET` (paged) and `POST
//! contracts/{contract_id}/comments/`, oldest first.

use serde_json::{json, Value};

use super::contracts::contract_not_found;
use super::{try_answer, RequestCtx};
use crate::body::{json_response, HttpResponse};
use crate::fields::FieldErrors;
use crate::params::Paging;
use crate::seed::{Comment, Counters};

fn comment_json(contract_id: u64, c: &Comment) -> Value {
    let replies: Vec<Value> = c.replies.iter().map(|(id, text)| json!({"id": id, "comment": text})).collect();
    json!({"id": c.id, "contract_id": contract_id, "comment": c.comment, "replies": replies})
}

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let paging = match Paging::from_query(&ctx.query) {
        Ok(paging) => paging,
        Err(errors) => return json_response(400, &errors),
    };
    let workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    let items: Vec<Value> = contract.comments.iter().map(|c| comment_json(contract.id, c)).collect();
    json_response(200, &paging.envelope(items))
}

/// `{"comment": "..."}` (non-blank) → 201 with the new comment.
pub(crate) fn create(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut workspace = ctx.state.workspace();
    if workspace.find_contract(ctx.param("contract_id")).is_none() {
        return contract_not_found();
    }
    let mut errors = FieldErrors::new();
    let text = errors.required_string(&body, "comment");
    try_answer!(errors.check());
    let id = Counters::take(&mut workspace.next.comment);
    let comment = Comment { id, comment: text.unwrap_or_default(), replies: Vec::new() };
    let Some(contract) = workspace.find_contract_mut(ctx.param("contract_id")) else {
        return contract_not_found();
    };
    let answer = comment_json(contract.id, &comment);
    contract.comments.push(comment);
    json_response(201, &answer)
}
