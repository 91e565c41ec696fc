'use strict'
// The typed resources (`client.contracts`, `client.templates`, ...). Each method checks its
// arguments, then hands them to the addon's core operation of the same name; answers are
// plain objects with every field SpotDraft sent.

const { withSignal, checkSignal } = require('./signal.js')
const { sync, typeError } = require('./errors.js')
const { filterSpec } = require('./filters.js')
const paging = require('./paging.js')
const o = require('./options.js')

function invoke (nativeClient, op, args, signal) {
  let text
  try {
    text = JSON.stringify(args)
  } catch (error) {
    return Promise.reject(typeError(`arguments cannot be sent as JSON: ${error.message}`))
  }
  return withSignal(signal, (token) => nativeClient.invoke(op, text, token), JSON.parse)
}

/** Runs `build` (argument checks) and `invoke`, turning a thrown check into a rejection. */
function call (nativeClient, op, signal, build) {
  let args
  try {
    checkSignal(signal)
    args = build()
  } catch (error) {
    return Promise.reject(error)
  }
  return invoke(nativeClient, op, args, signal)
}

function pager (nativeClient, kind, args, opts, pagesOnly) {
  checkSignal(opts.signal)
  const nativePager = sync(() => nativeClient.pager(kind, JSON.stringify({ ...args, ...o.paging(opts) })))
  return pagesOnly ? paging.pages(nativePager, opts.signal) : paging.items(nativePager, opts.signal)
}

class Contracts {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'contracts.list', opts.signal, () => ({ query: o.optionalString(opts.query, 'query'), filters: filterSpec(opts.filters), ...o.page(opts) }))
  }

  listAll (opts) {
    opts = o.options(opts, 'listAll')
    return pager(this.native, 'contracts', { query: o.optionalString(opts.query, 'query'), filters: filterSpec(opts.filters) }, opts)
  }

  get (id, opts = {}) {
    return call(this.native, 'contracts.get', opts.signal, () => ({ id: o.contractId(id) }))
  }

  create (contract, opts = {}) {
    return call(this.native, 'contracts.create', opts.signal, () => ({ contract: o.plainObject(contract, 'contract') }))
  }

  status (id, opts = {}) {
    return call(this.native, 'contracts.status', opts.signal, () => ({ id: o.contractId(id) }))
  }

  void (id, note, opts = {}) {
    return call(this.native, 'contracts.void', opts.signal, () => ({ id: o.contractId(id), note: o.requiredString(note, 'note') })).then(() => undefined)
  }

  markForExecution (id, opts = {}) {
    return call(this.native, 'contracts.markForExecution', opts.signal, () => ({ id: o.contractId(id), affixStampDocuments: o.optionalBoolean(opts.affixStampDocuments, 'affixStampDocuments') })).then(() => undefined)
  }

  unmarkForExecution (id, opts = {}) {
    return call(this.native, 'contracts.unmarkForExecution', opts.signal, () => ({ id: o.contractId(id), note: o.optionalString(opts.note, 'note') })).then(() => undefined)
  }

  /** Streams the contract file into `path`; the file appears only when complete. */
  download (id, path, opts) {
    try {
      opts = o.options(opts, 'download')
      o.contractId(id)
      if (typeof path !== 'string' && !(path instanceof URL)) throw typeError('path must be a string')
      if (opts.onProgress != null && typeof opts.onProgress !== 'function') throw typeError('onProgress must be a function')
      o.optionalBoolean(opts.overwrite, 'overwrite')
    } catch (error) {
      return Promise.reject(error)
    }
    const target = path instanceof URL ? require('node:url').fileURLToPath(path) : path
    const onProgress = opts.onProgress == null
      ? undefined
      : (progress) => {
          try {
            opts.onProgress(progress)
          } catch (error) {
            // A throwing callback must not crash the process from a native call.
            process.emitWarning(`spotdraft: onProgress threw: ${error && error.message}`)
          }
        }
    return withSignal(opts.signal, (token) => this.native.download(JSON.stringify(id), target, opts.overwrite === true, onProgress, token), JSON.parse)
  }

  downloadLink (id, opts = {}) {
    return call(this.native, 'contracts.downloadLink', opts.signal, () => ({ id: o.contractId(id), format: o.optionalString(opts.format, 'format') }))
  }

  keyPointers (id, opts = {}) {
    return call(this.native, 'contracts.keyPointers', opts.signal, () => ({ id: o.contractId(id) }))
  }

  updateKeyPointers (id, updates, opts = {}) {
    return call(this.native, 'contracts.updateKeyPointers', opts.signal, () => {
      if (!Array.isArray(updates)) throw typeError('updates must be an array')
      return {
        id: o.contractId(id),
        updates: updates.map((u) => ({ key_pointer_id: u.id ?? u.key_pointer_id, key_pointer_field_name: u.fieldName ?? u.key_pointer_field_name, value: u.value ?? null }))
      }
    })
  }

  externalMetadata (id, opts = {}) {
    return call(this.native, 'contracts.externalMetadata', opts.signal, () => ({ id: o.contractId(id) }))
  }

  setExternalMetadata (id, metadata, opts = {}) {
    return call(this.native, 'contracts.setExternalMetadata', opts.signal, () => ({ id: o.contractId(id), metadata: o.plainObject(metadata, 'metadata') }))
  }

  byExternalMetadata (externalId, opts = {}) {
    return call(this.native, 'contracts.byExternalMetadata', opts.signal, () => ({ externalId: o.requiredString(externalId, 'externalId') }))
  }

  comments (id, opts) {
    opts = o.options(opts, 'comments')
    return call(this.native, 'contracts.comments', opts.signal, () => ({ id: o.contractId(id), ...o.page(opts) }))
  }

  allComments (id, opts) {
    opts = o.options(opts, 'allComments')
    return pager(this.native, 'comments', { id: o.contractId(id) }, opts)
  }

  addComment (id, comment, opts = {}) {
    return call(this.native, 'contracts.addComment', opts.signal, () => ({ id: o.contractId(id), comment: o.requiredString(comment, 'comment') }))
  }
}

class Templates {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'templates.list', opts.signal, () => {
      const { signal, ...query } = opts
      return query
    })
  }

  get (id, opts = {}) {
    return call(this.native, 'templates.get', opts.signal, () => ({ id: o.numericId(id) }))
  }

  metadata (id, opts = {}) {
    return call(this.native, 'templates.metadata', opts.signal, () => ({ id: o.numericId(id) }))
  }

  findByName (name, opts = {}) {
    return call(this.native, 'templates.findByName', opts.signal, () => ({ name: o.requiredString(name, 'name') }))
  }
}

class ContractTypes {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  list (opts = {}) {
    return call(this.native, 'contractTypes.list', opts.signal, () => ({}))
  }
}

class Counterparties {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /** `filters` are custom-field filters: a `Filters` built with `.custom()`, or `{ name: value }`. */
  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'counterparties.list', opts.signal, () => ({ filters: customSpec(opts.filters), ...o.page(opts) }))
  }

  listAll (opts) {
    opts = o.options(opts, 'listAll')
    return pager(this.native, 'counterparties', { filters: customSpec(opts.filters) }, opts)
  }

  get (id, opts = {}) {
    return call(this.native, 'counterparties.get', opts.signal, () => ({ id: o.numericId(id) }))
  }

  create (input, opts = {}) {
    return call(this.native, 'counterparties.create', opts.signal, () => ({ input: o.plainObject(input, 'input') }))
  }

  update (id, input, opts = {}) {
    return call(this.native, 'counterparties.update', opts.signal, () => ({ id: o.numericId(id), input: o.plainObject(input, 'input') }))
  }
}

function customSpec (filters) {
  if (filters == null) return undefined
  const { Filters } = require('./filters.js')
  if (filters instanceof Filters) return filters.toJSON()
  if (typeof filters !== 'object' || Array.isArray(filters)) throw typeError('filters must be a Filters or an object of name: value')
  const built = new Filters()
  for (const [name, value] of Object.entries(filters)) built.custom(name, value)
  return built.toJSON()
}

class Users {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'users.list', opts.signal, () => ({ email: o.optionalString(opts.email, 'email'), name: o.optionalString(opts.name, 'name'), ...o.page(opts) }))
  }

  listAll (opts) {
    opts = o.options(opts, 'listAll')
    return pager(this.native, 'users', { email: o.optionalString(opts.email, 'email'), name: o.optionalString(opts.name, 'name') }, opts)
  }
}

class Roles {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  list (opts = {}) {
    return call(this.native, 'roles.list', opts.signal, () => ({}))
  }
}

class Webhooks {
  constructor (nativeClient) {
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  create (webhook, opts = {}) {
    return call(this.native, 'webhooks.create', opts.signal, () => {
      const w = o.plainObject(webhook, 'webhook')
      return { webhook: { ...w, only_for_activities: w.onlyForActivities ?? w.only_for_activities ?? [], custom_headers: w.customHeaders ?? w.custom_headers ?? {}, onlyForActivities: undefined, customHeaders: undefined } }
    })
  }

  /** The workspace's webhook signing key (base64). A secret: never log it. */
  hmacKey (opts = {}) {
    return call(this.native, 'webhooks.hmacKey', opts.signal, () => ({}))
  }

  delete (id, opts = {}) {
    return call(this.native, 'webhooks.delete', opts.signal, () => ({ id: o.numericId(id) })).then(() => undefined)
  }

  /** Throws an `authentication` SpotDraftError unless `signature` signs `rawBody` under `key`. */
  verify (rawBody, signature, key, opts) {
    return require('./webhooks.js').verifyWebhook(rawBody, signature, key, opts)
  }
}

// Promise-returning methods report bad arguments as rejections, never as synchronous throws;
// the pagers (which return an iterator) and webhooks.verify (synchronous) throw.
const SYNCHRONOUS = new Set(['constructor', 'listAll', 'allComments', 'verify'])
for (const Resource of [Contracts, Templates, ContractTypes, Counterparties, Users, Roles, Webhooks]) {
  for (const name of Object.getOwnPropertyNames(Resource.prototype)) {
    if (SYNCHRONOUS.has(name)) continue
    const method = Resource.prototype[name]
    const safe = {
      [name] (...args) {
        try {
          return method.apply(this, args)
        } catch (error) {
          return Promise.reject(error)
        }
      }
    }[name]
    Object.defineProperty(Resource.prototype, name, { value: safe, writable: true, configurable: true })
  }
}

module.exports = { Contracts, Templates, ContractTypes, Counterparties, Users, Roles, Webhooks, invoke, pager }
