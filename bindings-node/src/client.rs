//! `NativeClient`: core's async `Client` driven from JavaScript. Every call returns a
//! Promise settled from napi's tokio runtime, so the event loop never waits on the network;
//! a pending call holds the loop open, an idle client does not.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;
use spotdraft::{duration_from_millis, ClientOptions, Method, Request};

use crate::cancel::{token_of, CancelToken};
use crate::credential::NativeCredential;
use crate::errors::{invalid, parse_args, scrub, IntoNapi};
use crate::response::NativeResponse;

/// What `new Client(credential, options)` takes; every field optional.
#[napi(object)]
#[derive(Default)]
pub struct ClientInit {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub base_url: Option<String>,
    pub timeout_ms: Option<f64>,
    pub connect_timeout_ms: Option<f64>,
    pub attempt_timeout_ms: Option<f64>,
    pub max_attempts: Option<u32>,
    /// Requests per second; 0 turns the client-side limiter off.
    pub rate_limit: Option<u32>,
    pub user_agent_suffix: Option<String>,
    pub max_body_size: Option<f64>,
    /// First wait between retries.
    pub retry_backoff_ms: Option<f64>,
    /// Longest wait between retries.
    pub max_retry_backoff_ms: Option<f64>,
    /// Longest `Retry-After` honoured.
    pub max_retry_after_ms: Option<f64>,
    /// A Redis URL (`redis://`, `rediss://`) through which every process using the workspace
    /// shares one rate limit.
    pub rate_limit_url: Option<String>,
    /// Fail calls when the shared limiter is unreachable instead of falling back.
    pub rate_limit_strict: Option<bool>,
}

#[napi]
pub struct NativeClient {
    pub(crate) inner: spotdraft::Client,
    source: String,
}

fn millis(what: &str, value: Option<f64>) -> napi::Result<Option<std::time::Duration>> {
    value.map(|ms| duration_from_millis(what, ms)).transpose().napi()
}

#[napi]
impl NativeClient {
    #[napi(constructor)]
    pub fn new(credential: Option<&NativeCredential>, init: Option<ClientInit>) -> napi::Result<NativeClient> {
        let init = init.unwrap_or_default();
        let max_body_size = match init.max_body_size {
            Some(n) if !(n.is_finite() && n >= 1.0 && n.fract() == 0.0) => {
                return Err(invalid("maxBodySize must be a positive whole number of bytes"));
            }
            other => other.map(|n| n as u64),
        };
        // Parsed here so the Redis password is held by core's zeroizing type from now on; a
        // bad URL's message masks the password.
        let rate_limit_url = init.rate_limit_url.as_deref().map(spotdraft::RateLimitUrl::parse).transpose().napi()?;
        let options = ClientOptions {
            credential: credential.map(|c| c.inner.clone()),
            rate_limit_url,
            rate_limit_strict: init.rate_limit_strict,
            profile: init.profile,
            region: init.region,
            base_url: init.base_url,
            timeout: millis("timeoutMs", init.timeout_ms)?,
            connect_timeout: millis("connectTimeoutMs", init.connect_timeout_ms)?,
            attempt_timeout: millis("attemptTimeoutMs", init.attempt_timeout_ms)?,
            max_attempts: init.max_attempts,
            retry_backoff: millis("retryBackoffMs", init.retry_backoff_ms)?,
            max_retry_backoff: millis("maxRetryBackoffMs", init.max_retry_backoff_ms)?,
            max_retry_after: millis("maxRetryAfterMs", init.max_retry_after_ms)?,
            rate_limit: init.rate_limit,
            user_agent_suffix: Some(
                init.user_agent_suffix.unwrap_or_else(|| format!("spotdraft-node/{} node", env!("CARGO_PKG_VERSION"))),
            ),
            max_body_size,
        };
        let resolved = options.resolve().napi()?;
        let inner = resolved.builder.build().napi()?;
        Ok(NativeClient { inner, source: format!("{:?}", resolved.source) })
    }

    /// Where the credential came from (explicit, environment, a profile).
    #[napi(getter)]
    pub fn credential_source(&self) -> String {
        self.source.clone()
    }

    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.endpoint().base_url().to_string()
    }

    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.inner.credential().client_id().to_string()
    }

    #[napi(getter)]
    pub fn user_email(&self) -> Option<String> {
        self.inner.credential().user_email().map(str::to_string)
    }

    /// The same client acting as another workspace user (`user-email`).
    #[napi]
    pub fn as_user(&self, email: String) -> napi::Result<NativeClient> {
        Ok(NativeClient { inner: self.inner.as_user(&email).napi()?, source: self.source.clone() })
    }

    /// Any request on the configured host. `query` is `[name, value]` pairs; `json` is
    /// JSON text (serialized by the JavaScript layer).
    #[napi(ts_return_type = "Promise<NativeResponse>")]
    #[allow(clippy::too_many_arguments)]
    pub fn request<'env>(
        &self,
        env: &'env Env,
        method: String,
        path: String,
        query: Option<Vec<Vec<String>>>,
        json: Option<String>,
        timeout_ms: Option<f64>,
        token: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, NativeResponse>> {
        let method: Method = method.parse().napi()?;
        let mut request = Request::new(method, path);
        for pair in query.unwrap_or_default() {
            let [name, value]: [String; 2] =
                pair.try_into().map_err(|_| invalid("query entries must be [name, value] pairs"))?;
            request = request.query(name, value);
        }
        if let Some(text) = json {
            request = request.json_text(text).napi()?;
        }
        if let Some(timeout) = millis("timeoutMs", timeout_ms)? {
            request = request.timeout(timeout);
        }
        if let Some(token) = token_of(token) {
            request = request.cancel_on(token);
        }
        let client = self.inner.clone();
        env.spawn_future(async move { client.send(request).await.map(|inner| NativeResponse { inner }).napi() })
    }

    /// One of the catalogue operations by name (`contracts.status`, ...): `params` is a
    /// JSON object of path and query parameters, `body` JSON text.
    #[napi(ts_return_type = "Promise<NativeResponse>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        name: String,
        params: String,
        body: Option<String>,
        token: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, NativeResponse>> {
        let params = match parse_args(&params)? {
            serde_json::Value::Object(map) => map,
            serde_json::Value::Null => serde_json::Map::new(),
            _ => return Err(invalid("call params must be an object")),
        };
        let body = body.map(|text| parse_args(&text)).transpose()?;
        let client = match token_of(token) {
            Some(token) => self.inner.with_cancellation(token),
            None => self.inner.clone(),
        };
        env.spawn_future(
            async move { client.call(&name, &params, body).await.map(|inner| NativeResponse { inner }).napi() },
        )
    }

    /// A typed resource operation (`contracts.list`, `templates.get`, ...; see `ops.rs`):
    /// arguments and result are JSON text.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn invoke<'env>(
        &self,
        env: &'env Env,
        op: String,
        args: String,
        token: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let args = parse_args(&args)?;
        let client = match token_of(token) {
            Some(token) => self.inner.with_cancellation(token),
            None => self.inner.clone(),
        };
        env.spawn_future(async move {
            let secret = client.credential().client_secret().clone();
            crate::ops::invoke(client, &op, args).await.map_err(|e| scrub(e, secret.expose_secret()))
        })
    }
}
