'use strict'
// A successful answer. The body stays in native memory until asked for; `json()`,
// `text()` and `bytes()` may be called any number of times.

const { SpotDraftError, sync, typeError } = require('./errors.js')

/** @import { NativeResponse } from '../native.js' */

/** @type {WeakMap<Response, NativeResponse>} */
const NATIVE = new WeakMap()

/**
 * @param {Response} response
 * @returns {NativeResponse}
 */
function handle (response) {
  const found = NATIVE.get(response)
  if (found === undefined) throw typeError('not a Response')
  return found
}

/** A successful (2xx) answer with its whole body. */
class Response {
  /**
   * @private
   * @param {NativeResponse} nativeResponse
   */
  constructor (nativeResponse) {
    NATIVE.set(this, nativeResponse)
    /** @readonly */
    this.status = nativeResponse.status
    /** Attempts it took. @readonly */
    this.attempts = nativeResponse.attempts
  }

  /**
   * Header names lowercased, the first value of each.
   * @returns {Record<string, string>}
   */
  get headers () {
    const headers = handle(this).headers()
    Object.defineProperty(this, 'headers', { value: headers, enumerable: true })
    return headers
  }

  /** @returns {string} */
  text () {
    const nativeResponse = handle(this)
    return sync(() => nativeResponse.text())
  }

  /**
   * The body as JSON; `null` for an empty body (a 204).
   * @template [T=any]
   * @returns {T}
   */
  json () {
    const text = this.text()
    if (text.length === 0) return /** @type {T} */ (null)
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new SpotDraftError(`the answer is not JSON: ${/** @type {Error} */ (error).message}`, { code: 'decode', status: this.status, attempts: this.attempts, wasSent: true })
    }
  }

  /**
   * A copy of the body bytes.
   * @returns {Buffer}
   */
  bytes () {
    return handle(this).bytes()
  }
}

/**
 * The constructor is private in the declarations (users get responses from a `Client`).
 * @param {NativeResponse} nativeResponse
 * @returns {Response}
 */
function wrapNativeResponse (nativeResponse) {
  const Constructor = /** @type {new (nativeResponse: NativeResponse) => Response} */ (/** @type {unknown} */ (Response))
  return new Constructor(nativeResponse)
}

module.exports = { Response, wrapNativeResponse }
