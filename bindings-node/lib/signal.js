'use strict'
// Connects an AbortSignal to a native CancelToken for the length of one call: on abort the
// core drops the in-flight request (its connection is closed) and the call rejects with an
// AbortError.

const native = require('../native.js')
const { AbortError, convert, rethrow, typeError } = require('./errors.js')

function checkSignal (signal) {
  if (signal == null) return
  if (typeof signal !== 'object' || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw typeError('signal must be an AbortSignal')
  }
}

function abortedError (signal) {
  return new AbortError('the operation was aborted before it started', {}, { cause: signal.reason })
}

/**
 * Calls `start(token)` (which returns the addon's Promise) under `signal`.
 * `then` maps the result (outside the error conversion). Without a signal this is one
 * `.then`, the fast path for the common case.
 */
function withSignal (signal, start, then) {
  if (signal == null) {
    let promise
    try {
      promise = start(null)
    } catch (error) {
      return Promise.reject(convert(error))
    }
    return promise.then(then, rethrow)
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
      return then === undefined ? value : then(value)
    },
    (error) => {
      signal.removeEventListener('abort', onAbort)
      throw convert(error, signal)
    }
  )
}

module.exports = { withSignal, checkSignal }
