'use strict'
// `Filters`: field filters for list calls, handed to core as they were given; core checks
// the field names and builds the `filter__field[$op]` parameters.

const { typeError } = require('./errors.js')

const SPEC = Symbol('spec')

function text (value, what) {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value.toISOString()
  throw typeError(`${what} must be a string, number, boolean or Date`)
}

class Filters {
  constructor () {
    this[SPEC] = { ops: [], custom: [] }
  }

  /** `field` compared with `op` (`eq`, `ne`, `in`, `gt`, `gte`, `lt`, `lte`). */
  op (field, op, value) {
    if (typeof field !== 'string') throw typeError('filter field must be a string')
    if (typeof op !== 'string') throw typeError('filter operator must be a string')
    const v = Array.isArray(value) ? value.map((x) => text(x, 'filter value')) : text(value, 'filter value')
    this[SPEC].ops.push([field, op, v])
    return this
  }

  eq (field, value) { return this.op(field, 'eq', value) }
  ne (field, value) { return this.op(field, 'ne', value) }
  gt (field, value) { return this.op(field, 'gt', value) }
  gte (field, value) { return this.op(field, 'gte', value) }
  lt (field, value) { return this.op(field, 'lt', value) }
  lte (field, value) { return this.op(field, 'lte', value) }
  /** Any of `values`. */
  in (field, values) {
    if (!Array.isArray(values)) throw typeError('Filters.in takes an array of values')
    return this.op(field, 'in', values)
  }

  /** A workspace custom field (`filter_custom__name`). */
  custom (name, value) {
    if (typeof name !== 'string') throw typeError('custom filter name must be a string')
    this[SPEC].custom.push([name, String(text(value, 'custom filter value'))])
    return this
  }

  toJSON () {
    return { ops: this[SPEC].ops.slice(), custom: this[SPEC].custom.slice() }
  }
}

/** The wire form of `filters` (a `Filters` or a plain `{ field: value }` object of equalities). */
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
