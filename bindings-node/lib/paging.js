'use strict'
// `for await` over a paged list: one request per page, made only when the loop needs the
// next item. Leaving the loop early fetches nothing more.

const { withSignal } = require('./signal.js')

/** @import { NativePager } from '../native.js' */

/**
 * @param {NativePager} nativePager
 * @param {AbortSignal | null} [signal]
 * @returns {AsyncGenerator<any, void, undefined>}
 */
async function * items (nativePager, signal) {
  for (;;) {
    const text = await withSignal(signal, (token) => nativePager.next(token))
    const page = JSON.parse(text)
    if (page === null) return
    yield * page.results
  }
}

/**
 * @param {NativePager} nativePager
 * @param {AbortSignal | null} [signal]
 * @returns {AsyncGenerator<import('./types.js').Page<any>, void, undefined>}
 */
async function * pages (nativePager, signal) {
  for (;;) {
    const text = await withSignal(signal, (token) => nativePager.next(token))
    const page = JSON.parse(text)
    if (page === null) return
    yield page
  }
}

module.exports = { items, pages }
