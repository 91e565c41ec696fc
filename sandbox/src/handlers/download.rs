//! `POST /api/v2.1/public/contracts/{composite_id}/download`: the contract
//! file as a streamed, deterministic PDF of the configured size.

use http_body_util::BodyExt;
use hyper::header::{HeaderValue, CONTENT_DISPOSITION, CONTENT_TYPE};
use hyper::Response;

use super::contracts::contract_not_found;
use super::RequestCtx;
use crate::body::HttpResponse;
use crate::pdf::PdfBody;

pub(crate) fn download(ctx: &RequestCtx<'_>) -> HttpResponse {
    let composite_id = ctx.param("composite_id");
    let found = ctx.state.workspace().find_contract(composite_id).map(|c| c.composite_id());
    let Some(composite_id) = found else {
        return contract_not_found();
    };
    let mut response = Response::new(PdfBody::new(ctx.state.pdf_size).boxed());
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"contract-{composite_id}.pdf\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}
