'use strict'
// Errors the package throws. Core failures arrive from the addon as an encoded payload
// (see src/errors.rs) and become a `SpotDraftError`; arguments refused before anything is
// sent become `TypeError`/`RangeError` carrying the same `.code`; a cancelled call becomes
// an `AbortError`-named `SpotDraftError` with code `cancelled`.

const native = require('../native.js')

const MARKER = native.errorMarker()
const KINDS = Object.freeze(native.errorKinds())
const ARGUMENT_KINDS = new Set(['invalid_argument', 'invalid_credential'])
const RANGE_WORDS = /must be (a finite|at most|at least|between|positive|a positive|a whole|non-negative|\d+ (to|-) \d+|from)|out of range|outside|too long|too large|1 to 100/i

const FIELDS = ['status', 'sdCode', 'serverMessage', 'detail', 'fieldErrors', 'location', 'hint', 'requestId', 'attempts', 'retryable', 'wasSent']

/** A failed SpotDraft call: `.code` is core's stable kind (`'rate_limited'`, ...). */
class SpotDraftError extends Error {
  constructor (message, details = {}, options) {
    super(message, options)
    this.name = 'SpotDraftError'
    this.code = details.code || 'server'
    this.status = details.status ?? null
    this.sdCode = details.sdCode ?? null
    this.serverMessage = details.serverMessage ?? null
    this.detail = details.detail ?? null
    this.fieldErrors = details.fieldErrors || {}
    this.location = details.location ?? null
    this.hint = details.hint ?? null
    this.requestId = details.requestId ?? null
    this.attempts = details.attempts ?? 0
    this.retryable = details.retryable ?? false
    this.wasSent = details.wasSent ?? false
  }
}

/** A call cancelled through its `AbortSignal`: `name === 'AbortError'`, `code === 'cancelled'`. */
class AbortError extends SpotDraftError {
  constructor (message = 'the operation was aborted', details = {}, options) {
    super(message, { ...details, code: 'cancelled' }, options)
    this.name = 'AbortError'
  }
}

function decode (error) {
  const text = error && typeof error.message === 'string' ? error.message : ''
  if (!text.startsWith(MARKER)) return null
  try {
    return JSON.parse(text.slice(MARKER.length))
  } catch {
    return null
  }
}

function argumentError (details) {
  const Ctor = RANGE_WORDS.test(details.message) ? RangeError : TypeError
  const error = new Ctor(details.message)
  error.code = details.code
  for (const name of FIELDS) if (details[name] !== undefined) error[name] = details[name]
  return error
}

/** Any error from the addon as the package's own error; others pass through unchanged. */
function convert (error, signal) {
  const details = decode(error)
  if (details === null) return error
  if (details.code === 'cancelled') {
    return new AbortError(details.message, details, signal && signal.aborted ? { cause: signal.reason } : undefined)
  }
  if (ARGUMENT_KINDS.has(details.code)) return argumentError(details)
  return new SpotDraftError(details.message, details)
}

function rethrow (error) {
  throw convert(error)
}

/** Runs a synchronous addon call, converting what it throws. */
function sync (fn) {
  try {
    return fn()
  } catch (error) {
    throw convert(error)
  }
}

function typeError (message, code = 'invalid_argument') {
  const error = new TypeError(message)
  error.code = code
  return error
}

function rangeError (message, code = 'invalid_argument') {
  const error = new RangeError(message)
  error.code = code
  return error
}

module.exports = { SpotDraftError, AbortError, KINDS, convert, rethrow, sync, typeError, rangeError }
