'use strict'
// Shared test setup: a sandbox with its rate limit off and a client with the limiter off
// and fast retries (the conformance runners' settings).

const sd = require('..')

/** A secret that must never show up in any output. */
const CANARY = 'canary-secret-7f3a9c1e5b2d4f60'

const FAST = { rateLimit: 0, maxAttempts: 4, retryBackoffMs: 5, maxRetryBackoffMs: 40, maxRetryAfterMs: 5000, timeoutMs: 30000 }

async function startSandbox (options = {}) {
  return sd.Sandbox.start({ rateLimit: false, ...options })
}

function clientFor (sandbox, options = {}, credential = sandbox.credential) {
  return new sd.Client(credential, { baseUrl: sandbox.baseUrl, ...FAST, ...options })
}

/** Runs `fn(sandbox)` with a fresh sandbox, closed afterwards. */
async function withSandbox (options, fn) {
  if (typeof options === 'function') return withSandbox({}, options)
  const sandbox = await startSandbox(options)
  try {
    return await fn(sandbox)
  } finally {
    await sandbox.close()
  }
}

async function rejection (promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

function thrown (fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

module.exports = { sd, CANARY, FAST, startSandbox, clientFor, withSandbox, rejection, thrown }
