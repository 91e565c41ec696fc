'use strict'
// `Sandbox`: an offline SpotDraft workspace in this process, for testing your own code.

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')
const { wrapCredential } = require('./credential.js')
const o = require('./options.js')

/** @import { NativeSandbox } from '../native.js' */
/** @import { SandboxOptions, FaultRule, LoggedRequest } from './types.js' */

/** @type {WeakMap<Sandbox, NativeSandbox>} */
const NATIVE = new WeakMap()

/**
 * @param {Sandbox} sandbox
 * @returns {NativeSandbox}
 */
function handle (sandbox) {
  const found = NATIVE.get(sandbox)
  if (found === undefined) throw typeError('not a Sandbox')
  return found
}

/** An offline SpotDraft workspace in this process, for testing your own code. */
class Sandbox {
  /**
   * Private: `await Sandbox.start(options)` makes one. (The parameter is there because tsc
   * leaves a parameterless private constructor out of the declarations.)
   * @private
   * @param {...never} _args
   */
  constructor (..._args) {
    throw typeError('use `await Sandbox.start(options)`')
  }

  /**
   * Starts a sandbox on a free loopback port.
   * @param {SandboxOptions} [options]
   * @returns {Promise<Sandbox>}
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
    /** @type {Sandbox} */
    const sandbox = Object.create(Sandbox.prototype)
    NATIVE.set(sandbox, sync(() => native.NativeSandbox.start(init)))
    return sandbox
  }

  /** `http://127.0.0.1:PORT`: pass it as `baseUrl` to `new Client(...)`. */
  get baseUrl () { return handle(this).baseUrl }

  /** A credential the sandbox accepts. */
  get credential () {
    const nativeSandbox = handle(this)
    return wrapCredential(sync(() => nativeSandbox.credential()))
  }

  /**
   * Injects a fault, e.g. `{ path: '/api/v2.1/public/contracts/', times: 2, fault: { kind: 'status', status: 503 } }`
   * (the conformance scenarios' `faults` entries).
   * @param {FaultRule} rule
   * @returns {void}
   */
  inject (rule) {
    o.plainObject(rule, 'rule')
    const nativeSandbox = handle(this)
    sync(() => nativeSandbox.inject(JSON.stringify(rule)))
  }

  /** @returns {void} */
  clearFaults () {
    const nativeSandbox = handle(this)
    sync(() => nativeSandbox.clearFaults())
  }

  /**
   * The requests the sandbox has seen, oldest first (no secrets are kept).
   * @returns {LoggedRequest[]}
   */
  requests () {
    const nativeSandbox = handle(this)
    return JSON.parse(sync(() => nativeSandbox.requests()))
  }

  /** @returns {void} */
  clearRequests () {
    const nativeSandbox = handle(this)
    sync(() => nativeSandbox.clearRequests())
  }

  /**
   * Connections accepted and closed so far (a cancelled call shows up as closed).
   * @returns {{ opened: number, closed: number }}
   */
  connectionCounts () {
    const nativeSandbox = handle(this)
    const [opened, closed] = sync(() => nativeSandbox.connectionCounts())
    return { opened, closed }
  }

  /**
   * @param {boolean} enabled
   * @returns {void}
   */
  setRateLimit (enabled) {
    const nativeSandbox = handle(this)
    sync(() => nativeSandbox.setRateLimit(o.optionalBoolean(enabled, 'enabled') ?? true))
  }

  /**
   * Stops serving. Safe to call twice.
   * @returns {Promise<void>}
   */
  async close () { handle(this).close() }

  /** @returns {{ baseUrl: string }} */
  toJSON () { return { baseUrl: this.baseUrl } }
}

module.exports = { Sandbox }
