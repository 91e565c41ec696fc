//! `GET /api/v2.1/public/auth/users/`: paged users with their roles;
//! `user_email` (exact, case-insensitive) and `user_name` (case-insensitive
//! prefix of "first last") filters.

use serde_json::Value;

use super::RequestCtx;
use crate::body::{json_response, HttpResponse};
use crate::params::Paging;

pub(crate) fn list(ctx: &RequestCtx<'_>) -> HttpResponse {
    let paging = match Paging::from_query(&ctx.query) {
        Ok(paging) => paging,
        Err(errors) => return json_response(400, &errors),
    };
    let email = ctx.query.get("user_email").map(str::to_lowercase);
    let name = ctx.query.get("user_name").map(str::to_lowercase);
    let workspace = ctx.state.workspace();
    let items: Vec<Value> = workspace
        .users
        .iter()
        .filter(|u| email.as_deref().is_none_or(|e| u.email.to_lowercase() == e))
        .filter(|u| name.as_deref().is_none_or(|n| u.full_name().to_lowercase().starts_with(n)))
        .map(|u| workspace.user_json(u))
        .collect();
    json_response(200, &paging.envelope(items))
}
