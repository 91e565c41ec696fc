'use strict'
// The typed resources (`client.contracts`, `client.templates`, ...). Each method checks its
// arguments, then hands them to the addon's core operation of the same name; answers are
// plain objects with every field SpotDraft sent.

const { withSignal, checkSignal } = require('./signal.js')
const { sync, typeError } = require('./errors.js')
const { filterSpec } = require('./filters.js')
const paging = require('./paging.js')
const o = require('./options.js')

/** @import { NativeClient } from '../native.js' */
/** @import { CallOptions, PageOptions, PagingOptions, ContractId, Contract, ContractListOptions, ContractPagingOptions, ContractStatusInfo, NewContract, DownloadOptions, DownloadInfo, DownloadLink, KeyPointer, KeyPointerUpdate, ExternalMetadata, Comment, Template, TemplateQuery, ContractType, Counterparty, CounterpartyInput, FilterInput, User, Role, Webhook, NewWebhook, WebhookKeyOptions, Page } from './types.js' */

/**
 * Runs core operation `op` with `args` (sent as JSON); resolves with its parsed answer.
 * @param {NativeClient} nativeClient
 * @param {string} op
 * @param {unknown} args
 * @param {AbortSignal | null} [signal]
 * @returns {Promise<any>}
 */
function invoke (nativeClient, op, args, signal) {
  let text
  try {
    text = JSON.stringify(args)
  } catch (error) {
    return Promise.reject(typeError(`arguments cannot be sent as JSON: ${/** @type {Error} */ (error).message}`))
  }
  return withSignal(signal, (token) => nativeClient.invoke(op, text, token), JSON.parse)
}

/**
 * Runs `build` (argument checks) and `invoke`, turning a thrown check into a rejection.
 * @param {NativeClient} nativeClient
 * @param {string} op
 * @param {AbortSignal | null | undefined} signal
 * @param {() => unknown} build
 * @returns {Promise<any>}
 */
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

/**
 * A lazy iterator over core pager `kind`: items, or whole pages with `pagesOnly`.
 * @param {NativeClient} nativeClient
 * @param {string} kind
 * @param {object} args
 * @param {PagingOptions} opts
 * @param {boolean} [pagesOnly]
 * @returns {AsyncGenerator<any, void, undefined>}
 */
function pager (nativeClient, kind, args, opts, pagesOnly) {
  checkSignal(opts.signal)
  const nativePager = sync(() => nativeClient.pager(kind, JSON.stringify({ ...args, ...o.paging(opts) })))
  return pagesOnly ? paging.pages(nativePager, opts.signal) : paging.items(nativePager, opts.signal)
}

class Contracts {
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * @param {ContractListOptions} [opts]
   * @returns {Promise<Page<Contract>>}
   */
  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'contracts.list', opts.signal, () => ({ query: o.optionalString(opts.query, 'query'), filters: filterSpec(opts.filters), ...o.page(opts) }))
  }

  /**
   * Every matching contract, fetched page by page as the loop asks.
   * @param {ContractPagingOptions} [opts]
   * @returns {AsyncGenerator<Contract, void, undefined>}
   */
  listAll (opts) {
    opts = o.options(opts, 'listAll')
    return pager(this.native, 'contracts', { query: o.optionalString(opts.query, 'query'), filters: filterSpec(opts.filters) }, opts)
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions} [opts]
   * @returns {Promise<Contract>}
   */
  get (id, opts = {}) {
    return call(this.native, 'contracts.get', opts.signal, () => ({ id: o.contractId(id) }))
  }

  /**
   * @param {NewContract} contract
   * @param {CallOptions} [opts]
   * @returns {Promise<Contract>}
   */
  create (contract, opts = {}) {
    return call(this.native, 'contracts.create', opts.signal, () => ({ contract: o.plainObject(contract, 'contract') }))
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions} [opts]
   * @returns {Promise<ContractStatusInfo>}
   */
  status (id, opts = {}) {
    return call(this.native, 'contracts.status', opts.signal, () => ({ id: o.contractId(id) }))
  }

  /**
   * @param {ContractId} id
   * @param {string} note
   * @param {CallOptions} [opts]
   * @returns {Promise<void>}
   */
  void (id, note, opts = {}) {
    return call(this.native, 'contracts.void', opts.signal, () => ({ id: o.contractId(id), note: o.requiredString(note, 'note') })).then(() => undefined)
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions & { affixStampDocuments?: boolean }} [opts]
   * @returns {Promise<void>}
   */
  markForExecution (id, opts = {}) {
    return call(this.native, 'contracts.markForExecution', opts.signal, () => ({ id: o.contractId(id), affixStampDocuments: o.optionalBoolean(opts.affixStampDocuments, 'affixStampDocuments') })).then(() => undefined)
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions & { note?: string }} [opts]
   * @returns {Promise<void>}
   */
  unmarkForExecution (id, opts = {}) {
    return call(this.native, 'contracts.unmarkForExecution', opts.signal, () => ({ id: o.contractId(id), note: o.optionalString(opts.note, 'note') })).then(() => undefined)
  }

  /**
   * Streams the contract file into `path`; the file appears only when complete.
   * @param {ContractId} id
   * @param {string | URL} path
   * @param {DownloadOptions} [opts]
   * @returns {Promise<DownloadInfo>}
   */
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
    const callback = opts.onProgress
    const onProgress = callback == null
      ? undefined
      : (/** @type {import('../native.js').ProgressInfo} */ progress) => {
          try {
            // The addon leaves `total` out when unknown; the documented shape says null.
            callback({ bytes: progress.bytes, total: progress.total ?? null })
          } catch (error) {
            // A throwing callback must not crash the process from a native call.
            process.emitWarning(`spotdraft: onProgress threw: ${error && /** @type {Error} */ (error).message}`)
          }
        }
    return withSignal(opts.signal, (token) => this.native.download(JSON.stringify(id), target, opts.overwrite === true, onProgress, token), JSON.parse)
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions & { format?: 'PDF' | 'DOCX' | (string & {}) }} [opts]
   * @returns {Promise<DownloadLink>}
   */
  downloadLink (id, opts = {}) {
    return call(this.native, 'contracts.downloadLink', opts.signal, () => ({ id: o.contractId(id), format: o.optionalString(opts.format, 'format') }))
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions} [opts]
   * @returns {Promise<KeyPointer[]>}
   */
  keyPointers (id, opts = {}) {
    return call(this.native, 'contracts.keyPointers', opts.signal, () => ({ id: o.contractId(id) }))
  }

  /**
   * @param {ContractId} id
   * @param {KeyPointerUpdate[]} updates
   * @param {CallOptions} [opts]
   * @returns {Promise<KeyPointer[]>}
   */
  updateKeyPointers (id, updates, opts = {}) {
    return call(this.native, 'contracts.updateKeyPointers', opts.signal, () => {
      if (!Array.isArray(updates)) throw typeError('updates must be an array')
      return {
        id: o.contractId(id),
        // SpotDraft's own field names are accepted too.
      updates: updates.map((/** @type {KeyPointerUpdate & { key_pointer_id?: number, key_pointer_field_name?: string }} */ u) => ({ key_pointer_id: u.id ?? u.key_pointer_id, key_pointer_field_name: u.fieldName ?? u.key_pointer_field_name, value: u.value ?? null }))
      }
    })
  }

  /**
   * @param {ContractId} id
   * @param {CallOptions} [opts]
   * @returns {Promise<ExternalMetadata>}
   */
  externalMetadata (id, opts = {}) {
    return call(this.native, 'contracts.externalMetadata', opts.signal, () => ({ id: o.contractId(id) }))
  }

  /**
   * @param {ContractId} id
   * @param {ExternalMetadata} metadata
   * @param {CallOptions} [opts]
   * @returns {Promise<ExternalMetadata>}
   */
  setExternalMetadata (id, metadata, opts = {}) {
    return call(this.native, 'contracts.setExternalMetadata', opts.signal, () => ({ id: o.contractId(id), metadata: o.plainObject(metadata, 'metadata') }))
  }

  /**
   * @param {string} externalId
   * @param {CallOptions} [opts]
   * @returns {Promise<Contract[]>}
   */
  byExternalMetadata (externalId, opts = {}) {
    return call(this.native, 'contracts.byExternalMetadata', opts.signal, () => ({ externalId: o.requiredString(externalId, 'externalId') }))
  }

  /**
   * @param {ContractId} id
   * @param {PageOptions} [opts]
   * @returns {Promise<Page<Comment>>}
   */
  comments (id, opts) {
    opts = o.options(opts, 'comments')
    return call(this.native, 'contracts.comments', opts.signal, () => ({ id: o.contractId(id), ...o.page(opts) }))
  }

  /**
   * @param {ContractId} id
   * @param {PagingOptions} [opts]
   * @returns {AsyncGenerator<Comment, void, undefined>}
   */
  allComments (id, opts) {
    opts = o.options(opts, 'allComments')
    return pager(this.native, 'comments', { id: o.contractId(id) }, opts)
  }

  /**
   * @param {ContractId} id
   * @param {string} comment
   * @param {CallOptions} [opts]
   * @returns {Promise<Comment>}
   */
  addComment (id, comment, opts = {}) {
    return call(this.native, 'contracts.addComment', opts.signal, () => ({ id: o.contractId(id), comment: o.requiredString(comment, 'comment') }))
  }
}

class Templates {
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * @param {TemplateQuery} [opts]
   * @returns {Promise<Template[]>}
   */
  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'templates.list', opts.signal, () => {
      const { signal, ...query } = opts
      return query
    })
  }

  /**
   * @param {number} id
   * @param {CallOptions} [opts]
   * @returns {Promise<Template>}
   */
  get (id, opts = {}) {
    return call(this.native, 'templates.get', opts.signal, () => ({ id: o.numericId(id) }))
  }

  /**
   * @param {number} id
   * @param {CallOptions} [opts]
   * @returns {Promise<unknown>}
   */
  metadata (id, opts = {}) {
    return call(this.native, 'templates.metadata', opts.signal, () => ({ id: o.numericId(id) }))
  }

  /**
   * @param {string} name
   * @param {CallOptions} [opts]
   * @returns {Promise<Template | null>}
   */
  findByName (name, opts = {}) {
    return call(this.native, 'templates.findByName', opts.signal, () => ({ name: o.requiredString(name, 'name') }))
  }
}

class ContractTypes {
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * @param {CallOptions} [opts]
   * @returns {Promise<ContractType[]>}
   */
  list (opts = {}) {
    return call(this.native, 'contractTypes.list', opts.signal, () => ({}))
  }
}

class Counterparties {
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * `filters` are custom-field filters: a `Filters` built with `.custom()`, or `{ name: value }`.
   * @param {PageOptions & { filters?: FilterInput }} [opts]
   * @returns {Promise<Page<Counterparty>>}
   */
  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'counterparties.list', opts.signal, () => ({ filters: customSpec(opts.filters), ...o.page(opts) }))
  }

  /**
   * @param {PagingOptions & { filters?: FilterInput }} [opts]
   * @returns {AsyncGenerator<Counterparty, void, undefined>}
   */
  listAll (opts) {
    opts = o.options(opts, 'listAll')
    return pager(this.native, 'counterparties', { filters: customSpec(opts.filters) }, opts)
  }

  /**
   * @param {number} id
   * @param {CallOptions} [opts]
   * @returns {Promise<Counterparty>}
   */
  get (id, opts = {}) {
    return call(this.native, 'counterparties.get', opts.signal, () => ({ id: o.numericId(id) }))
  }

  /**
   * @param {CounterpartyInput} input
   * @param {CallOptions} [opts]
   * @returns {Promise<Counterparty>}
   */
  create (input, opts = {}) {
    return call(this.native, 'counterparties.create', opts.signal, () => ({ input: o.plainObject(input, 'input') }))
  }

  /**
   * @param {number} id
   * @param {CounterpartyInput} input
   * @param {CallOptions} [opts]
   * @returns {Promise<Counterparty>}
   */
  update (id, input, opts = {}) {
    return call(this.native, 'counterparties.update', opts.signal, () => ({ id: o.numericId(id), input: o.plainObject(input, 'input') }))
  }
}

/**
 * @param {unknown} filters  checked here: a `FilterInput`
 */
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
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * @param {PageOptions & { email?: string, name?: string }} [opts]
   * @returns {Promise<Page<User>>}
   */
  list (opts) {
    opts = o.options(opts, 'list')
    return call(this.native, 'users.list', opts.signal, () => ({ email: o.optionalString(opts.email, 'email'), name: o.optionalString(opts.name, 'name'), ...o.page(opts) }))
  }

  /**
   * @param {PagingOptions & { email?: string, name?: string }} [opts]
   * @returns {AsyncGenerator<User, void, undefined>}
   */
  listAll (opts) {
    opts = o.options(opts, 'listAll')
    return pager(this.native, 'users', { email: o.optionalString(opts.email, 'email'), name: o.optionalString(opts.name, 'name') }, opts)
  }
}

class Roles {
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * @param {CallOptions} [opts]
   * @returns {Promise<Role[]>}
   */
  list (opts = {}) {
    return call(this.native, 'roles.list', opts.signal, () => ({}))
  }
}

class Webhooks {
  /**
   * @private
   * @param {NativeClient} nativeClient
   */
  constructor (nativeClient) {
    // Declared for the type checker; defined non-enumerable so inspect and JSON skip it.
    /** @private @readonly @type {NativeClient} */
    this.native
    Object.defineProperty(this, 'native', { value: nativeClient })
  }

  /**
   * @param {NewWebhook} webhook
   * @param {CallOptions} [opts]
   * @returns {Promise<Webhook>}
   */
  create (webhook, opts = {}) {
    return call(this.native, 'webhooks.create', opts.signal, () => {
      /** @type {NewWebhook & { only_for_activities?: string[], custom_headers?: Record<string, string> }} */
      const w = o.plainObject(webhook, 'webhook')
      return { webhook: { ...w, only_for_activities: w.onlyForActivities ?? w.only_for_activities ?? [], custom_headers: w.customHeaders ?? w.custom_headers ?? {}, onlyForActivities: undefined, customHeaders: undefined } }
    })
  }

  /**
   * The workspace's webhook signing key (base64). A secret: never log it.
   * @param {CallOptions} [opts]
   * @returns {Promise<string>}
   */
  hmacKey (opts = {}) {
    return call(this.native, 'webhooks.hmacKey', opts.signal, () => ({}))
  }

  /**
   * @param {number} id
   * @param {CallOptions} [opts]
   * @returns {Promise<void>}
   */
  delete (id, opts = {}) {
    return call(this.native, 'webhooks.delete', opts.signal, () => ({ id: o.numericId(id) })).then(() => undefined)
  }

  /**
   * Throws an `authentication` SpotDraftError unless `signature` signs `rawBody` under `key`.
   * @param {Buffer | Uint8Array | ArrayBuffer | string} rawBody
   * @param {string} signature
   * @param {string} key
   * @param {WebhookKeyOptions} [opts]
   * @returns {void}
   */
  verify (rawBody, signature, key, opts) {
    return require('./webhooks.js').verifyWebhook(rawBody, signature, key, opts)
  }
}

// Promise-returning methods report bad arguments as rejections, never as synchronous throws;
// the pagers (which return an iterator) and webhooks.verify (synchronous) throw.
const SYNCHRONOUS = new Set(['constructor', 'listAll', 'allComments', 'verify'])
for (const Resource of [Contracts, Templates, ContractTypes, Counterparties, Users, Roles, Webhooks]) {
  const prototype = /** @type {Record<string, (...args: unknown[]) => unknown>} */ (/** @type {unknown} */ (Resource.prototype))
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (SYNCHRONOUS.has(name)) continue
    const method = prototype[name]
    const safe = {
      /**
       * @this {unknown}
       * @param {...unknown} args
       */
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

/**
 * A resource on `nativeClient`. Their constructors are private in the declarations (users
 * get them from a `Client`); this module's own callers may construct them.
 * @template T
 * @param {{ prototype: T }} Resource
 * @param {NativeClient} nativeClient
 * @returns {T}
 */
function create (Resource, nativeClient) {
  const Constructor = /** @type {new (nativeClient: NativeClient) => T} */ (/** @type {unknown} */ (Resource))
  return new Constructor(nativeClient)
}

module.exports = { Contracts, Templates, ContractTypes, Counterparties, Users, Roles, Webhooks, invoke, pager, create }
