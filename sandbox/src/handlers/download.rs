//! Contract files: `POST contracts/{composite_id}/download` streams a
//! deterministic PDF of the configured size; `POST .../download_link` hands out
//! a signed sandbox URL (`/__sandbox/files/<token>?signature=...`) serving the
//! same bytes without credentials.

use http_body_util::BodyExt;
use hyper::header::{HeaderValue, CONTENT_DISPOSITION, CONTENT_TYPE};
use hyper::Response;
use serde_json::{json, Value};

use super::contracts::contract_not_found;
use super::{try_answer, RequestCtx};
use crate::body::{detail, json_response, HttpResponse};
use crate::fields::FieldErrors;
use crate::params::Query;
use crate::pdf::PdfBody;
use crate::seed::{Counters, DownloadToken};
use crate::state::AppState;

/// Formats `download_link` accepts (the schema's `EditableDocumentDownloadFormat`).
const FORMATS: [&str; 3] = ["PDF", "DOCX", "DOCX_WITH_FALLBACK_TO_PDF"];

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A streamed file response of `size` bytes.
fn file_response(size: u64, content_type: &'static str, file_name: &str) -> HttpResponse {
    let mut response = Response::new(PdfBody::new(size).boxed());
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    let safe: String = file_name.chars().map(|c| if c == '"' || c.is_control() { '_' } else { c }).collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

pub(crate) fn download(ctx: &RequestCtx<'_>) -> HttpResponse {
    let composite_id = ctx.param("composite_id");
    let found = ctx.state.workspace().find_contract(composite_id).map(|c| c.composite_id());
    let Some(composite_id) = found else {
        return contract_not_found();
    };
    file_response(ctx.state.pdf_size, "application/pdf", &format!("contract-{composite_id}.pdf"))
}

/// 64-bit FNV-1a, enough to make sandbox tokens and signatures look random.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn signature_of(token: &str) -> String {
    format!("{:016x}", fnv1a(&format!("spotdraft-sandbox-signature:{token}")))
}

/// `{"format": "PDF" | "DOCX" | ...}` (default PDF) → `{url, file_name, current_version_id}`.
pub(crate) fn download_link(ctx: &RequestCtx<'_>) -> HttpResponse {
    let body = try_answer!(ctx.object());
    let mut errors = FieldErrors::new();
    let format = match body.get("format") {
        None | Some(Value::Null) => "PDF".to_string(),
        Some(Value::String(f)) if FORMATS.contains(&f.as_str()) => f.clone(),
        Some(other) => {
            let shown = other.as_str().map(String::from).unwrap_or_else(|| other.to_string());
            errors.add("format", format!("\"{shown}\" is not a valid choice."));
            String::new()
        }
    };
    let mut workspace = ctx.state.workspace();
    let Some(contract) = workspace.find_contract(ctx.param("composite_id")) else {
        return contract_not_found();
    };
    let (contract_id, name) = (contract.id, contract.name.clone());
    try_answer!(errors.check());
    let n = Counters::take(&mut workspace.next.download_link);
    let token = format!("dl{n}-{:016x}", fnv1a(&format!("{n}:{contract_id}:{format}")));
    let signature = signature_of(&token);
    let extension = if format == "PDF" { "pdf" } else { "docx" };
    let url = format!("{}/__sandbox/files/{token}?signature={signature}", ctx.state.base_url);
    workspace.download_tokens.push(DownloadToken { token, signature, contract_id, format });
    json_response(200, &json!({"url": url, "file_name": format!("{name}.{extension}"), "current_version_id": 1}))
}

/// `GET /__sandbox/files/<token>?signature=...`: the file of a download link
/// (no credentials; 403 for a wrong signature, 404 for an unknown token).
pub(crate) fn serve_file(state: &AppState, token: &str, query: Option<&str>) -> HttpResponse {
    let query = Query::parse(query);
    let workspace = state.workspace();
    let Some(link) = workspace.download_tokens.iter().find(|t| t.token == token) else {
        return detail(404, "Not found.");
    };
    if query.get("signature") != Some(link.signature.as_str()) {
        return detail(403, "Signature does not match.");
    }
    let name =
        workspace.contracts.iter().find(|c| c.id == link.contract_id).map(|c| c.name.clone()).unwrap_or_default();
    if link.format == "PDF" {
        file_response(state.pdf_size, "application/pdf", &format!("{name}.pdf"))
    } else {
        file_response(state.pdf_size, DOCX_TYPE, &format!("{name}.docx"))
    }
}
