'use strict'
// `Sandbox`: an offline SpotDraft workspace in this process, for testing your own code.

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')
const { wrapCredential } = require('./credential.js')
const o = require('./options.js')

const NATIVE = Symbol('native')

class Sandbox {
  constructor () {
    throw typeError('use `await Sandbox.start(options)`')
  }

  /**
   * Starts a sandbox on a free loopback port.
   * @param {{rateLimit?: boolean, pdfSize?: number, clientId?: string, clientSecret?: string, userEmails?: string[]}} [options]
   */
  static async start (options) {
    const opts = o.options(options, 'Sandbox.start')
    const init = {
      rateLimit: o.optionalBoolean(opts.rateLimit, 'rateLimit'),
      pdfSize: o.optionalInteger(opts.pdfSize, 'pdfSize', 0, Number.MAX_SAFE_INTEGER),
      clientId: o.optionalString(opts.clientId, 'clientId'),
      clientSecret: o.optionalString(opts.clientSecret, 'clientSecret'),
      userEmails: opts.userEmails
    }
    const sandbox = Object.create(Sandbox.prototype)
    Object.defineProperty(sandbox, NATIVE, { value: sync(() => native.NativeSandbox.start(init)) })
    return sandbox
  }

  /** `http://127.0.0.1:PORT`: pass it as `baseUrl` to `new Client(...)`. */
  get baseUrl () { return this[NATIVE].baseUrl }

  /** A credential the sandbox accepts. */
  get credential () { return wrapCredential(sync(() => this[NATIVE].credential())) }

  /**
   * Injects a fault, e.g. `{ path: '/api/v2.1/public/contracts/', times: 2, fault: { kind: 'status', status: 503 } }`
   * (the conformance scenarios' `faults` entries).
   */
  inject (rule) {
    o.plainObject(rule, 'rule')
    sync(() => this[NATIVE].inject(JSON.stringify(rule)))
  }

  clearFaults () { sync(() => this[NATIVE].clearFaults()) }
  /** The requests the sandbox has seen, oldest first (no secrets are kept). */
  requests () { return JSON.parse(sync(() => this[NATIVE].requests())) }
  clearRequests () { sync(() => this[NATIVE].clearRequests()) }
  /** Connections accepted and closed so far (a cancelled call shows up as closed). */
  connectionCounts () {
    const [opened, closed] = sync(() => this[NATIVE].connectionCounts())
    return { opened, closed }
  }

  setRateLimit (enabled) { sync(() => this[NATIVE].setRateLimit(o.optionalBoolean(enabled, 'enabled') ?? true)) }

  /** Stops serving. Safe to call twice. */
  async close () { this[NATIVE].close() }

  toJSON () { return { baseUrl: this.baseUrl } }
}

module.exports = { Sandbox }
