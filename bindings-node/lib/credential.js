'use strict'
// `Credential`: the secret lives only inside the addon. The object has no own enumerable
// properties, and inspect/JSON/String show the client id and names, never the secret.

const util = require('node:util')
const native = require('../native.js')
const { sync, typeError } = require('./errors.js')

const NATIVE = new WeakMap()

function optionalString (init, name) {
  const value = init[name]
  if (value == null) return undefined
  if (typeof value !== 'string') throw typeError(`${name} must be a string`, 'invalid_credential')
  return value
}

class Credential {
  /**
   * @param {{clientId: string, clientSecret: string, userEmail?: string, name?: string, description?: string}} init
   */
  constructor (init) {
    if (init == null || typeof init !== 'object') {
      throw typeError('new Credential() takes { clientId, clientSecret, userEmail?, name?, description? }', 'invalid_credential')
    }
    for (const name of ['clientId', 'clientSecret']) {
      if (typeof init[name] !== 'string') throw typeError(`${name} must be a string`, 'invalid_credential')
    }
    const fields = {
      clientId: init.clientId,
      clientSecret: init.clientSecret,
      userEmail: optionalString(init, 'userEmail'),
      name: optionalString(init, 'name'),
      description: optionalString(init, 'description')
    }
    NATIVE.set(this, sync(() => new native.NativeCredential(fields)))
  }

  get clientId () { return NATIVE.get(this).clientId }
  get userEmail () { return NATIVE.get(this).userEmail }
  get name () { return NATIVE.get(this).name }
  get description () { return NATIVE.get(this).description }

  /** What `JSON.stringify` and structured loggers see: no secret. */
  toJSON () {
    return { clientId: this.clientId, userEmail: this.userEmail, name: this.name, description: this.description }
  }

  toString () {
    return `Credential(${this.clientId})`
  }

  [util.inspect.custom] (depth, options, inspect) {
    return `Credential ${(inspect || util.inspect)(this.toJSON(), options)}`
  }

  get [Symbol.toStringTag] () {
    return 'Credential'
  }
}

/** A `Credential` around a native one (from a profile or the sandbox). */
function wrapCredential (nativeCredential) {
  const credential = Object.create(Credential.prototype)
  NATIVE.set(credential, nativeCredential)
  return credential
}

function nativeCredential (credential) {
  const found = credential instanceof Object ? NATIVE.get(credential) : undefined
  if (found === undefined) throw typeError('credential must be a Credential (new Credential({ clientId, clientSecret }))', 'invalid_credential')
  return found
}

module.exports = { Credential, wrapCredential, nativeCredential }
