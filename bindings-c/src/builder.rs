//! `spotdraft_client_builder`: the client settings a C program gives, collected in core's
//! `ClientOptions` (so resolution and defaults are the CLI's) and built into a client.

use std::ffi::c_char;
use std::time::Duration;

use crate::client::spotdraft_client;
use crate::credential::spotdraft_credential;
use crate::error::spotdraft_error;
use crate::ffi::{clear_out, give, handle_mut, infallible, invalid, run, text, Result};
use crate::status::spotdraft_status;

/// Client settings before the client exists. Not thread-safe; consumed by
/// `spotdraft_client_builder_build` or freed with `spotdraft_client_builder_free`.
pub struct spotdraft_client_builder {
    options: sd::ClientOptions,
}

/// A builder for a client using `credential` (copied; NULL: find one like the `spotdraft`
/// command line does — the profile set with `spotdraft_client_builder_set_profile`, else
/// `SPOTDRAFT_CLIENT_ID`/`SPOTDRAFT_CLIENT_SECRET` (+ `SPOTDRAFT_USER_EMAIL`,
/// `SPOTDRAFT_REGION`, `SPOTDRAFT_BASE_URL`), else `SPOTDRAFT_PROFILE`, else the saved
/// default profile; this happens in `spotdraft_client_builder_build`). Never NULL.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_new(
    credential: *const spotdraft_credential,
) -> *mut spotdraft_client_builder {
    infallible(std::ptr::null_mut(), || {
        // SAFETY: NULL or a live credential.
        let credential = unsafe { credential.as_ref() }.map(|c| c.inner.clone());
        let options = sd::ClientOptions { credential, ..Default::default() };
        Box::into_raw(Box::new(spotdraft_client_builder { options }))
    })
}

fn change(
    builder: *mut spotdraft_client_builder,
    err: *mut *mut spotdraft_error,
    apply: impl FnOnce(&mut spotdraft_client_builder) -> Result<()>,
) -> spotdraft_status {
    run(err, || apply(handle_mut(builder, "builder")?))
}

fn millis(what: &str, ms: u64) -> Result<Duration> {
    sd::duration_from_millis(what, ms as f64)
}

/// Talks to this base URL (`https://...`, or `http://` on loopback only, such as the
/// sandbox) instead of a region; replaces an earlier region.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_base_url(
    builder: *mut spotdraft_client_builder,
    url: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        let url = text(url, "url")?;
        sd::BaseUrl::parse(url)?;
        b.options.base_url = Some(url.to_string());
        b.options.region = None;
        Ok(())
    })
}

/// Talks to a SpotDraft region: `"us"`, `"eu"`, `"in"` or `"me"`; replaces an earlier base URL.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_region(
    builder: *mut spotdraft_client_builder,
    region: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        let region = text(region, "region")?;
        region.parse::<sd::Region>()?;
        b.options.region = Some(region.to_string());
        b.options.base_url = None;
        Ok(())
    })
}

/// Uses this saved profile when the builder was made without a credential.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_profile(
    builder: *mut spotdraft_client_builder,
    profile: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.profile = Some(text(profile, "profile")?.to_string());
        Ok(())
    })
}

/// Requests per second the client sends at most (default 10, SpotDraft's limit); 0 turns
/// the client-side limiter off.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_rate_limit(
    builder: *mut spotdraft_client_builder,
    per_second: u32,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.rate_limit = Some(per_second);
        Ok(())
    })
}

/// Shares the rate limit with every process using the workspace, through Redis:
/// `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS). Without this,
/// `SPOTDRAFT_RATE_LIMIT_URL`, else the profile's URL, is used when set. The password is
/// treated like the client secret: never in errors or logs. A bad URL is
/// `SPOTDRAFT_INVALID_ARGUMENT` here.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_rate_limit_url(
    builder: *mut spotdraft_client_builder,
    url: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.rate_limit_url = Some(sd::RateLimitUrl::parse(text(url, "url")?)?);
        Ok(())
    })
}

/// `true`: when the shared rate limiter is unreachable, calls fail with
/// `SPOTDRAFT_CONNECTION` instead of keeping to a per-process limit (default `false`).
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_rate_limit_strict(
    builder: *mut spotdraft_client_builder,
    strict: bool,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.rate_limit_strict = Some(strict);
        Ok(())
    })
}

/// The longest a whole call may take, retries and waits included, in milliseconds.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_timeout_ms(
    builder: *mut spotdraft_client_builder,
    timeout_ms: u64,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.timeout = Some(millis("timeout", timeout_ms)?);
        Ok(())
    })
}

/// The longest establishing a connection may take, in milliseconds.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_connect_timeout_ms(
    builder: *mut spotdraft_client_builder,
    timeout_ms: u64,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.connect_timeout = Some(millis("connect timeout", timeout_ms)?);
        Ok(())
    })
}

/// The longest one attempt (sending and reading the whole answer) may take, in milliseconds.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_attempt_timeout_ms(
    builder: *mut spotdraft_client_builder,
    timeout_ms: u64,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.attempt_timeout = Some(millis("attempt timeout", timeout_ms)?);
        Ok(())
    })
}

/// Attempts per call, the first included (default 4; 1 turns retries off). Only calls
/// that are safe to repeat are retried.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_max_attempts(
    builder: *mut spotdraft_client_builder,
    max_attempts: u32,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.max_attempts = Some(max_attempts);
        Ok(())
    })
}

/// The wait before the first retry (at most; it is jittered) and the largest wait, in
/// milliseconds; waits double in between. Defaults: 200 and 10000. An initial wait longer
/// than the largest is refused by `spotdraft_client_builder_build`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_retry_backoff_ms(
    builder: *mut spotdraft_client_builder,
    initial_ms: u64,
    max_ms: u64,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.retry_backoff = Some(millis("initial backoff", initial_ms)?);
        b.options.max_retry_backoff = Some(millis("max backoff", max_ms)?);
        Ok(())
    })
}

/// Appends to the User-Agent header, e.g. `"my-app/1.2"`.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_user_agent_suffix(
    builder: *mut spotdraft_client_builder,
    suffix: *const c_char,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.user_agent_suffix = Some(text(suffix, "suffix")?.to_string());
        Ok(())
    })
}

/// The largest answer body held in memory, in bytes.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_set_max_body_size(
    builder: *mut spotdraft_client_builder,
    bytes: u64,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    change(builder, err, |b| {
        b.options.max_body_size = Some(bytes);
        Ok(())
    })
}

/// Builds the client. Consumes the builder, whatever the outcome: do not use or free it
/// afterwards. Finds the credential now when the builder was made without one.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_build(
    builder: *mut spotdraft_client_builder,
    out: *mut *mut spotdraft_client,
    err: *mut *mut spotdraft_error,
) -> spotdraft_status {
    // Taken first, so it is freed even when `out` is NULL.
    // SAFETY: NULL or a live builder, consumed here once.
    let taken = (!builder.is_null()).then(|| unsafe { Box::from_raw(builder) });
    run(err, || {
        clear_out(out, "out")?;
        let builder = taken.ok_or_else(|| invalid("builder is NULL"))?;
        give(out, spotdraft_client { inner: sd::BlockingClient::new(builder.options.resolve()?.builder)? });
        Ok(())
    })
}

/// Frees a builder that was not built. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn spotdraft_client_builder_free(builder: *mut spotdraft_client_builder) {
    infallible((), || crate::ffi::free(builder))
}
