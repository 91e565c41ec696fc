'use strict'
// Errors the package throws. Core failures arrive from the addon as an encoded payload
// (see src/errors.rs) and become a `SpotDraftError`; arguments refused before anything is
// sent become `TypeError`/`RangeError` carrying the same `.code`; a cancelled call becomes
// an `AbortError`-named `SpotDraftError` with code `cancelled`.

const native = require('../native.js')

/**
 * Core's stable error kinds, the values of `error.code`, in core's order. Spelled out (a
 * test checks them against `native.errorKinds()`) so the declarations can list them.
 * @typedef {'invalid_credential' | 'invalid_argument' | 'authentication' | 'permission_denied'
 *   | 'not_found' | 'conflict' | 'business_rule' | 'validation' | 'rate_limited' | 'server'
 *   | 'not_enabled' | 'redirect' | 'timeout' | 'connection' | 'decode' | 'file' | 'store'
 *   | 'cancelled'} ErrorCode
 */

/**
 * What every failure of a SpotDraft call carries.
 * @typedef {object} ErrorDetails
 * @property {ErrorCode} code Core's stable kind, e.g. `'rate_limited'`.
 * @property {number | null} status The HTTP status, when the server answered.
 * @property {string | null} sdCode SpotDraft's own `SD_...` code, when the answer had one.
 * @property {string | null} serverMessage
 * @property {string | null} detail
 * @property {Record<string, string[]>} fieldErrors Field-keyed validation problems from a 400.
 * @property {string | null} location Where a refused redirect pointed.
 * @property {string | null} hint What to check or do next, when it can be told.
 * @property {string | null} requestId
 * @property {number} attempts Attempts made (0 when nothing was sent).
 * @property {boolean} retryable Whether the same call could succeed later, unchanged.
 * @property {boolean} wasSent Whether the request may have reached the server.
 */

/**
 * An argument refused before anything was sent: `TypeError`/`RangeError` with the core kind.
 * @typedef {(TypeError | RangeError) & { code: ErrorCode }} ArgumentError
 */

const MARKER = native.errorMarker()
/** @type {readonly ErrorCode[]} */
const KINDS = Object.freeze(/** @type {ErrorCode[]} */ (native.errorKinds()))
const ARGUMENT_KINDS = new Set(['invalid_argument', 'invalid_credential'])
const RANGE_WORDS = /must be (a finite|at most|at least|between|positive|a positive|a whole|non-negative|\d+ (to|-) \d+|from)|out of range|outside|too long|too large/i

/** @type {readonly (keyof ErrorDetails)[]} */
const FIELDS = ['status', 'sdCode', 'serverMessage', 'detail', 'fieldErrors', 'location', 'hint', 'requestId', 'attempts', 'retryable', 'wasSent']

/**
 * A failed SpotDraft call: `.code` is core's stable kind (`'rate_limited'`, ...). Invalid
 * arguments throw `TypeError`/`RangeError` with the same `.code` instead.
 * @implements {ErrorDetails}
 */
class SpotDraftError extends Error {
  /**
   * @param {string} message
   * @param {Partial<ErrorDetails>} [details]
   * @param {{ cause?: unknown }} [options]
   */
  constructor (message, details = {}, options) {
    super(message, options)
    this.name = 'SpotDraftError'
    /** Core's stable kind, e.g. `'rate_limited'`. */
    this.code = details.code || 'server'
    /** The HTTP status, when the server answered. */
    this.status = details.status ?? null
    /** SpotDraft's own `SD_...` code, when the answer had one. */
    this.sdCode = details.sdCode ?? null
    this.serverMessage = details.serverMessage ?? null
    this.detail = details.detail ?? null
    /** Field-keyed validation problems from a 400. */
    this.fieldErrors = details.fieldErrors || {}
    /** Where a refused redirect pointed. */
    this.location = details.location ?? null
    /** What to check or do next, when it can be told. */
    this.hint = details.hint ?? null
    this.requestId = details.requestId ?? null
    /** Attempts made (0 when nothing was sent). */
    this.attempts = details.attempts ?? 0
    /** Whether the same call could succeed later, unchanged. */
    this.retryable = details.retryable ?? false
    /** Whether the request may have reached the server. */
    this.wasSent = details.wasSent ?? false
  }
}

/** A call cancelled through its `AbortSignal`: `name === 'AbortError'`, `code === 'cancelled'`. */
class AbortError extends SpotDraftError {
  // A field, not an assignment in the constructor, so the declarations give it its literal type.
  /** @type {'AbortError'} */
  name = 'AbortError'

  /**
   * @param {string} [message]
   * @param {Partial<ErrorDetails>} [details]
   * @param {{ cause?: unknown }} [options]  `cause`: the signal's reason
   */
  constructor (message = 'the operation was aborted', details = {}, options) {
    super(message, { ...details, code: 'cancelled' }, options)
  }
}

/**
 * @typedef {Partial<ErrorDetails> & { message: string, code: ErrorCode }} Decoded
 */

/**
 * @param {unknown} error
 * @returns {Decoded | null}
 */
function decode (error) {
  const message = error instanceof Object ? /** @type {{ message?: unknown }} */ (error).message : undefined
  const text = typeof message === 'string' ? message : ''
  if (!text.startsWith(MARKER)) return null
  try {
    return JSON.parse(text.slice(MARKER.length))
  } catch {
    return null
  }
}

/**
 * @param {Decoded} details
 * @returns {ArgumentError}
 */
function argumentError (details) {
  const Ctor = RANGE_WORDS.test(details.message) ? RangeError : TypeError
  const fields = Object.fromEntries(FIELDS.filter((name) => details[name] !== undefined).map((name) => [name, details[name]]))
  return Object.assign(new Ctor(details.message), { code: details.code }, fields)
}

/**
 * Any error from the addon as the package's own error; others pass through unchanged.
 * @param {unknown} error
 * @param {AbortSignal | null} [signal]
 * @returns {unknown}
 */
function convert (error, signal) {
  const details = decode(error)
  if (details === null) return error
  if (details.code === 'cancelled') {
    return new AbortError(details.message, details, signal && signal.aborted ? { cause: signal.reason } : undefined)
  }
  if (ARGUMENT_KINDS.has(details.code)) return argumentError(details)
  return new SpotDraftError(details.message, details)
}

/**
 * @param {unknown} error
 * @returns {never}
 */
function rethrow (error) {
  throw convert(error)
}

/**
 * Runs a synchronous addon call, converting what it throws.
 * @template T
 * @param {() => T} fn
 * @returns {T}
 */
function sync (fn) {
  try {
    return fn()
  } catch (error) {
    throw convert(error)
  }
}

/**
 * @param {string} message
 * @param {ErrorCode} [code]
 * @returns {ArgumentError}
 */
function typeError (message, code = 'invalid_argument') {
  return Object.assign(new TypeError(message), { code })
}

/**
 * @param {string} message
 * @param {ErrorCode} [code]
 * @returns {ArgumentError}
 */
function rangeError (message, code = 'invalid_argument') {
  return Object.assign(new RangeError(message), { code })
}

module.exports = { SpotDraftError, AbortError, KINDS, convert, rethrow, sync, typeError, rangeError }
