'use strict'
// `Credential`: the secret lives only inside the addon. The object has no own enumerable
// properties, and inspect/JSON/String show the client id and names, never the secret.

const util = require('node:util')
const native = require('../native.js')
const { sync, typeError } = require('./errors.js')

/** @import { NativeCredential } from '../native.js' */
/** @import { CredentialInit } from './types.js' */

/** @type {WeakMap<object, NativeCredential>} */
const NATIVE = new WeakMap()

/**
 * @param {Record<string, unknown>} init
 * @param {string} name
 * @returns {string | undefined}
 */
function optionalString (init, name) {
  const value = init[name]
  if (value == null) return undefined
  if (typeof value !== 'string') throw typeError(`${name} must be a string`, 'invalid_credential')
  return value
}

/** A client-id/client-secret pair. Nothing shows the secret: not inspect, JSON, String or Object.keys. */
class Credential {
  /**
   * @param {CredentialInit} init
   */
  constructor (init) {
    if (init == null || typeof init !== 'object') {
      throw typeError('new Credential() takes { clientId, clientSecret, userEmail?, name?, description? }', 'invalid_credential')
    }
    /** @type {Record<string, unknown>} */
    const given = init
    for (const name of ['clientId', 'clientSecret']) {
      if (typeof given[name] !== 'string') throw typeError(`${name} must be a string`, 'invalid_credential')
    }
    const fields = {
      clientId: init.clientId,
      clientSecret: init.clientSecret,
      userEmail: optionalString(given, 'userEmail'),
      name: optionalString(given, 'name'),
      description: optionalString(given, 'description')
    }
    NATIVE.set(this, sync(() => new native.NativeCredential(fields)))
  }

  get clientId () { return nativeCredential(this).clientId }
  get userEmail () { return nativeCredential(this).userEmail }
  get name () { return nativeCredential(this).name }
  get description () { return nativeCredential(this).description }

  /**
   * What `JSON.stringify` and structured loggers see: no secret.
   * @returns {{ clientId: string, userEmail: string | null, name: string | null, description: string | null }}
   */
  toJSON () {
    return { clientId: this.clientId, userEmail: this.userEmail, name: this.name, description: this.description }
  }

  /** @returns {string} */
  toString () {
    return `Credential(${this.clientId})`
  }

  /**
   * @param {number} depth
   * @param {import('node:util').InspectOptionsStylized} options
   * @param {typeof util.inspect} [inspect]
   * @returns {string}
   */
  [util.inspect.custom] (depth, options, inspect) {
    return `Credential ${(inspect || util.inspect)(this.toJSON(), options)}`
  }

  get [Symbol.toStringTag] () {
    return 'Credential'
  }
}

/**
 * A `Credential` around a native one (from a profile or the sandbox).
 * @param {NativeCredential} nativeCredential
 * @returns {Credential}
 */
function wrapCredential (nativeCredential) {
  /** @type {Credential} */
  const credential = Object.create(Credential.prototype)
  NATIVE.set(credential, nativeCredential)
  return credential
}

/**
 * @param {unknown} credential
 * @returns {NativeCredential}
 */
function nativeCredential (credential) {
  const found = credential instanceof Object ? NATIVE.get(credential) : undefined
  if (found === undefined) throw typeError('credential must be a Credential (new Credential({ clientId, clientSecret }))', 'invalid_credential')
  return found
}

module.exports = { Credential, wrapCredential, nativeCredential }
