'use strict'
// `Client`: Promise-returning calls on core's async client. Nothing here blocks the event
// loop; an idle client holds nothing that keeps the process alive.

const util = require('node:util')
const native = require('../native.js')
const { sync, typeError } = require('./errors.js')
const { withSignal } = require('./signal.js')
const { Credential, nativeCredential } = require('./credential.js')
const { Response } = require('./response.js')
const resources = require('./resources.js')
const o = require('./options.js')

const VERSION = require('../package.json').version
const NATIVE = Symbol('native')

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
  maxRetryAfterMs: 'number'
}

function clientInit (options) {
  const opts = o.options(options, 'Client')
  const init = {}
  for (const name of Object.keys(opts)) {
    const wanted = CLIENT_OPTIONS[name]
    if (wanted === undefined) throw typeError(`unknown Client option ${JSON.stringify(name)}`)
    const value = opts[name]
    if (value == null) continue
    if (typeof value !== wanted) throw typeError(`${name} must be a ${wanted}`)
    init[name] = value
  }
  o.optionalInteger(init.maxAttempts, 'maxAttempts', 1, 100)
  o.optionalInteger(init.rateLimit, 'rateLimit', 0, 1000000)
  if (init.userAgentSuffix === undefined) init.userAgentSuffix = `spotdraft-node/${VERSION} node/${process.versions.node}`
  return init
}

function queryPairs (query) {
  if (query == null) return undefined
  const pairs = []
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

class Client {
  /**
   * @param {Credential | null | undefined} credential  none: the environment and saved profiles, as the CLI resolves them
   * @param {object} [options]
   */
  constructor (credential, options) {
    if (credential != null && !(credential instanceof Credential)) {
      throw typeError('the first argument must be a Credential, or null to resolve one like the CLI does', 'invalid_credential')
    }
    const init = clientInit(options)
    const nativeClient = sync(() => new native.NativeClient(credential == null ? null : nativeCredential(credential), init))
    setup(this, nativeClient)
  }

  get baseUrl () { return this[NATIVE].baseUrl }
  get clientId () { return this[NATIVE].clientId }
  get userEmail () { return this[NATIVE].userEmail }
  /** Where the credential came from, e.g. `Explicit`, `Environment`, `Profile { name: "prod" }`. */
  get credentialSource () { return this[NATIVE].credentialSource }

  /** The same client acting as another workspace user (`user-email` header). */
  asUser (email) {
    if (typeof email !== 'string') throw typeError('email must be a string')
    const other = Object.create(Client.prototype)
    setup(other, sync(() => this[NATIVE].asUser(email)))
    return other
  }

  /** Checks that SpotDraft accepts the credential; the error says what to fix. */
  verify (opts) {
    try {
      opts = o.options(opts, 'verify')
    } catch (error) {
      return Promise.reject(error)
    }
    return resources.invoke(this[NATIVE], 'verify', {}, opts.signal)
  }

  /**
   * Any request on the configured host, e.g. `request('GET', '/api/v2.1/public/contracts/')`.
   * Resolves with a `Response` for a 2xx answer; rejects with a `SpotDraftError` otherwise.
   */
  request (method, path, opts) {
    let query, json, timeoutMs
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
    const nativeClient = this[NATIVE]
    return withSignal(opts.signal, (token) => nativeClient.request(method, path, query, json, timeoutMs, token), wrapResponse)
  }

  /** One of the 102 catalogue operations by name, e.g. `call('contracts.status', { contract_id: 'T-1' })`. */
  call (name, params, opts) {
    let paramsText, body
    try {
      opts = o.options(opts, 'call')
      o.requiredString(name, 'name')
      if (params != null && (typeof params !== 'object' || Array.isArray(params))) throw typeError('params must be an object')
      paramsText = JSON.stringify(params ?? {})
      if (opts.body !== undefined) body = JSON.stringify(opts.body)
    } catch (error) {
      return Promise.reject(error)
    }
    const nativeClient = this[NATIVE]
    return withSignal(opts.signal, (token) => nativeClient.call(name, paramsText, body, token), wrapResponse)
  }

  /**
   * Every item of a paged list, fetched page by page as the loop asks: `what` is
   * `'contracts'`, `'counterparties'`, `'users'`, or an API path of any paged GET.
   */
  paginate (what, opts) {
    opts = o.options(opts, 'paginate')
    if (typeof what !== 'string') throw typeError('paginate takes a list name or an API path')
    if (what.startsWith('/')) {
      return resources.pager(this[NATIVE], 'path', { path: what, query: queryPairs(opts.query) }, opts, opts.pages === true)
    }
    const resource = { contracts: this.contracts, counterparties: this.counterparties, users: this.users }[what]
    if (resource === undefined) throw typeError(`nothing to paginate called ${JSON.stringify(what)}: use contracts, counterparties, users or an API path`)
    return resource.listAll(opts)
  }

  toJSON () {
    return { baseUrl: this.baseUrl, clientId: this.clientId, userEmail: this.userEmail }
  }

  [util.inspect.custom] (depth, options, inspect) {
    return `Client ${(inspect || util.inspect)(this.toJSON(), options)}`
  }
}

function setup (client, nativeClient) {
  Object.defineProperty(client, NATIVE, { value: nativeClient })
  for (const [name, Resource] of [
    ['contracts', resources.Contracts],
    ['templates', resources.Templates],
    ['contractTypes', resources.ContractTypes],
    ['counterparties', resources.Counterparties],
    ['users', resources.Users],
    ['roles', resources.Roles],
    ['webhooks', resources.Webhooks]
  ]) {
    Object.defineProperty(client, name, { value: new Resource(nativeClient), enumerable: true })
  }
}

function wrapResponse (nativeResponse) {
  return new Response(nativeResponse)
}

module.exports = { Client }
