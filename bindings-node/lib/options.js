'use strict'
// Argument checks done before the addon is called, so a wrong type is a TypeError and an
// impossible number a RangeError, both with `.code === 'invalid_argument'`.

const { typeError, rangeError } = require('./errors.js')

function options (value, what) {
  if (value == null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError(`${what} options must be an object`)
  return value
}

function optionalString (value, name) {
  if (value == null) return undefined
  if (typeof value !== 'string') throw typeError(`${name} must be a string`)
  return value
}

function requiredString (value, name) {
  if (typeof value !== 'string') throw typeError(`${name} must be a string`)
  return value
}

function optionalNumber (value, name) {
  if (value == null) return undefined
  if (typeof value !== 'number') throw typeError(`${name} must be a number`)
  return value
}

function optionalInteger (value, name, min, max) {
  if (value == null) return undefined
  if (typeof value !== 'number') throw typeError(`${name} must be a number`)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw rangeError(`${name} must be a whole number from ${min} to ${max}`)
  }
  return value
}

function optionalBoolean (value, name) {
  if (value == null) return undefined
  if (typeof value !== 'boolean') throw typeError(`${name} must be a boolean`)
  return value
}

/** A contract id: `"T-1001"`, `"H-12"`, `"1001"` or `1001`, as JSON text for the addon. */
function contractId (id) {
  if (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id) && id >= 0)) return id
  throw typeError('id must be a contract id such as "T-1001" or a number')
}

function numericId (id, what = 'id') {
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id)
  throw typeError(`${what} must be a whole number`)
}

function page (opts) {
  return {
    page: optionalInteger(opts.page, 'page', 1, 2 ** 32 - 1),
    limit: optionalInteger(opts.limit, 'limit', 1, 100)
  }
}

function paging (opts) {
  return {
    pageSize: optionalInteger(opts.pageSize, 'pageSize', 1, 100),
    startPage: optionalInteger(opts.startPage, 'startPage', 1, 2 ** 32 - 1),
    maxPages: optionalInteger(opts.maxPages, 'maxPages', 1, 2 ** 32 - 1)
  }
}

function plainObject (value, name) {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) throw typeError(`${name} must be an object`)
  return value
}

module.exports = { options, optionalString, requiredString, optionalNumber, optionalInteger, optionalBoolean, contractId, numericId, page, paging, plainObject }
