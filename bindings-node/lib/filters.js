'use strict'
// `Filters`: field filters for list calls, handed to core as they were given; core checks
// the field names and builds the `filter__field[$op]` parameters.

const util = require('node:util')
const { typeError } = require('./errors.js')

/** @import { FilterValue } from './types.js' */

/**
 * @typedef {'eq' | 'ne' | 'in' | 'gt' | 'gte' | 'lt' | 'lte'} FilterOp
 * @typedef {{ ops: Array<[string, string, WireValue | WireValue[]]>, custom: Array<[string, string]> }} FilterSpec
 * @typedef {string | number | boolean} WireValue
 */

/** @type {WeakMap<Filters, FilterSpec>} */
const SPEC = new WeakMap()

/**
 * @param {Filters} filters
 * @returns {FilterSpec}
 */
function spec (filters) {
  const found = SPEC.get(filters)
  if (found === undefined) throw typeError('not a Filters')
  return found
}

/**
 * @param {unknown} value
 * @param {string} what
 * @returns {WireValue}
 */
function text (value, what) {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value.toISOString()
  throw typeError(`${what} must be a string, number, boolean or Date`)
}

/** Field filters for list calls. */
class Filters {
  constructor () {
    SPEC.set(this, { ops: [], custom: [] })
  }

  /**
   * `field` compared with `op` (`eq`, `ne`, `in`, `gt`, `gte`, `lt`, `lte`).
   * @param {string} field
   * @param {FilterOp} op
   * @param {FilterValue | FilterValue[]} value
   * @returns {this}
   */
  op (field, op, value) {
    if (typeof field !== 'string') throw typeError('filter field must be a string')
    if (typeof op !== 'string') throw typeError('filter operator must be a string')
    const v = Array.isArray(value) ? value.map((x) => text(x, 'filter value')) : text(value, 'filter value')
    spec(this).ops.push([field, op, v])
    return this
  }

  /**
   * @param {string} field
   * @param {FilterValue} value
   * @returns {this}
   */
  eq (field, value) { return this.op(field, 'eq', value) }
  /**
   * @param {string} field
   * @param {FilterValue} value
   * @returns {this}
   */
  ne (field, value) { return this.op(field, 'ne', value) }
  /**
   * @param {string} field
   * @param {FilterValue} value
   * @returns {this}
   */
  gt (field, value) { return this.op(field, 'gt', value) }
  /**
   * @param {string} field
   * @param {FilterValue} value
   * @returns {this}
   */
  gte (field, value) { return this.op(field, 'gte', value) }
  /**
   * @param {string} field
   * @param {FilterValue} value
   * @returns {this}
   */
  lt (field, value) { return this.op(field, 'lt', value) }
  /**
   * @param {string} field
   * @param {FilterValue} value
   * @returns {this}
   */
  lte (field, value) { return this.op(field, 'lte', value) }
  /**
   * Any of `values`.
   * @param {string} field
   * @param {FilterValue[]} values
   * @returns {this}
   */
  in (field, values) {
    if (!Array.isArray(values)) throw typeError('Filters.in takes an array of values')
    return this.op(field, 'in', values)
  }

  /**
   * A workspace custom field (`filter_custom__name`).
   * @param {string} name
   * @param {FilterValue} value
   * @returns {this}
   */
  custom (name, value) {
    if (typeof name !== 'string') throw typeError('custom filter name must be a string')
    spec(this).custom.push([name, String(text(value, 'custom filter value'))])
    return this
  }

  /** @returns {FilterSpec} */
  toJSON () {
    return { ops: spec(this).ops.slice(), custom: spec(this).custom.slice() }
  }

  // The spec lives in a WeakMap, so inspect would otherwise show `Filters {}`.
  /**
   * @param {number} depth
   * @param {import('node:util').InspectOptionsStylized} options
   * @param {typeof util.inspect} [inspect]
   * @returns {string}
   */
  [util.inspect.custom] (depth, options, inspect) {
    return `Filters ${(inspect || util.inspect)(this.toJSON(), options)}`
  }
}

/**
 * The wire form of `filters` (a `Filters` or a plain `{ field: value }` object of equalities).
 * @param {unknown} filters  checked here: a `FilterInput`
 * @returns {FilterSpec | undefined}
 */
function filterSpec (filters) {
  if (filters == null) return undefined
  if (filters instanceof Filters) return filters.toJSON()
  if (typeof filters === 'object' && !Array.isArray(filters)) {
    const built = new Filters()
    for (const [field, value] of Object.entries(filters)) {
      if (Array.isArray(value)) built.in(field, value)
      else built.eq(field, value)
    }
    return built.toJSON()
  }
  throw typeError('filters must be a Filters or an object of field: value')
}

module.exports = { Filters, filterSpec }
