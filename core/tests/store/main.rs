//! The saved-credential store: round trips, permissions, corrupt files, crash safety,
//! concurrent writers and credential resolution.
//!
//! Crash and concurrency tests re-run this binary as child writer processes: the children are
//! `#[ignore]`d tests that do nothing unless the `SPOTDRAFT_STORE_TEST_DIR` variable is set.

mod client_options;
mod common;
mod concurrent;
mod corrupt;
mod crash;
#[cfg(unix)]
mod permissions;
mod rate_limit_url;
mod resolve_order;
mod roundtrip;
mod stale_temps;
