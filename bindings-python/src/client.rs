//! The native client: settings resolved by core's `ClientOptions`, and one method per kind
//! of work, each returning an [`Op`] that the Python `Client` waits on and `AsyncClient`
//! awaits.

use std::path::PathBuf;

use pyo3::prelude::*;
use serde_json::{Map, Value};
use spotdraft::{BlockingClient, CancellationToken, Client, ClientOptions, Method, Request};

use crate::credential::PyCredential;
use crate::errors::{invalid, IntoPyResult};
use crate::op::{job, Op, Out};
use crate::pager::NativePager;

/// A configured client (shared by `spotdraft.Client` and `spotdraft.AsyncClient`).
#[pyclass(module = "spotdraft._native", frozen)]
pub struct NativeClient {
    inner: BlockingClient,
    source: String,
}

/// Parses a JSON argument that the Python side encoded with `json.dumps`.
pub fn parse_json(py: Python<'_>, what: &str, text: &str) -> PyResult<Value> {
    serde_json::from_str(text).map_err(|e| invalid(py, format!("{what} is not JSON-serializable: {e}")))
}

/// Parses a JSON object argument.
pub fn parse_object(py: Python<'_>, what: &str, text: &str) -> PyResult<Map<String, Value>> {
    match parse_json(py, what, text)? {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(invalid(py, format!("{what} must be a mapping"))),
    }
}

fn seconds(py: Python<'_>, what: &str, value: Option<f64>) -> PyResult<Option<std::time::Duration>> {
    value.map(|v| spotdraft::duration_from_secs(what, v)).transpose().py_err(py)
}

impl NativeClient {
    /// A client bound to a fresh cancellation token, and the op that runs `work` with it.
    fn op<F, Fut>(&self, work: F) -> Op
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = spotdraft::Result<Out>> + Send + 'static,
    {
        let token = CancellationToken::new();
        let client = self.inner.async_client().with_cancellation(token.clone());
        Op::new(job(work(client)), token, self.inner.clone())
    }
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (
        credential=None, *, profile=None, region=None, base_url=None, timeout=None, connect_timeout=None,
        attempt_timeout=None, max_attempts=None, rate_limit=None, user_agent_suffix=None, max_body_size=None,
        retry_backoff=None, rate_limit_url=None, rate_limit_strict=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        credential: Option<PyRef<'_, PyCredential>>,
        profile: Option<String>,
        region: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        attempt_timeout: Option<f64>,
        max_attempts: Option<u32>,
        rate_limit: Option<u32>,
        user_agent_suffix: Option<String>,
        max_body_size: Option<u64>,
        retry_backoff: Option<(f64, f64)>,
        rate_limit_url: Option<String>,
        rate_limit_strict: Option<bool>,
    ) -> PyResult<Self> {
        // Parsed here so the Redis password is held by core's zeroizing type from now on; a
        // bad URL's message masks the password.
        let rate_limit_url = rate_limit_url.map(|url| spotdraft::RateLimitUrl::parse(&url)).transpose().py_err(py)?;
        let (retry_backoff, max_retry_backoff) = match retry_backoff {
            Some((initial, max)) => (
                Some(spotdraft::duration_from_secs("retry_backoff", initial).py_err(py)?),
                Some(spotdraft::duration_from_secs("retry_backoff", max).py_err(py)?),
            ),
            None => (None, None),
        };
        let options = ClientOptions {
            credential: credential.map(|c| c.inner.clone()),
            profile,
            region,
            base_url,
            timeout: seconds(py, "timeout", timeout)?,
            connect_timeout: seconds(py, "connect_timeout", connect_timeout)?,
            attempt_timeout: seconds(py, "attempt_timeout", attempt_timeout)?,
            max_attempts,
            retry_backoff,
            max_retry_backoff,
            rate_limit,
            user_agent_suffix,
            max_body_size,
            rate_limit_url,
            rate_limit_strict,
            ..ClientOptions::default()
        };
        // Reading the profile store touches the disk under a lock: let other threads run.
        let built = py.detach(move || -> spotdraft::Result<(BlockingClient, String)> {
            let resolved = options.resolve()?;
            Ok((BlockingClient::new(resolved.builder)?, source_text(&resolved.source)))
        });
        let (inner, source) = built.py_err(py)?;
        Ok(NativeClient { inner, source })
    }

    /// Where the credential came from (explicit, environment, a profile).
    #[getter]
    fn credential_source(&self) -> &str {
        &self.source
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.async_client().endpoint().base_url().to_string()
    }

    /// The credential in use (its secret stays hidden).
    #[getter]
    fn credential(&self) -> PyCredential {
        PyCredential { inner: self.inner.async_client().credential().clone() }
    }

    /// A client acting as another workspace user; shares connections and the rate limit.
    fn as_user(&self, py: Python<'_>, email: &str) -> PyResult<NativeClient> {
        Ok(NativeClient { inner: self.inner.as_user(email).py_err(py)?, source: self.source.clone() })
    }

    /// Any request to a path below the base URL.
    #[pyo3(signature = (method, path, params, json=None, timeout=None))]
    fn request(
        &self,
        py: Python<'_>,
        method: &str,
        path: String,
        params: Vec<(String, String)>,
        json: Option<String>,
        timeout: Option<f64>,
    ) -> PyResult<Op> {
        let method: Method = method.parse().py_err(py)?;
        let mut request = Request::new(method, path).extend_query(params);
        if let Some(text) = json {
            request = request.json_text(text.into_bytes()).py_err(py)?;
        }
        if let Some(timeout) = seconds(py, "timeout", timeout)? {
            request = request.timeout(timeout);
        }
        Ok(self.op(|client| async move { client.send(request).await.map(Out::Response) }))
    }

    /// One of the catalogue's operations by name, e.g. ``contracts.status``.
    #[pyo3(signature = (name, params, body=None))]
    fn call(&self, py: Python<'_>, name: &str, params: &str, body: Option<&str>) -> PyResult<Op> {
        let params = parse_object(py, "params", params)?;
        let body = body.map(|b| parse_json(py, "json", b)).transpose()?;
        let request = spotdraft::build_call(name, &params, body).py_err(py)?;
        Ok(self.op(|client| async move { client.send(request).await.map(Out::Response) }))
    }

    /// Checks the credential against the API.
    fn verify(&self) -> Op {
        self.op(|client| async move {
            let v = client.verify().await?;
            Out::json(&serde_json::json!({
                "base_url": v.base_url, "acting_as": v.acting_as, "contract_types": v.contract_types,
            }))
        })
    }

    /// A lazy pager over any list endpoint.
    #[pyo3(signature = (path, params, page_size=None, max_pages=None))]
    fn pages(
        &self,
        py: Python<'_>,
        path: &str,
        params: Vec<(String, String)>,
        page_size: Option<u32>,
        max_pages: Option<u32>,
    ) -> PyResult<NativePager> {
        let query: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let pager = self.inner.async_client().pages::<Value>(path, &query);
        NativePager::configure(py, Box::new(pager), page_size, max_pages, self.inner.clone())
    }

    /// A typed resource operation (``contracts.get``, ``users.list``, ...): arguments and
    /// answer as JSON.
    fn resource(&self, py: Python<'_>, name: &str, args: &str) -> PyResult<Op> {
        let args = parse_object(py, "arguments", args)?;
        let work = crate::resources::prepare(py, name, args)?;
        Ok(self.op(work))
    }

    /// A typed resource's lazy pager (``contracts.list_all``, ...).
    #[pyo3(signature = (name, args, page_size=None, max_pages=None))]
    fn resource_pages(
        &self,
        py: Python<'_>,
        name: &str,
        args: &str,
        page_size: Option<u32>,
        max_pages: Option<u32>,
    ) -> PyResult<NativePager> {
        let args = parse_object(py, "arguments", args)?;
        let pager = crate::resources::pager(py, self.inner.async_client(), name, args)?;
        NativePager::configure(py, pager, page_size, max_pages, self.inner.clone())
    }

    /// Downloads a contract's file to `path` (written beside it, then renamed into place).
    /// `progress(bytes, total)` is called after each chunk; a false answer stops the download.
    #[pyo3(signature = (id, path, overwrite=false, progress=None))]
    fn download(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        path: PathBuf,
        overwrite: bool,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Op> {
        let id = crate::resources::contract_id_from_py(py, id)?;
        Ok(self.op(move |client| async move {
            let failed: std::sync::Arc<std::sync::Mutex<Option<PyErr>>> = Default::default();
            let failure = failed.clone();
            let report = move |p: spotdraft::DownloadProgress| -> bool {
                let Some(callback) = &progress else { return true };
                crate::with_python(|py| match callback.call1(py, (p.bytes, p.total)) {
                    Ok(answer) => !matches!(answer.extract::<bool>(py), Ok(false)),
                    Err(err) => {
                        *failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(err);
                        false
                    }
                })
                .unwrap_or(false)
            };
            let outcome = client.contracts().download_to_file(id, &path, overwrite, report).await;
            if let Some(err) = failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
                // The callback's own exception explains the stop better than `cancelled`.
                return Ok(Out::Raise(err));
            }
            let d = outcome?;
            Out::json(&serde_json::json!({
                "bytes": d.bytes, "content_type": d.content_type, "file_name": d.file_name, "attempts": d.attempts,
            }))
        }))
    }

    fn __repr__(&self) -> String {
        format!("NativeClient(base_url={:?})", self.base_url())
    }
}

/// A short, stable description of where the credential came from.
fn source_text(source: &spotdraft::CredentialSource) -> String {
    match source {
        spotdraft::CredentialSource::Explicit => "explicit".to_string(),
        spotdraft::CredentialSource::Environment => "environment".to_string(),
        spotdraft::CredentialSource::Profile { name, .. } => format!("profile:{name}"),
        #[allow(unreachable_patterns)]
        _ => "other".to_string(),
    }
}
