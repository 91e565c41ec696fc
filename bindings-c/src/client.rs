//! `spotdraft_client`: requests, catalogue calls, verification and impersonation.

use std::ffi::c_char;

use crate::error::spotdraft_error;
use crate::ffi::{clear_out, free, give, handle, infallible, invalid, optional_text, run, text, Result};
use crate::response::spotdraft_response;
use crate::stack::run_blocking;
use crate::status::spotdraft_status;
use crate::strings::give_string;

/// A SpotDraft client. Thread-safe: one client may be used by many threads at once (they
/// share its connections and rate limiter). Calls block the calling thread only; the work
/// runs on the library's own threads, so small thread stacks are fine. Freed with
/// `spotdraft_client_free` once no thread uses it.
pub struct spotdraft_client {
    pub(crate) inner: sd::BlockingClient,
}

fn json_object(text_json: Option<&str>, what: &str) -> Result<serde_json::Map<String, serde_json::Value>> {
    match text_json {
        None => Ok(Default::default()),
        Some(t) => match serde_json::from_str(t) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            _ => Err(invalid(format!("{what} must be a JSON object"))),
        },
    }
}

/// Sends `method` (`"GET"`, `"POST"`, ...) to `path` (relative to the base URL, such as
/// `"/api/v2.1/public/contracts/?page=1"`; absolute URLs are refused) with an optional
/// JSON body (NULL: none). An HTTP error answer is an error (its kind says which), not a
/// response; `*out` receives the response otherwise.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_request(
    client: *const spotdraft_client,
    method: *const c_char,
    path: *const c_char,
    json_body: *const c_char,
    out: *mut *mut spotdraft_response,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let client = handle(client, "client")?;
        let method: sd::Method = text(method, "method")?.parse()?;
        let mut request = sd::Request::new(method, text(path, "path")?);
        if let Some(body) = optional_text(json_body, "json_body")? {
            request = request.json_text(body.to_string())?;
        }
        let inner = client.inner.async_client().clone();
        let response = run_blocking(&client.inner, async move { inner.send(request).await })?;
        give(out, spotdraft_response::new(response));
        Ok(())
    })
}

/// Calls any operation of the SpotDraft API catalogue by name (such as
/// `"contracts.list"` or `"contracts.status"`), with its path and query parameters as a
/// JSON object (NULL: none) and an optional JSON body (NULL: none). The answer's body is JSON.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_call(
    client: *const spotdraft_client,
    operation: *const c_char,
    params_json: *const c_char,
    json_body: *const c_char,
    out: *mut *mut spotdraft_response,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let client = handle(client, "client")?;
        let name = text(operation, "operation")?;
        let params = json_object(optional_text(params_json, "params_json")?, "params_json")?;
        let body = match optional_text(json_body, "json_body")? {
            Some(t) => Some(serde_json::from_str(t).map_err(|_| invalid("json_body is not valid JSON"))?),
            None => None,
        };
        let request = sd::build_call(name, &params, body)?;
        let inner = client.inner.async_client().clone();
        let response = run_blocking(&client.inner, async move { inner.send(request).await })?;
        give(out, spotdraft_response::new(response));
        Ok(())
    })
}

/// Checks that SpotDraft accepts the credential (and the user acted as, if any); the
/// error says what to fix. On success `*verification_json`, when not NULL, receives
/// `{"base_url":...,"acting_as":...|null,"contract_types":N}`, freed with
/// `spotdraft_string_free`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_verify(
    client: *const spotdraft_client,
    verification_json: *mut *mut c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        if !verification_json.is_null() {
            clear_out(verification_json, "verification_json")?;
        }
        let verification = handle(client, "client")?.inner.verify()?;
        if !verification_json.is_null() {
            let json = serde_json::json!({
                "base_url": verification.base_url,
                "acting_as": verification.acting_as,
                "contract_types": verification.contract_types,
            });
            give_string(verification_json, json.to_string());
        }
        Ok(())
    })
}

/// A new client acting as another workspace user (sharing connections and the rate
/// limiter with `client`). Freed with `spotdraft_client_free`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_as_user(
    client: *const spotdraft_client,
    user_email: *const c_char,
    out: *mut *mut spotdraft_client,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    run(err, || {
        clear_out(out, "out")?;
        let client = handle(client, "client")?;
        let inner = client.inner.as_user(text(user_email, "user_email")?)?;
        give(out, spotdraft_client { inner });
        Ok(())
    })
}

/// Frees a client. NULL is a no-op. No other thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_free(client: *mut spotdraft_client) {
    infallible((), || free(client))
}
