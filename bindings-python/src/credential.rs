//! `spotdraft.Credential`: core's credential behind read-only attributes. The secret leaves
//! only through `expose_secret()`; repr, str, pickling and copying never carry it.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::errors::IntoPyResult;

/// A SpotDraft API credential: client id and secret, optionally acting as a workspace user.
///
/// The secret is held by the Rust core and is only returned by ``expose_secret()``;
/// ``repr()``, ``str()``, logging and exceptions show a masked fingerprint at most, and
/// pickling is refused.
#[pyclass(module = "spotdraft", frozen, name = "Credential")]
pub struct PyCredential {
    pub(crate) inner: spotdraft::Credential,
}

#[pymethods]
impl PyCredential {
    #[new]
    #[pyo3(signature = (client_id, client_secret, *, user_email=None, name=None, description=None))]
    fn new(
        py: Python<'_>,
        client_id: String,
        client_secret: String,
        user_email: Option<String>,
        name: Option<String>,
        description: Option<String>,
    ) -> PyResult<Self> {
        let mut builder = spotdraft::Credential::builder(client_id, client_secret).maybe_user_email(user_email);
        if let Some(name) = name {
            builder = builder.name(name);
        }
        if let Some(description) = description {
            builder = builder.description(description);
        }
        Ok(PyCredential { inner: builder.build().py_err(py)? })
    }

    /// The client id (not a secret).
    #[getter]
    fn client_id(&self) -> &str {
        self.inner.client_id()
    }

    /// The workspace user requests act as (the ``user-email`` header), if any.
    #[getter]
    fn user_email(&self) -> Option<&str> {
        self.inner.user_email()
    }

    /// A label for the credential, if given.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name()
    }

    /// A free-text description, if given.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.inner.description()
    }

    /// The client secret itself. Call it only to hand the secret to where it must go;
    /// never print or log the result.
    fn expose_secret(&self) -> &str {
        self.inner.client_secret().expose_secret()
    }

    /// A copy acting as another workspace user (``None``: the credential's own user).
    #[pyo3(signature = (email))]
    fn with_user_email(&self, py: Python<'_>, email: Option<&str>) -> PyResult<PyCredential> {
        Ok(PyCredential { inner: self.inner.with_user_email(email).py_err(py)? })
    }

    fn __repr__(&self) -> String {
        let optional = |v: Option<&str>| v.map_or_else(|| "None".to_string(), |v| format!("{v:?}"));
        format!(
            "Credential(client_id={:?}, client_secret='{}', user_email={}, name={})",
            self.inner.client_id(),
            self.inner.client_secret().masked(),
            optional(self.inner.user_email()),
            optional(self.inner.name()),
        )
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCredential>().is_ok_and(|o| {
            let o = o.get();
            o.inner.client_id() == self.inner.client_id()
                && o.inner.user_email() == self.inner.user_email()
                && o.inner.client_secret().expose_secret() == self.inner.client_secret().expose_secret()
        })
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.inner.client_id().hash(&mut hasher);
        self.inner.user_email().hash(&mut hasher);
        hasher.finish()
    }

    /// Credentials are immutable: a copy is the same object.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Credentials are immutable: a deep copy is the same object.
    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    /// Refuses pickling: a pickle would write the secret in clear.
    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "a Credential cannot be pickled: it would write the secret in clear; save it with spotdraft.CredentialStore instead",
        ))
    }
}
