'use strict'
// Argument checks done before the addon is called, so a wrong type is a TypeError and an
// impossible number a RangeError, both with `.code === 'invalid_argument'`.

const { typeError, rangeError } = require('./errors.js')

/**
 * An options object, `{}` when none was given.
 * @template {object} T
 * @param {T | null | undefined} value
 * @param {string} what
 * @returns {T}
 */
function options (value, what) {
  if (value == null) return /** @type {T} */ ({})
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError(`${what} options must be an object`)
  return value
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
function optionalString (value, name) {
  if (value == null) return undefined
  if (typeof value !== 'string') throw typeError(`${name} must be a string`)
  return value
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string}
 */
function requiredString (value, name) {
  if (typeof value !== 'string') throw typeError(`${name} must be a string`)
  return value
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {number | undefined}
 */
function optionalNumber (value, name) {
  if (value == null) return undefined
  if (typeof value !== 'number') throw typeError(`${name} must be a number`)
  return value
}

/**
 * @param {unknown} value
 * @param {string} name
 * @param {number} min
 * @param {number} max
 * @returns {number | undefined}
 */
function optionalInteger (value, name, min, max) {
  if (value == null) return undefined
  if (typeof value !== 'number') throw typeError(`${name} must be a number`)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw rangeError(`${name} must be a whole number from ${min} to ${max}`)
  }
  return value
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {boolean | undefined}
 */
function optionalBoolean (value, name) {
  if (value == null) return undefined
  if (typeof value !== 'boolean') throw typeError(`${name} must be a boolean`)
  return value
}

/**
 * A contract id: `"T-1001"`, `"H-12"`, `"1001"` or `1001`.
 * @param {unknown} id
 * @returns {string | number}
 */
function contractId (id) {
  if (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id) && id >= 0)) return id
  throw typeError('id must be a contract id such as "T-1001" or a number')
}

/**
 * @param {unknown} id
 * @param {string} [what]
 * @returns {number}
 */
function numericId (id, what = 'id') {
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id)
  throw typeError(`${what} must be a whole number`)
}

/**
 * @param {{ page?: unknown, limit?: unknown }} opts
 */
function page (opts) {
  return {
    page: optionalInteger(opts.page, 'page', 1, 2 ** 32 - 1),
    limit: optionalInteger(opts.limit, 'limit', 1, 100)
  }
}

/**
 * @param {{ pageSize?: unknown, startPage?: unknown, maxPages?: unknown }} opts
 */
function paging (opts) {
  return {
    pageSize: optionalInteger(opts.pageSize, 'pageSize', 1, 100),
    startPage: optionalInteger(opts.startPage, 'startPage', 1, 2 ** 32 - 1),
    maxPages: optionalInteger(opts.maxPages, 'maxPages', 1, 2 ** 32 - 1)
  }
}

/**
 * @template T
 * @param {T} value
 * @param {string} name
 * @returns {T & object}
 */
function plainObject (value, name) {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) throw typeError(`${name} must be an object`)
  return value
}

module.exports = { options, optionalString, requiredString, optionalNumber, optionalInteger, optionalBoolean, contractId, numericId, page, paging, plainObject }
