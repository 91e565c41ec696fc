//! The SpotDraft API client core.
//!
//! ```no_run
//! # async fn demo() -> spotdraft::Result<()> {
//! use spotdraft::{Client, Credential, Region};
//! let credential = Credential::new("my-client-id", std::env::var("SPOTDRAFT_CLIENT_SECRET").unwrap())?;
//! let client = Client::builder(credential).region(Region::Eu).build()?;
//! client.verify().await?;
//! let first: spotdraft::Page<serde_json::Value> =
//!     client.get_page("/api/v2.1/public/contracts/", &[], 1, 20).await?;
//! println!("{} contracts", first.total_results);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]
#![deny(clippy::missing_errors_doc)]

mod blocking;
mod call;
mod cancel;
pub mod catalogue;
mod client;
mod config;
mod credential;
mod download;
mod error;
mod filter;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod http_error;
mod identity;
mod method;
mod options;
mod paging;
mod rate_limit;
mod region;
mod request;
mod resources;
mod response;
mod retry;
pub mod runtime;
mod secret;
pub mod store;
mod transport;
mod verify;
pub mod webhook;

pub use blocking::{
    BlockingClient, BlockingContractTypes, BlockingContracts, BlockingCounterparties, BlockingDownload, BlockingPager,
    BlockingRoles, BlockingTemplates, BlockingUsers, BlockingWebhooks,
};
pub use call::build_call;
pub use cancel::CancellationToken;
pub use client::{Client, ClientBuilder, RequestBuilder};
pub use config::{RetryPolicy, Timeouts, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUESTS_PER_SECOND, MAX_DURATION};
pub use credential::{Credential, CredentialBuilder};
pub use download::{Download, DownloadProgress, DownloadStream, ProgressControl};
pub use error::{Error, ErrorKind, Result};
pub use filter::{FilterOp, Filters};
pub use http_error::human as human_duration;
pub use method::Method;
pub use options::{duration_from_millis, duration_from_secs, ClientOptions, ResolvedOptions};
pub use paging::{Page, Pager, DEFAULT_MAX_PAGES, MAX_PAGE_SIZE};
pub use rate_limit::RateLimitUrl;
pub use region::{BaseUrl, Endpoint, Region};
pub use request::Request;
pub use resources::*;
pub use response::Response;
pub use runtime::Pending;
pub use secret::ClientSecret;
pub use store::{
    resolve, CredentialSource, CredentialStore, Profile, ProfileChoice, ProfileSummary, Resolved, RATE_LIMIT_URL_ENV,
};
pub use verify::{Verification, VERIFY_PATH};
