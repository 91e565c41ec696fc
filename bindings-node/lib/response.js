'use strict'
// A successful answer. The body stays in native memory until asked for; `json()`,
// `text()` and `bytes()` may be called any number of times.

const { SpotDraftError, sync } = require('./errors.js')

const NATIVE = Symbol('native')

class Response {
  constructor (nativeResponse) {
    Object.defineProperty(this, NATIVE, { value: nativeResponse })
    this.status = nativeResponse.status
    this.attempts = nativeResponse.attempts
  }

  /** Header names lowercased, the first value of each. */
  get headers () {
    const headers = this[NATIVE].headers()
    Object.defineProperty(this, 'headers', { value: headers, enumerable: true })
    return headers
  }

  text () {
    return sync(() => this[NATIVE].text())
  }

  /** The body as JSON; `null` for an empty body (a 204). */
  json () {
    const text = this.text()
    if (text.length === 0) return null
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new SpotDraftError(`the answer is not JSON: ${error.message}`, { code: 'decode', status: this.status, attempts: this.attempts, wasSent: true })
    }
  }

  /** A copy of the body bytes. */
  bytes () {
    return this[NATIVE].bytes()
  }
}

module.exports = { Response }
