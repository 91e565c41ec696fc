'use strict'
// Webhook signatures: core checks them in constant time over the exact raw bytes.

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')

/** @import { WebhookKeyOptions } from './types.js' */

/**
 * @typedef {Buffer | Uint8Array | ArrayBuffer | string} RawBody
 */

/**
 * @param {unknown} rawBody
 * @returns {Buffer}
 */
function bytes (rawBody) {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8')
  if (Buffer.isBuffer(rawBody)) return rawBody
  if (rawBody instanceof Uint8Array) return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
  if (rawBody instanceof ArrayBuffer) return Buffer.from(rawBody)
  throw typeError('rawBody must be the raw request body: a Buffer, Uint8Array or string')
}

/**
 * @param {WebhookKeyOptions | null | undefined} opts
 * @returns {'hmacKey' | 'callbackSecret' | undefined}
 */
function kindOf (opts) {
  const kind = opts && opts.kind
  if (kind == null) return undefined
  if (kind !== 'hmacKey' && kind !== 'callbackSecret') throw typeError("kind must be 'hmacKey' or 'callbackSecret'")
  return kind
}

/**
 * Throws an `authentication` SpotDraftError unless `signature` (the
 * `X-SD-WEBHOOK-CONTENT-HASH` header) signs `rawBody` under `key` (the `hmac_key`).
 * @param {RawBody} rawBody
 * @param {string} signature
 * @param {string} key
 * @param {WebhookKeyOptions} [opts]
 * @returns {void}
 */
function verifyWebhook (rawBody, signature, key, opts) {
  if (typeof signature !== 'string') throw typeError('signature must be a string (the signature header value)')
  if (typeof key !== 'string') throw typeError('key must be a string (the hmac_key)')
  sync(() => native.webhookVerify(bytes(rawBody), signature, key, kindOf(opts)))
}

/**
 * The signature SpotDraft would send for `rawBody` under `key` (to test your receiver).
 * @param {RawBody} rawBody
 * @param {string} key
 * @param {WebhookKeyOptions} [opts]
 * @returns {string}
 */
function signWebhook (rawBody, key, opts) {
  if (typeof key !== 'string') throw typeError('key must be a string (the hmac_key)')
  return sync(() => native.webhookSign(bytes(rawBody), key, kindOf(opts)))
}

/**
 * The header the signature arrives in for this kind of key.
 * @param {string} key
 * @param {WebhookKeyOptions} [opts]
 * @returns {string}
 */
function webhookHeaderName (key, opts) {
  return sync(() => native.webhookHeaderName(key, kindOf(opts)))
}

module.exports = { verifyWebhook, signWebhook, webhookHeaderName }
