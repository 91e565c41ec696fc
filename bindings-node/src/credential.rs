//! `Credential`: the native half. It has no accessor for the secret at all, so nothing
//! JavaScript can enumerate, inspect or serialize reaches it.

use napi_derive::napi;

use crate::errors::IntoNapi;

/// What `new Credential({...})` takes.
#[napi(object)]
pub struct CredentialInit {
    pub client_id: String,
    pub client_secret: String,
    pub user_email: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
}

/// A SpotDraft client-id/client-secret pair, validated like core validates it.
#[napi]
pub struct NativeCredential {
    pub(crate) inner: spotdraft::Credential,
}

#[napi]
impl NativeCredential {
    #[napi(constructor)]
    pub fn new(init: CredentialInit) -> napi::Result<NativeCredential> {
        let mut builder = spotdraft::Credential::builder(init.client_id, init.client_secret);
        if let Some(email) = init.user_email {
            builder = builder.user_email(email);
        }
        if let Some(name) = init.name {
            builder = builder.name(name);
        }
        if let Some(description) = init.description {
            builder = builder.description(description);
        }
        Ok(NativeCredential { inner: builder.build().napi()? })
    }

    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.inner.client_id().to_string()
    }

    #[napi(getter)]
    pub fn user_email(&self) -> Option<String> {
        self.inner.user_email().map(str::to_string)
    }

    #[napi(getter)]
    pub fn name(&self) -> Option<String> {
        self.inner.name().map(str::to_string)
    }

    #[napi(getter)]
    pub fn description(&self) -> Option<String> {
        self.inner.description().map(str::to_string)
    }
}
