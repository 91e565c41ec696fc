//! `CredentialStore`: the CLI's profile file (same place, format and locking), from
//! JavaScript. File work is short and local, so these calls are synchronous.

use napi_derive::napi;
use spotdraft::{BaseUrl, Endpoint, Profile, Region};

use crate::credential::NativeCredential;
use crate::errors::{invalid, to_json_text, IntoNapi};

#[napi]
pub struct NativeStore {
    inner: spotdraft::CredentialStore,
}

/// A saved profile as `get` answers it; the credential keeps its secret inside.
#[napi]
pub struct NativeProfile {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) endpoint: String,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
    /// Masked by core before it gets here.
    pub(crate) rate_limit_url: Option<String>,
    pub(crate) credential: spotdraft::Credential,
}

#[napi]
impl NativeProfile {
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.name.clone()
    }
    #[napi(getter)]
    pub fn description(&self) -> Option<String> {
        self.description.clone()
    }
    /// A region code or a base URL.
    #[napi(getter)]
    pub fn endpoint(&self) -> String {
        self.endpoint.clone()
    }
    #[napi(getter)]
    pub fn created_at(&self) -> String {
        self.created_at.clone()
    }
    #[napi(getter)]
    pub fn updated_at(&self) -> String {
        self.updated_at.clone()
    }
    /// The shared rate limiter (Redis URL) with its password shown as `****`.
    #[napi(getter)]
    pub fn rate_limit_url(&self) -> Option<String> {
        self.rate_limit_url.clone()
    }
    #[napi]
    pub fn credential(&self) -> NativeCredential {
        NativeCredential { inner: self.credential.clone() }
    }
}

fn endpoint_of(region: Option<String>, base_url: Option<String>) -> napi::Result<Endpoint> {
    match (region, base_url) {
        (Some(_), Some(_)) => Err(invalid("give a region or a base URL, not both")),
        (Some(region), None) => Ok(Endpoint::Region(region.parse::<Region>().napi()?)),
        (None, Some(url)) => Ok(Endpoint::Custom(BaseUrl::parse(&url).napi()?)),
        (None, None) => Ok(Endpoint::default()),
    }
}

#[napi]
impl NativeStore {
    /// The store in `dir`, or the CLI's default place (`$SPOTDRAFT_CONFIG_DIR`, else
    /// `~/.config/spotdraft/`).
    #[napi(constructor)]
    pub fn new(dir: Option<String>) -> napi::Result<NativeStore> {
        let inner = match dir {
            Some(dir) => spotdraft::CredentialStore::open(dir),
            None => spotdraft::CredentialStore::open_default().napi()?,
        };
        Ok(NativeStore { inner })
    }

    #[napi(getter)]
    pub fn path(&self) -> String {
        self.inner.file_path().display().to_string()
    }

    /// Every profile, without secrets, as JSON text.
    #[napi]
    pub fn list(&self) -> napi::Result<String> {
        let list = self.inner.list().napi()?;
        to_json_text(&list)
    }

    #[napi]
    pub fn get(&self, name: String) -> napi::Result<NativeProfile> {
        let p = self.inner.get(&name).napi()?;
        let endpoint = match &p.endpoint {
            Endpoint::Region(region) => region.as_str().to_string(),
            Endpoint::Custom(url) => url.as_str().to_string(),
        };
        Ok(NativeProfile {
            rate_limit_url: p.masked_rate_limit_url(),
            name: p.name,
            description: p.description,
            endpoint,
            created_at: p.created_at,
            updated_at: p.updated_at,
            credential: p.credential,
        })
    }

    #[napi]
    pub fn save(
        &self,
        name: String,
        credential: &NativeCredential,
        region: Option<String>,
        base_url: Option<String>,
        rate_limit_url: Option<String>,
        overwrite: Option<bool>,
    ) -> napi::Result<()> {
        let profile = Profile::new(&name, credential.inner.clone(), endpoint_of(region, base_url)?)
            .and_then(|p| p.rate_limit_url_text(rate_limit_url.as_deref()))
            .napi()?;
        self.inner.save(profile, overwrite.unwrap_or(false)).napi()
    }

    #[napi]
    pub fn remove(&self, name: String) -> napi::Result<()> {
        self.inner.remove(&name).napi()
    }

    #[napi]
    pub fn rename(&self, from: String, to: String) -> napi::Result<()> {
        self.inner.rename(&from, &to).napi()
    }

    #[napi]
    pub fn set_default(&self, name: String) -> napi::Result<()> {
        self.inner.set_default(&name).napi()
    }

    #[napi]
    pub fn default_name(&self) -> napi::Result<Option<String>> {
        self.inner.default_name().napi()
    }

    #[napi]
    pub fn rotate_secret(&self, name: String, new_secret: String) -> napi::Result<()> {
        self.inner.rotate_secret(&name, &new_secret).napi()
    }
}
