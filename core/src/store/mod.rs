//! Saved credentials: named profiles in one private JSON file, `credentials.json`, under
//! `$SPOTDRAFT_CONFIG_DIR` or the platform config directory + `spotdraft/`.
//!
//! * The directory is 0700 and the file 0600; a store that other users can reach is refused.
//! * Writes are atomic (temporary file + fsync + rename) and serialized across processes by
//!   an exclusive lock on `credentials.lock`, held from reading the file to replacing it.
//! * A file that cannot be read or parsed is reported and never overwritten.
//! * The secret is written only into the file; messages and `Debug` never contain it.
//!
//! ```no_run
//! # fn demo() -> spotdraft::Result<()> {
//! use spotdraft::{CredentialStore, Credential, Endpoint, Profile, Region};
//! let store = CredentialStore::open_default()?;
//! let credential = Credential::new("my-client-id", "my-client-secret")?;
//! store.save(Profile::new("prod", credential, Endpoint::Region(Region::Eu))?, false)?;
//! let resolved = spotdraft::resolve(None, &|name| std::env::var(name).ok(), &store)?;
//! println!("using {}", resolved.source);
//! # Ok(()) }
//! ```

mod file;
pub(crate) mod format;
mod profile;
mod resolve;
mod time;

use std::path::{Path, PathBuf};

pub use profile::{Profile, ProfileSummary};
pub use resolve::{
    choose_rate_limit_url, endpoint_from_env, resolve, CredentialSource, ProfileChoice, Resolved, BASE_URL_ENV,
    CLIENT_ID_ENV, CLIENT_SECRET_ENV, PROFILE_ENV, RATE_LIMIT_URL_ENV, REGION_ENV, USER_EMAIL_ENV,
};

use crate::credential::Credential;
use crate::error::{Error, ErrorKind, Result};
use format::StoreFile;
use profile::validate_profile_name;
use time::now_rfc3339;

/// The environment variable naming the store directory.
pub const CONFIG_DIR_ENV: &str = "SPOTDRAFT_CONFIG_DIR";

/// The saved-credential store in one directory. Cheap to create: nothing is read or
/// created until an operation needs it.
#[derive(Clone, Debug)]
pub struct CredentialStore {
    dir: PathBuf,
}

impl CredentialStore {
    /// The store in `$SPOTDRAFT_CONFIG_DIR`, else the platform config directory +
    /// `spotdraft/` (e.g. `~/.config/spotdraft` on Linux). Creates nothing.
    ///
    /// # Errors
    /// `store` when `$SPOTDRAFT_CONFIG_DIR` is unset and the platform has no config directory
    /// (e.g. `HOME` is not set).
    pub fn open_default() -> Result<CredentialStore> {
        // Read as an OsString so a directory whose name is not UTF-8 still works.
        if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(CredentialStore::open(dir));
        }
        Self::default_dir(&|_| None).map(CredentialStore::open)
    }

    /// Where [`open_default`](Self::open_default) looks, with the environment given as a
    /// function (so callers and tests need not change the process environment).
    ///
    /// # Errors
    /// `store` when `SPOTDRAFT_CONFIG_DIR` is unset and the platform has no config directory.
    pub fn default_dir(env: &dyn Fn(&str) -> Option<String>) -> Result<PathBuf> {
        if let Some(dir) = env(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        dirs::config_dir().map(|d| d.join("spotdraft")).ok_or_else(|| {
            Error::new(
                ErrorKind::Store,
                format!(
                    "could not find this system's configuration directory (is HOME set?); \
                     set {CONFIG_DIR_ENV} to the directory to keep saved credentials in"
                ),
            )
        })
    }

    /// The store in `dir`. Creates nothing until the first save.
    pub fn open(dir: impl Into<PathBuf>) -> CredentialStore {
        CredentialStore { dir: dir.into() }
    }

    /// The directory that holds `credentials.json` and its lock file.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of `credentials.json`.
    pub fn file_path(&self) -> PathBuf {
        self.dir.join(file::FILE_NAME)
    }

    /// Saves a profile. An existing profile of the same name is replaced only when
    /// `overwrite` is true; it then keeps its `created_at`. The first profile saved into an
    /// empty store without a default becomes the default.
    ///
    /// # Errors
    /// `invalid_argument` for a bad profile name; `invalid_credential` for a bad description;
    /// `conflict` when the name is taken and `overwrite` is false; `store` when the directory
    /// is reachable by other users, or the file cannot be read, parsed or written (an
    /// unreadable file is left untouched).
    pub fn save(&self, profile: Profile, overwrite: bool) -> Result<()> {
        validate_profile_name(&profile.name)?;
        // The fields are public: check the description again as it will be stored.
        let profile = {
            let description = profile.description.clone();
            profile.description(description)?
        };
        self.update(|file| {
            let mut stored = profile.to_stored();
            let now = now_rfc3339();
            stored.updated_at = now.clone();
            match file.profiles.get_mut(&profile.name) {
                Some(_) if !overwrite => Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "a profile named {:?} already exists; allow overwriting to replace it, \
                         or choose another name",
                        profile.name
                    ),
                )),
                Some(existing) => {
                    stored.created_at = std::mem::take(&mut existing.created_at);
                    if stored.created_at.is_empty() {
                        stored.created_at = now;
                    }
                    stored.extra = std::mem::take(&mut existing.extra);
                    *existing = stored;
                    Ok(())
                }
                None => {
                    stored.created_at = now;
                    if file.profiles.is_empty() && file.default.is_none() {
                        file.default = Some(profile.name.clone());
                    }
                    file.profiles.insert(profile.name.clone(), stored);
                    Ok(())
                }
            }
        })
    }

    /// The saved profile `name`; unknown names give a `not_found` error listing the saved ones.
    ///
    /// # Errors
    /// `not_found` for an unknown name; `store` when the file cannot be read or parsed, or the
    /// saved profile is invalid.
    pub fn get(&self, name: &str) -> Result<Profile> {
        let file = self.read()?;
        let stored = file.profiles.get(name).ok_or_else(|| not_found(name, &file))?;
        Profile::from_stored(name, stored, &self.file_path())
    }

    /// Every saved profile, sorted by name, without secrets.
    ///
    /// # Errors
    /// `store` when the directory is reachable by other users or the file cannot be read or
    /// parsed.
    pub fn list(&self) -> Result<Vec<ProfileSummary>> {
        let file = self.read()?;
        Ok(file
            .profiles
            .iter()
            .map(|(name, stored)| ProfileSummary::from_stored(name, stored, file.default.as_deref() == Some(name)))
            .collect())
    }

    /// Renames a profile; the default follows it. `to` must not exist.
    ///
    /// # Errors
    /// `invalid_argument` when `to` is not a valid profile name; `not_found` when `from` is
    /// not saved; `conflict` when `to` is; `store` when the file cannot be read, parsed or
    /// written.
    pub fn rename(&self, from: &str, to: &str) -> Result<()> {
        validate_profile_name(to)?;
        self.update(|file| {
            if !file.profiles.contains_key(from) {
                return Err(not_found(from, file));
            }
            if from == to {
                return Ok(());
            }
            if file.profiles.contains_key(to) {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "cannot rename {from:?} to {to:?}: a profile named {to:?} already exists; \
                         remove it first or choose another name"
                    ),
                ));
            }
            let mut stored = file.profiles.remove(from).expect("checked above");
            stored.updated_at = now_rfc3339();
            file.profiles.insert(to.to_string(), stored);
            if file.default.as_deref() == Some(from) {
                file.default = Some(to.to_string());
            }
            Ok(())
        })
    }

    /// Removes a profile, and clears the default if it was the default.
    ///
    /// # Errors
    /// `not_found` when `name` is not saved; `store` when the file cannot be read, parsed or
    /// written.
    pub fn remove(&self, name: &str) -> Result<()> {
        self.update(|file| {
            if file.profiles.remove(name).is_none() {
                return Err(not_found(name, file));
            }
            if file.default.as_deref() == Some(name) {
                file.default = None;
            }
            Ok(())
        })
    }

    /// Makes `name` the profile used when no other source gives a credential.
    ///
    /// # Errors
    /// `not_found` when `name` is not saved; `store` when the file cannot be read, parsed or
    /// written.
    pub fn set_default(&self, name: &str) -> Result<()> {
        self.update(|file| {
            if !file.profiles.contains_key(name) {
                return Err(not_found(name, file));
            }
            file.default = Some(name.to_string());
            Ok(())
        })
    }

    /// The default profile's name, if one is set.
    ///
    /// # Errors
    /// `store` when the file cannot be read or parsed.
    pub fn default_name(&self) -> Result<Option<String>> {
        Ok(self.read()?.default)
    }

    /// Replaces a profile's client secret (after regenerating it in SpotDraft). The new
    /// secret is validated like any credential secret.
    ///
    /// # Errors
    /// `invalid_credential` when the new secret is not a valid client secret; `not_found` when
    /// `name` is not saved; `store` when the file cannot be read, parsed or written.
    pub fn rotate_secret(&self, name: &str, new_secret: &str) -> Result<()> {
        // Validated on its own, so rotating also repairs a profile whose stored secret is bad.
        let checked = Credential::new("rotation", new_secret)?;
        self.update(|file| {
            let Some(stored) = file.profiles.get_mut(name) else {
                return Err(not_found(name, file));
            };
            stored.client_secret = zeroize::Zeroizing::new(checked.client_secret().expose_secret().to_string());
            stored.updated_at = now_rfc3339();
            Ok(())
        })
    }

    /// Reads the file under a shared lock. A missing directory or file is an empty store.
    /// Temporary files of a killed writer are swept here too, so their secrets do not wait
    /// for the next save (which may never come).
    fn read(&self) -> Result<StoreFile> {
        if !file::check_dir(&self.dir)? {
            return Ok(StoreFile::default());
        }
        let lock = file::lock_shared(&self.dir)?;
        file::remove_stale_temps(&self.dir, &lock);
        self.read_unlocked()
    }

    fn read_unlocked(&self) -> Result<StoreFile> {
        let path = self.file_path();
        match file::read_file(&path)? {
            Some(bytes) => StoreFile::parse(&bytes, &path),
            None => Ok(StoreFile::default()),
        }
    }

    /// Read, change, write: under the exclusive lock from start to end. Nothing is written
    /// when the existing file cannot be read or parsed, or when `change` fails.
    fn update<T>(&self, change: impl FnOnce(&mut StoreFile) -> Result<T>) -> Result<T> {
        file::ensure_dir(&self.dir)?;
        let lock = file::lock_exclusive(&self.dir)?;
        file::remove_stale_temps(&self.dir, &lock);
        let mut contents = self.read_unlocked()?;
        let value = change(&mut contents)?;
        let bytes = contents.to_bytes()?;
        file::write_atomic(&self.dir, &bytes)?;
        Ok(value)
    }
}

fn not_found(name: &str, file: &StoreFile) -> Error {
    Error::new(ErrorKind::NotFound, format!("no saved profile named {name:?}; {}", file.names_for_message()))
}
