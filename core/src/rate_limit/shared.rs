//! The fleet-wide limiter: one sliding one-second window per workspace, kept in Redis and
//! shared by every process and host that uses the same credential. Each acquisition is
//! one server-side script that reads Redis's own clock (so hosts with skewed clocks
//! agree), drops slots older than the window and reserves the next free slot, in the
//! order callers arrive (so every caller in the fleet makes progress).
//!
//! When Redis cannot be reached or answers an error, the client falls back to its own
//! in-process limiter, warns once per outage, and tries Redis again after a back-off; or,
//! when told to be strict, fails the call with a `connection` error.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Weak};
use std::time::Duration;

use redis::aio::MultiplexedConnection;
use redis::AsyncConnectionConfig;
use sha2::{Digest, Sha256};
use tokio::time::Instant;

use super::{wait_for, window, LocalLimiter, RateLimitUrl, Refused};
use crate::error::{Error, ErrorKind};
use crate::region::Endpoint;
use crate::runtime::{fork_generation, shared_handle};

/// Keys are this prefix and a hash, so a shared Redis shows what they belong to.
pub(crate) const KEY_PREFIX: &str = "spotdraft:ratelimit:";

/// More slack than the local limiter's 15 ms: a slot is decided on Redis's clock, travels
/// back to one of many processes and is used when that process gets to run, so arrivals at
/// the server spread more. 25 ms let a loaded 2-core machine (load 4) see 429s; 40 ms
/// saw none there and still sustains 9.6 requests/second against a 10/s window.
const WINDOW_SLACK: Duration = Duration::from_millis(40);

/// A caller that wakes this much after its slot (a busy machine did not run it in time)
/// takes a new slot once instead: sent late, it would land within one second of the slot
/// `limit` places later, which another process uses on time.
const LATE_WAKE: Duration = Duration::from_millis(20);

/// Connecting (TCP, TLS, AUTH) and each answer: short, so a dead or wrong server never
/// holds a request up for long.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(1);

/// After a failure Redis is left alone this long (doubling to the maximum) so that a dead
/// Redis does not add a connect timeout to every request.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// KEYS[1] the window's sorted set; ARGV: limit, window in microseconds, a unique member.
/// Returns how many microseconds the caller waits before sending. Scores are slot times on
/// Redis's clock; a slot may lie in the future (reserved), so a full window hands out the
/// time one window after the slot `limit` places back, in arrival order.
const ACQUIRE_SCRIPT: &str = r"
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local at = now
if count >= limit then
  local edge = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  at = math.max(now, tonumber(edge[2]) + window)
end
redis.call('ZADD', key, at, ARGV[3])
redis.call('PEXPIRE', key, math.ceil((at - now + window) / 1000) + 1000)
return at - now
";

static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(ACQUIRE_SCRIPT));

/// One store (connection and health) per URL per process, shared by every client using it.
static STORES: LazyLock<Mutex<HashMap<[u8; 32], Weak<Store>>>> = LazyLock::new(Default::default);

pub(crate) struct SharedLimiter {
    store: Arc<Store>,
    key: String,
    limit: u32,
    strict: bool,
    fallback: LocalLimiter,
}

/// A Redis server: its multiplexed connection and whether it is currently failing.
struct Store {
    url: RateLimitUrl,
    client: redis::Client,
    /// The connection and the fork generation it was made in (a child makes its own).
    connection: tokio::sync::Mutex<Option<(u64, MultiplexedConnection)>>,
    health: Mutex<Health>,
    /// Makes slot members unique across the fleet: random per store, then a counter.
    member_prefix: String,
    counter: AtomicU64,
}

#[derive(Default)]
struct Health {
    /// While failing: when Redis may be tried again.
    retry_at: Option<Instant>,
    backoff: Duration,
    /// Why the last attempt failed (password removed).
    last_error: String,
}

/// Why Redis gave no slot.
enum Trouble {
    /// The call's deadline came while talking to Redis.
    OutOfTime,
    /// Redis failed; the description has no password in it.
    Failed(String),
}

impl SharedLimiter {
    /// A limiter of `per_second` requests for the workspace `endpoint` + `client_id`.
    pub fn new(
        url: &RateLimitUrl,
        endpoint: &Endpoint,
        client_id: &str,
        per_second: u32,
        strict: bool,
    ) -> crate::Result<SharedLimiter> {
        Ok(SharedLimiter {
            store: Store::for_url(url)?,
            key: workspace_key(endpoint, client_id),
            limit: per_second.max(1),
            strict,
            fallback: LocalLimiter::new(per_second),
        })
    }

    pub fn url(&self) -> &RateLimitUrl {
        &self.store.url
    }

    pub async fn acquire(&self, deadline: Instant) -> Result<(), Refused> {
        for first_try in [true, false] {
            let outcome = match self.store.failing() {
                Some(why) => Err(Trouble::Failed(why)),
                None => self.reserve(deadline).await,
            };
            return match outcome {
                Ok((wait, member)) => {
                    // A slot given up (past the deadline, the call cancelled while waiting, or
                    // woken too late to use) goes back, so the fleet does not lose it.
                    let reservation = Reservation { limiter: self, member: Some(member) };
                    let slot = Instant::now() + wait;
                    wait_for(slot, deadline).await?;
                    if first_try && slot.elapsed() > LATE_WAKE {
                        drop(reservation);
                        continue;
                    }
                    reservation.used();
                    Ok(())
                }
                Err(Trouble::OutOfTime) => Err(Refused::PastDeadline),
                Err(Trouble::Failed(why)) if self.strict => Err(Refused::Failed(self.store.failure(&why))),
                Err(Trouble::Failed(_)) => wait_for(self.fallback.reserve(), deadline).await,
            };
        }
        unreachable!("the second pass always returns")
    }

    /// Runs the script, on a new connection once more if the kept one turned out dead.
    async fn reserve(&self, deadline: Instant) -> Result<(Duration, String), Trouble> {
        let member = self.store.next_member();
        let window_us = window(WINDOW_SLACK).as_micros() as u64;
        for retry_on_new in [true, false] {
            let attempt = async {
                let (mut connection, fresh) = self.store.connection().await?;
                let answer = SCRIPT
                    .key(&self.key)
                    .arg(self.limit)
                    .arg(window_us)
                    .arg(&member)
                    .invoke_async::<i64>(&mut connection)
                    .await;
                Ok::<_, String>((answer, fresh))
            };
            let (answer, fresh) = match tokio::time::timeout_at(deadline, attempt).await {
                Err(_) => return Err(Trouble::OutOfTime),
                Ok(Err(why)) => return Err(Trouble::Failed(self.store.failed(why, self.strict))),
                Ok(Ok(done)) => done,
            };
            match answer {
                Ok(wait_us) => {
                    self.store.healthy();
                    return Ok((Duration::from_micros(wait_us.max(0) as u64), member));
                }
                Err(error) => {
                    let lost = error.is_io_error()
                        || error.is_connection_dropped()
                        || error.is_timeout()
                        || error.is_unrecoverable_error();
                    if lost {
                        self.store.forget_connection().await;
                        if retry_on_new && !fresh {
                            continue;
                        }
                    }
                    return Err(Trouble::Failed(self.store.failed(self.store.describe(&error), self.strict)));
                }
            }
        }
        unreachable!("the second pass always returns")
    }
}

/// A slot reserved in Redis and not used yet; dropping it unused removes it, in the
/// background (the caller has already moved on).
struct Reservation<'a> {
    limiter: &'a SharedLimiter,
    member: Option<String>,
}

impl Reservation<'_> {
    fn used(mut self) {
        self.member = None;
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let Some(member) = self.member.take() else { return };
        let (Ok(handle), Ok(slot)) = (shared_handle(), self.limiter.store.connection.try_lock()) else { return };
        let Some((made_in, connection)) = slot.as_ref() else { return };
        if *made_in != fork_generation() {
            return;
        }
        let mut connection = connection.clone();
        let key = self.limiter.key.clone();
        handle.spawn(async move {
            // Best effort: if it fails, the slot just stays taken until it leaves the window.
            let _: redis::RedisResult<i64> =
                redis::cmd("ZREM").arg(&key).arg(&member).query_async(&mut connection).await;
        });
    }
}

impl Store {
    fn for_url(url: &RateLimitUrl) -> crate::Result<Arc<Store>> {
        let id: [u8; 32] = Sha256::digest(url.expose_secret().as_bytes()).into();
        let mut stores = STORES.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(store) = stores.get(&id).and_then(Weak::upgrade) {
            return Ok(store);
        }
        stores.retain(|_, store| store.strong_count() > 0);
        let client = redis::Client::open(url.expose_secret()).map_err(|e| {
            Error::invalid_argument(format!(
                "the rate limit URL {url} is not usable: {}",
                url.scrub_text(&e.to_string())
            ))
        })?;
        let store = Arc::new(Store {
            url: url.clone(),
            client,
            connection: tokio::sync::Mutex::new(None),
            health: Mutex::new(Health::default()),
            member_prefix: format!("{}-{:016x}", std::process::id(), rand::random::<u64>()),
            counter: AtomicU64::new(0),
        });
        stores.insert(id, Arc::downgrade(&store));
        Ok(store)
    }

    fn next_member(&self) -> String {
        format!("{}-{}", self.member_prefix, self.counter.fetch_add(1, Ordering::Relaxed))
    }

    /// The kept connection, or a new one. Connections are made on the process's shared
    /// runtime, so their background task outlives the runtime of whoever called first.
    async fn connection(&self) -> Result<(MultiplexedConnection, bool), String> {
        let generation = fork_generation();
        let mut slot = self.connection.lock().await;
        if let Some((made_in, connection)) = slot.as_ref() {
            if *made_in == generation {
                return Ok((connection.clone(), false));
            }
        }
        let client = self.client.clone();
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT));
        let handle = shared_handle().map_err(|e| e.message().to_string())?;
        let task = handle.spawn(async move { client.get_multiplexed_async_connection_with_config(&config).await });
        let abort = task.abort_handle();
        // The handshake (TLS, AUTH) against a server that never answers is bounded too.
        let connection = match tokio::time::timeout(CONNECT_TIMEOUT + RESPONSE_TIMEOUT, task).await {
            Err(_) => {
                abort.abort();
                return Err(format!(
                    "no answer to the handshake within {} ms",
                    (CONNECT_TIMEOUT + RESPONSE_TIMEOUT).as_millis()
                ));
            }
            Ok(Err(joined)) => return Err(format!("the connection task ended: {joined}")),
            Ok(Ok(Err(error))) => return Err(self.describe(&error)),
            Ok(Ok(Ok(connection))) => connection,
        };
        *slot = Some((generation, connection.clone()));
        Ok((connection, true))
    }

    async fn forget_connection(&self) {
        *self.connection.lock().await = None;
    }

    /// A Redis error as text, password removed.
    fn describe(&self, error: &redis::RedisError) -> String {
        self.url.scrub_text(&error.to_string())
    }

    /// The reason Redis is not being asked right now, while its back-off lasts.
    fn failing(&self) -> Option<String> {
        let health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        match health.retry_at {
            Some(at) if Instant::now() < at => Some(health.last_error.clone()),
            _ => None,
        }
    }

    /// Records a failure and starts (or lengthens) the back-off. Warns once per outage.
    fn failed(&self, why: String, strict: bool) -> String {
        let mut health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        let retrying = health.retry_at.is_some_and(|at| Instant::now() >= at);
        let first = health.retry_at.is_none();
        if first {
            let meanwhile = if strict { "calls fail" } else { "this process keeps to its own limit" };
            tracing::warn!(
                "the shared rate limiter at {} is unavailable ({why}); until it is back, {meanwhile}",
                self.url
            );
            health.backoff = FIRST_BACKOFF;
        } else if retrying {
            tracing::debug!("the shared rate limiter at {} is still unavailable ({why})", self.url);
            health.backoff = (health.backoff * 2).min(MAX_BACKOFF);
        }
        // Callers that failed together with the one that started this back-off leave it as it is.
        if first || retrying {
            health.retry_at = Some(Instant::now() + health.backoff);
        }
        health.last_error = why.clone();
        why
    }

    fn healthy(&self) {
        let mut health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        if health.retry_at.take().is_some() {
            tracing::info!("the shared rate limiter at {} is back; the fleet shares one limit again", self.url);
        }
    }

    /// The error a strict client fails its call with.
    fn failure(&self, why: &str) -> Error {
        let error = Error::new(
            ErrorKind::Connection,
            format!("the shared rate limiter at {} is unavailable: {why}", self.url),
        )
        .with_was_sent(false)
        .with_hint(
            "check the rate limit URL and that Redis is running, or let the client fall back to its local limit",
        );
        self.url.scrub(error)
    }
}

/// The window's key: the prefix and a hash of the endpoint and client id, so the key
/// names no workspace and never holds the secret.
pub(crate) fn workspace_key(endpoint: &Endpoint, client_id: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(endpoint.base_url().as_bytes());
    hash.update(b"\n");
    hash.update(client_id.as_bytes());
    format!("{KEY_PREFIX}{}", hex::encode(hash.finalize()))
}
