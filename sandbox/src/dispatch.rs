//! The request pipeline: control endpoints, then faults, routing
//! (trailing-slash redirect, 404), authentication (401/403), the rate limit
//! (429), method check (405), the documented query parameters (400) and the
//! handler; every non-control request is logged with what it was answered.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, RETRY_AFTER};
use hyper::{Method, Request, StatusCode};
use serde_json::json;

use crate::auth::{AuthFacts, Rejection};
use crate::body::{detail, json_response, raw_json, redirect, stall, truncate, HttpResponse};
use crate::control;
use crate::documented;
use crate::faults::{Fault, MALFORMED_JSON_BODY};
use crate::handlers::RequestCtx;
use crate::params::Query;
use crate::request_log::LoggedRequest;
use crate::router::{resolve, Resolution, Route};
use crate::state::AppState;

/// Largest request body read (larger ones get 413).
const MAX_REQUEST_BODY: usize = 64 * 1024 * 1024;

pub(crate) enum Outcome {
    Respond(HttpResponse),
    /// Answer, then close the connection once it has been idle this long.
    RespondThenClose(HttpResponse, Duration),
    /// Abort the connection without answering.
    Reset,
}

pub(crate) async fn handle(state: &AppState, routes: &[Route], request: Request<Incoming>) -> Outcome {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() {
                return Outcome::Respond(detail(413, "Request body too large."));
            }
            return Outcome::Reset;
        }
    };
    let method = parts.method;
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().map(str::to_string);

    if control::is_control_path(&path) {
        return Outcome::Respond(control::handle(state, &method, &path, query.as_deref(), &body));
    }

    let facts = AuthFacts::read(&parts.headers, &state.credential);
    let mut entry = LoggedRequest {
        method: method.to_string(),
        path: path.clone(),
        query: query.clone(),
        header_names: parts.headers.keys().map(|k| k.as_str().to_ascii_lowercase()).collect(),
        client_id_present: facts.client_id_present,
        client_id_matched: facts.client_id_matched,
        client_secret_present: facts.client_secret_present,
        client_secret_matched: facts.client_secret_matched,
        user_email: facts.user_email.clone(),
        user_agent: parts.headers.get(hyper::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string),
        body_len: body.len(),
        status: 0,
        fault: None,
        at_micros: state.started.elapsed().as_micros() as u64,
    };
    entry.header_names.dedup();

    let fault = state.faults().take(method.as_str(), &path);
    entry.fault = fault.as_ref().map(Fault::label);
    let request = RequestView { method: &method, path: &path, query: query.as_deref(), body: &body, facts: &facts };
    // A delayed answer is computed and logged when the request arrives, so the log shows
    // every request that reached the server even if the client gives up waiting.
    let mut delay = None;
    let outcome = match fault {
        Some(Fault::Reset) => Outcome::Reset,
        Some(Fault::Status { status, retry_after, body }) => {
            Outcome::Respond(status_fault(status, retry_after.as_deref(), body))
        }
        Some(Fault::Redirect { location }) => Outcome::Respond(redirect(&location)),
        Some(Fault::Delay { millis }) => {
            delay = Some(Duration::from_millis(millis));
            Outcome::Respond(normal(state, routes, &request))
        }
        Some(Fault::Truncate) => Outcome::Respond(truncate(normal(state, routes, &request))),
        Some(Fault::CloseWhenIdle { after_millis }) => {
            Outcome::RespondThenClose(normal(state, routes, &request), Duration::from_millis(after_millis))
        }
        Some(Fault::StallBody { millis }) => {
            Outcome::Respond(stall(normal(state, routes, &request), Duration::from_millis(millis)))
        }
        Some(Fault::MalformedJson { body }) => {
            Outcome::Respond(raw_json(200, body.as_deref().unwrap_or(MALFORMED_JSON_BODY)))
        }
        None => Outcome::Respond(normal(state, routes, &request)),
    };
    entry.status = match &outcome {
        Outcome::Respond(response) | Outcome::RespondThenClose(response, _) => response.status().as_u16(),
        Outcome::Reset => 0,
    };
    state.log().push(entry);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    outcome
}

/// The parts of a request the normal path needs.
struct RequestView<'a> {
    method: &'a Method,
    path: &'a str,
    query: Option<&'a str>,
    body: &'a Bytes,
    facts: &'a AuthFacts,
}

fn status_fault(status: u16, retry_after: Option<&str>, body: Option<serde_json::Value>) -> HttpResponse {
    let body = body.unwrap_or_else(|| {
        let reason = StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Injected fault");
        json!({ "detail": reason })
    });
    let mut response = json_response(status, &body);
    if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(v).ok()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

fn normal(state: &AppState, routes: &[Route], request: &RequestView<'_>) -> HttpResponse {
    let resolution = resolve(routes, request.method, request.path, request.query);
    let (route, params) = match resolution {
        Resolution::Redirect { location } => return redirect(&location),
        Resolution::NotFound => return detail(404, "Not found."),
        Resolution::Found { route, params } => (route, params),
        Resolution::MethodNotAllowed { allowed } => {
            // Authentication and throttling come first, as in Django REST framework.
            if let Err(rejection) = admit(state, request.facts) {
                return rejection.response();
            }
            let allow = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
            let mut response = detail(405, &format!("Method \"{}\" not allowed.", request.method));
            if let Ok(value) = HeaderValue::from_str(&allow) {
                response.headers_mut().insert(ALLOW, value);
            }
            return response;
        }
    };
    let acting_user_email = match admit(state, request.facts) {
        Ok(email) => email,
        Err(rejection) => return rejection.response(),
    };
    let query = Query::parse(request.query);
    if route.emulated {
        if let Err(response) = documented::check(route.method_name, route.template, route.name, &query) {
            return *response;
        }
    }
    let ctx = RequestCtx {
        state,
        method: request.method,
        operation: route.name,
        template: route.template,
        params,
        query,
        body: request.body,
        acting_user_email,
    };
    (route.handler)(&ctx)
}

/// Authenticate, then count the request against the workspace rate limit.
fn admit(state: &AppState, facts: &AuthFacts) -> Result<String, Rejection> {
    let acting_user_email = facts.authenticate(&state.workspace())?;
    if !state.rate_limiter().allow(Instant::now()) {
        return Err(Rejection { status: 429, message: "Request was throttled." });
    }
    Ok(acting_user_email)
}
