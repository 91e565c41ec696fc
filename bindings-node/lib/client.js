'use strict'
// `Client`: Promise-returning calls on core's async client. Nothing here blocks the event
// loop; an idle client holds nothing that keeps the process alive.

const util = require('node:util')
const native = require('../native.js')
const { sync, typeError } = require('./errors.js')
const { withSignal } = require('./signal.js')
const { Credential, nativeCredential } = require('./credential.js')
const { Response, wrapNativeResponse } = require('./response.js')
const resources = require('./resources.js')
const o = require('./options.js')

/** @import { NativeClient, NativeResponse } from '../native.js' */
/** @import { ClientOptions, CallOptions, RequestOptions, CallOperationOptions, PaginateOptions, PagingOptions, ContractPagingOptions, FilterInput, Query, Verification, Contract, Counterparty, User, Page } from './types.js' */

const VERSION = require('../package.json').version
/** @type {WeakMap<Client, NativeClient>} */
const NATIVE = new WeakMap()

/**
 * @param {Client} client
 * @returns {NativeClient}
 */
function handle (client) {
  const found = NATIVE.get(client)
  if (found === undefined) throw typeError('not a Client')
  return found
}

/** @type {Record<string, 'string' | 'number' | 'boolean'>} */
const CLIENT_OPTIONS = {
  profile: 'string',
  region: 'string',
  baseUrl: 'string',
  timeoutMs: 'number',
  connectTimeoutMs: 'number',
  attemptTimeoutMs: 'number',
  maxAttempts: 'number',
  rateLimit: 'number',
  userAgentSuffix: 'string',
  maxBodySize: 'number',
  retryBackoffMs: 'number',
  maxRetryBackoffMs: 'number',
  maxRetryAfterMs: 'number',
  rateLimitUrl: 'string',
  rateLimitStrict: 'boolean'
}

/**
 * @param {ClientOptions | null | undefined} options
 * @returns {import('../native.js').ClientInit}
 */
function clientInit (options) {
  /** @type {Record<string, unknown>} */
  const opts = o.options(options, 'Client')
  /** @type {Record<string, unknown> & import('../native.js').ClientInit} */
  const init = {}
  for (const name of Object.keys(opts)) {
    const wanted = CLIENT_OPTIONS[name]
    if (wanted === undefined) throw typeError(`unknown Client option ${JSON.stringify(name)}`)
    const value = opts[name]
    if (value == null) continue
    if (typeof value !== wanted) throw typeError(`${name} must be a ${wanted}`)
    init[name] = value
  }
  // Only what the addon's u32 can hold is checked here; core judges the sensible range
  // (the same rule in every binding).
  o.optionalInteger(init.maxAttempts, 'maxAttempts', 0, 2 ** 32 - 1)
  o.optionalInteger(init.rateLimit, 'rateLimit', 0, 2 ** 32 - 1)
  if (init.userAgentSuffix === undefined) init.userAgentSuffix = `spotdraft-node/${VERSION} node/${process.versions.node}`
  return init
}

/**
 * @param {unknown} query  checked here: a `Query`
 * @returns {string[][] | undefined}
 */
function queryPairs (query) {
  if (query == null) return undefined
  /** @type {string[][]} */
  const pairs = []
  /**
   * @param {string} name
   * @param {unknown} value
   */
  const add = (name, value) => {
    if (value == null) return
    if (Array.isArray(value)) {
      for (const v of value) add(name, v)
      return
    }
    if (typeof value === 'object' && !(value instanceof Date)) throw typeError(`query value for ${name} must be a string, number or boolean`)
    pairs.push([name, value instanceof Date ? value.toISOString() : String(value)])
  }
  if (query instanceof URLSearchParams || Array.isArray(query)) {
    for (const [name, value] of query) add(String(name), value)
  } else if (typeof query === 'object') {
    for (const [name, value] of Object.entries(query)) add(name, value)
  } else {
    throw typeError('query must be an object, an array of [name, value] pairs or URLSearchParams')
  }
  return pairs
}

/** Promise-returning calls on the Rust core. Nothing blocks the event loop; an idle client does not keep the process alive. */
class Client {
  /**
   * No credential: the environment and saved profiles, exactly as the CLI resolves them.
   * @param {Credential | null} [credential]
   * @param {ClientOptions} [options]
   */
  constructor (credential, options) {
    if (credential != null && !(credential instanceof Credential)) {
      throw typeError('the first argument must be a Credential, or null to resolve one like the CLI does', 'invalid_credential')
    }
    const init = clientInit(options)
    const nativeClient = sync(() => new native.NativeClient(credential == null ? null : nativeCredential(credential), init))
    // Declared for the type checker; setup() defines them (read-only, enumerable).
    /** @readonly @type {resources.Contracts} */
    this.contracts
    /** @readonly @type {resources.Templates} */
    this.templates
    /** @readonly @type {resources.ContractTypes} */
    this.contractTypes
    /** @readonly @type {resources.Counterparties} */
    this.counterparties
    /** @readonly @type {resources.Users} */
    this.users
    /** @readonly @type {resources.Roles} */
    this.roles
    /** @readonly @type {resources.Webhooks} */
    this.webhooks
    setup(this, nativeClient)
  }

  get baseUrl () { return handle(this).baseUrl }
  get clientId () { return handle(this).clientId }
  get userEmail () { return handle(this).userEmail }
  /** Where the credential came from, e.g. `Explicit`, `Environment`, `Profile { name: "prod" }`. */
  get credentialSource () { return handle(this).credentialSource }

  /**
   * The same client acting as another workspace user (`user-email` header).
   * @param {string} email
   * @returns {Client}
   */
  asUser (email) {
    if (typeof email !== 'string') throw typeError('email must be a string')
    /** @type {Client} */
    const other = Object.create(Client.prototype)
    setup(other, sync(() => handle(this).asUser(email)))
    return other
  }

  /**
   * Checks that SpotDraft accepts the credential; the error says what to fix.
   * @param {CallOptions} [opts]
   * @returns {Promise<Verification>}
   */
  verify (opts) {
    try {
      opts = o.options(opts, 'verify')
    } catch (error) {
      return Promise.reject(error)
    }
    return resources.invoke(handle(this), 'verify', {}, opts.signal)
  }

  /**
   * Any request on the configured host, e.g. `request('GET', '/api/v2.1/public/contracts/')`.
   * Resolves with a `Response` for a 2xx answer; rejects with a `SpotDraftError` otherwise.
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} [opts]
   * @returns {Promise<Response>}
   */
  request (method, path, opts) {
    /** @type {string[][] | undefined} */
    let query
    /** @type {string | undefined} */
    let json
    /** @type {number | undefined} */
    let timeoutMs
    try {
      opts = o.options(opts, 'request')
      o.requiredString(method, 'method')
      o.requiredString(path, 'path')
      query = queryPairs(opts.query)
      if (opts.json !== undefined) json = JSON.stringify(opts.json)
      timeoutMs = o.optionalNumber(opts.timeoutMs, 'timeoutMs')
    } catch (error) {
      return Promise.reject(error)
    }
    const nativeClient = handle(this)
    return withSignal(opts.signal, (token) => nativeClient.request(method, path, query, json, timeoutMs, token), wrapResponse)
  }

  /**
   * One of the 102 catalogue operations by name (see `operations`), e.g. `call('contracts.status', { contract_id: 'T-1' })`.
   * @param {string} name
   * @param {Record<string, unknown> | null} [params]
   * @param {CallOperationOptions} [opts]
   * @returns {Promise<Response>}
   */
  call (name, params, opts) {
    /** @type {string} */
    let paramsText
    /** @type {string | undefined} */
    let body
    try {
      opts = o.options(opts, 'call')
      o.requiredString(name, 'name')
      if (params != null && (typeof params !== 'object' || Array.isArray(params))) throw typeError('params must be an object')
      paramsText = JSON.stringify(params ?? {})
      if (opts.body !== undefined) body = JSON.stringify(opts.body)
    } catch (error) {
      return Promise.reject(error)
    }
    const nativeClient = handle(this)
    return withSignal(opts.signal, (token) => nativeClient.call(name, paramsText, body, token), wrapResponse)
  }

  /**
   * Every item of a paged list, fetched page by page as the loop asks: `what` is
   * `'contracts'`, `'counterparties'`, `'users'`, or an API path of any paged GET.
   * @overload
   * @param {'contracts'} what
   * @param {ContractPagingOptions} [opts]
   * @returns {AsyncGenerator<Contract, void, undefined>}
   */
  /**
   * @overload
   * @param {'counterparties'} what
   * @param {PagingOptions & { filters?: FilterInput }} [opts]
   * @returns {AsyncGenerator<Counterparty, void, undefined>}
   */
  /**
   * @overload
   * @param {'users'} what
   * @param {PagingOptions & { email?: string, name?: string }} [opts]
   * @returns {AsyncGenerator<User, void, undefined>}
   */
  /**
   * @overload
   * @param {string} what  an API path
   * @param {PaginateOptions & { pages: true }} opts
   * @returns {AsyncGenerator<Page<unknown>, void, undefined>}
   */
  /**
   * @template [T=unknown]
   * @overload
   * @param {string} what  an API path
   * @param {PaginateOptions} [opts]
   * @returns {AsyncGenerator<T, void, undefined>}
   */
  /**
   * @param {string} what
   * @param {PaginateOptions} [opts]
   * @returns {AsyncGenerator<unknown, void, undefined>}
   */
  paginate (what, opts) {
    opts = o.options(opts, 'paginate')
    if (typeof what !== 'string') throw typeError('paginate takes a list name or an API path')
    if (what.startsWith('/')) {
      return resources.pager(handle(this), 'path', { path: what, query: queryPairs(opts.query) }, opts, opts.pages === true)
    }
    const resource = { contracts: this.contracts, counterparties: this.counterparties, users: this.users }[what]
    if (resource === undefined) throw typeError(`nothing to paginate called ${JSON.stringify(what)}: use contracts, counterparties, users or an API path`)
    return resource.listAll(/** @type {PaginateOptions & { query?: string }} */ (opts))
  }

  /** @returns {{ baseUrl: string, clientId: string, userEmail: string | null }} */
  toJSON () {
    return { baseUrl: this.baseUrl, clientId: this.clientId, userEmail: this.userEmail }
  }

  /**
   * @param {number} depth
   * @param {import('node:util').InspectOptionsStylized} options
   * @param {typeof util.inspect} [inspect]
   * @returns {string}
   */
  [util.inspect.custom] (depth, options, inspect) {
    return `Client ${(inspect || util.inspect)(this.toJSON(), options)}`
  }
}

/**
 * @param {Client} client
 * @param {NativeClient} nativeClient
 */
function setup (client, nativeClient) {
  NATIVE.set(client, nativeClient)
  const create = resources.create
  for (const [name, resource] of Object.entries({
    contracts: create(resources.Contracts, nativeClient),
    templates: create(resources.Templates, nativeClient),
    contractTypes: create(resources.ContractTypes, nativeClient),
    counterparties: create(resources.Counterparties, nativeClient),
    users: create(resources.Users, nativeClient),
    roles: create(resources.Roles, nativeClient),
    webhooks: create(resources.Webhooks, nativeClient)
  })) {
    Object.defineProperty(client, name, { value: resource, enumerable: true })
  }
}

/**
 * @param {NativeResponse} nativeResponse
 * @returns {Response}
 */
function wrapResponse (nativeResponse) {
  return wrapNativeResponse(nativeResponse)
}

module.exports = { Client }
