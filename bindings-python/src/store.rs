//! `spotdraft.CredentialStore`: core's profile store (same file, format and locking as the
//! command line tool). Every call reads or writes the disk, so each releases the GIL.

use std::path::PathBuf;

use pyo3::prelude::*;
use spotdraft::{BaseUrl, CredentialStore, Endpoint, Profile, Region};

use crate::credential::PyCredential;
use crate::errors::{to_py_attached, IntoPyResult};

/// Saved credentials ("profiles") in ``$SPOTDRAFT_CONFIG_DIR`` or ``~/.config/spotdraft``,
/// shared with the ``spotdraft`` command line tool. Secrets are stored in a 0600 file
/// written atomically under a lock.
#[pyclass(module = "spotdraft._native", frozen, name = "NativeCredentialStore")]
pub struct PyCredentialStore {
    inner: CredentialStore,
}

/// A saved profile: its credential and where it points.
#[pyclass(module = "spotdraft", frozen, name = "Profile")]
pub struct PyProfile {
    /// The profile's name.
    #[pyo3(get)]
    name: String,
    /// What the profile is for, if saved with one.
    #[pyo3(get)]
    description: Option<String>,
    /// A region code (``us``, ``eu``, ``in``, ``me``) or a custom base URL.
    #[pyo3(get)]
    endpoint: String,
    /// When the profile was first saved (RFC 3339, UTC).
    #[pyo3(get)]
    created_at: String,
    /// When the profile last changed (RFC 3339, UTC).
    #[pyo3(get)]
    updated_at: String,
    /// The shared rate limiter (Redis URL) clients built from this profile use, its
    /// password shown as ``****``; ``None`` when the profile has none.
    #[pyo3(get)]
    rate_limit_url: Option<String>,
    credential: spotdraft::Credential,
}

#[pymethods]
impl PyProfile {
    /// The saved credential (its secret stays hidden).
    #[getter]
    fn credential(&self) -> PyCredential {
        PyCredential { inner: self.credential.clone() }
    }

    fn __repr__(&self) -> String {
        let rate_limit_url = match &self.rate_limit_url {
            // Already masked by core.
            Some(url) => format!(", rate_limit_url={url:?}"),
            None => String::new(),
        };
        format!(
            "Profile(name={:?}, endpoint={:?}, client_id={:?}{rate_limit_url})",
            self.name,
            self.endpoint,
            self.credential.client_id()
        )
    }
}

fn endpoint_text(endpoint: &Endpoint) -> String {
    match endpoint.region() {
        Some(region) => region.as_str().to_string(),
        None => endpoint.base_url().to_string(),
    }
}

fn endpoint_of(region: Option<String>, base_url: Option<String>) -> spotdraft::Result<Endpoint> {
    match (region, base_url) {
        (Some(_), Some(_)) => {
            Err(spotdraft::Error::new(spotdraft::ErrorKind::InvalidArgument, "give a region or a base URL, not both"))
        }
        (Some(region), None) => Ok(Endpoint::Region(region.parse::<Region>()?)),
        (None, Some(url)) => Ok(Endpoint::Custom(BaseUrl::parse(&url)?)),
        (None, None) => Ok(Endpoint::default()),
    }
}

#[pymethods]
impl PyCredentialStore {
    /// The store in ``directory``, or the default one (as the command line tool finds it).
    #[new]
    #[pyo3(signature = (directory=None))]
    fn new(py: Python<'_>, directory: Option<PathBuf>) -> PyResult<Self> {
        let inner = match directory {
            Some(dir) => CredentialStore::open(dir),
            None => CredentialStore::open_default().py_err(py)?,
        };
        Ok(PyCredentialStore { inner })
    }

    /// The file the profiles live in.
    #[getter]
    fn path(&self) -> PathBuf {
        self.inner.file_path()
    }

    /// Saves ``credential`` as profile ``name`` (replacing one only with ``overwrite``), with
    /// the shared rate limiter ``rate_limit_url`` (a Redis URL) if given.
    #[pyo3(signature = (
        name, credential, *, region=None, base_url=None, description=None, overwrite=false, rate_limit_url=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn save(
        &self,
        py: Python<'_>,
        name: &str,
        credential: PyRef<'_, PyCredential>,
        region: Option<String>,
        base_url: Option<String>,
        description: Option<String>,
        overwrite: bool,
        rate_limit_url: Option<String>,
    ) -> PyResult<()> {
        let credential = credential.inner.clone();
        py.detach(|| {
            let profile = Profile::new(name, credential, endpoint_of(region, base_url)?)?
                .description(description)?
                .rate_limit_url_text(rate_limit_url.as_deref())?;
            self.inner.save(profile, overwrite)
        })
        .map_err(to_py_attached)
    }

    /// The profile called ``name`` (``not_found`` when there is none).
    fn get(&self, py: Python<'_>, name: &str) -> PyResult<PyProfile> {
        let profile = py.detach(|| self.inner.get(name)).map_err(to_py_attached)?;
        Ok(PyProfile {
            endpoint: endpoint_text(&profile.endpoint),
            rate_limit_url: profile.masked_rate_limit_url(),
            name: profile.name,
            description: profile.description,
            created_at: profile.created_at,
            updated_at: profile.updated_at,
            credential: profile.credential,
        })
    }

    /// Every profile as a JSON list of summaries (no secrets); ``spotdraft`` wraps them.
    fn _list_json(&self, py: Python<'_>) -> PyResult<String> {
        let list = py.detach(|| self.inner.list()).map_err(to_py_attached)?;
        serde_json::to_string(&list).map_err(|e| crate::errors::invalid(py, e.to_string()))
    }

    /// Deletes profile ``name``.
    fn remove(&self, py: Python<'_>, name: &str) -> PyResult<()> {
        py.detach(|| self.inner.remove(name)).map_err(to_py_attached)
    }

    /// Renames profile ``old`` to ``new`` (the default follows).
    fn rename(&self, py: Python<'_>, old: &str, new: &str) -> PyResult<()> {
        py.detach(|| self.inner.rename(old, new)).map_err(to_py_attached)
    }

    /// Makes ``name`` the profile used when none is named.
    fn set_default(&self, py: Python<'_>, name: &str) -> PyResult<()> {
        py.detach(|| self.inner.set_default(name)).map_err(to_py_attached)
    }

    /// The default profile's name, if any.
    fn default_name(&self, py: Python<'_>) -> PyResult<Option<String>> {
        py.detach(|| self.inner.default_name()).map_err(to_py_attached)
    }

    /// Replaces the secret of profile ``name``.
    fn rotate_secret(&self, py: Python<'_>, name: &str, new_secret: &str) -> PyResult<()> {
        py.detach(|| self.inner.rotate_secret(name, new_secret)).map_err(to_py_attached)
    }

    fn __repr__(&self) -> String {
        format!("CredentialStore({:?})", self.inner.file_path().display().to_string())
    }
}
