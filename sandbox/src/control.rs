//! The `/__sandbox/...` control endpoints used by tests in other languages,
//! and the files behind `download_link` URLs (`/__sandbox/files/<token>`).
//! They need no credentials, are not logged, and ignore faults and limits.

use hyper::Method;
use serde::Deserialize;
use serde_json::json;

use crate::body::{detail, empty, json_response, HttpResponse};
use crate::faults::FaultRule;
use crate::handlers;
use crate::state::AppState;

pub(crate) const PREFIX: &str = "/__sandbox/";

#[derive(Deserialize)]
struct RateLimitSwitch {
    enabled: bool,
}

pub(crate) fn is_control_path(path: &str) -> bool {
    path.starts_with(PREFIX)
}

pub(crate) fn handle(state: &AppState, method: &Method, path: &str, query: Option<&str>, body: &[u8]) -> HttpResponse {
    let endpoint = path.trim_start_matches(PREFIX).trim_end_matches('/');
    if let Some(token) = endpoint.strip_prefix("files/") {
        return match *method {
            Method::GET => handlers::download::serve_file(state, token, query),
            _ => detail(405, &format!("Method \"{method}\" not allowed.")),
        };
    }
    match (endpoint, method) {
        ("health", &Method::GET) => json_response(200, &json!({"status": "ok"})),
        ("faults", &Method::POST) => match serde_json::from_slice::<FaultRule>(body) {
            Ok(rule) => {
                state.faults().add(rule);
                empty(204)
            }
            Err(e) => json_response(400, &json!({"detail": format!("Invalid fault rule: {e}")})),
        },
        ("faults", &Method::DELETE) => {
            state.faults().clear();
            empty(204)
        }
        ("requests", &Method::GET) => {
            let entries = state.log().snapshot();
            json_response(200, &serde_json::to_value(entries).unwrap_or_default())
        }
        ("requests", &Method::DELETE) => {
            state.log().clear();
            empty(204)
        }
        ("rate_limit", &Method::POST) => match serde_json::from_slice::<RateLimitSwitch>(body) {
            Ok(switch) => {
                state.rate_limiter().set_enabled(switch.enabled);
                empty(204)
            }
            Err(e) => json_response(400, &json!({"detail": format!("Expected {{\"enabled\": bool}}: {e}")})),
        },
        ("health" | "faults" | "requests" | "rate_limit", _) => {
            detail(405, &format!("Method \"{method}\" not allowed."))
        }
        _ => detail(404, "Not found."),
    }
}
