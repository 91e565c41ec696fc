'use strict'
// Connects an AbortSignal to a native CancelToken for the length of one call: on abort the
// core drops the in-flight request (its connection is closed) and the call rejects with an
// AbortError.

const native = require('../native.js')
const { AbortError, convert, rethrow, typeError } = require('./errors.js')

/** @import { CancelToken } from '../native.js' */

/**
 * @param {unknown} signal
 * @returns {asserts signal is AbortSignal | null | undefined}
 */
function checkSignal (signal) {
  if (signal == null) return
  const s = /** @type {{ aborted?: unknown, addEventListener?: unknown }} */ (signal)
  if (typeof signal !== 'object' || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function') {
    throw typeError('signal must be an AbortSignal')
  }
}

/** @param {AbortSignal} signal */
function abortedError (signal) {
  return new AbortError('the operation was aborted before it started', {}, { cause: signal.reason })
}

/**
 * Calls `start(token)` (which returns the addon's Promise) under `signal`.
 * `then` maps the result (outside the error conversion). Without a signal this is one
 * `.then`, the fast path for the common case.
 * @template T
 * @template [R=T]
 * @param {AbortSignal | null | undefined} signal
 * @param {(token: CancelToken | null) => Promise<T>} start
 * @param {(value: T) => R} [then]
 * @returns {Promise<R>}
 */
function withSignal (signal, start, then) {
  if (signal == null) {
    let promise
    try {
      promise = start(null)
    } catch (error) {
      return Promise.reject(convert(error))
    }
    return /** @type {Promise<R>} */ (promise.then(then, rethrow))
  }
  try {
    checkSignal(signal)
  } catch (error) {
    return Promise.reject(error)
  }
  if (signal.aborted) return Promise.reject(abortedError(signal))
  const token = new native.CancelToken()
  const onAbort = () => token.cancel()
  signal.addEventListener('abort', onAbort, { once: true })
  let promise
  try {
    promise = start(token)
  } catch (error) {
    signal.removeEventListener('abort', onAbort)
    return Promise.reject(convert(error, signal))
  }
  return promise.then(
    (value) => {
      signal.removeEventListener('abort', onAbort)
      return then === undefined ? /** @type {R} */ (/** @type {unknown} */ (value)) : then(value)
    },
    (error) => {
      signal.removeEventListener('abort', onAbort)
      throw convert(error, signal)
    }
  )
}

module.exports = { withSignal, checkSignal }
