'use strict'
// `CredentialStore`: the CLI's saved profiles (same file, format and locking).

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')
const { nativeCredential, wrapCredential } = require('./credential.js')
const o = require('./options.js')

const NATIVE = Symbol('native')

class CredentialStore {
  /** The store in `dir`, or where the CLI keeps it (`$SPOTDRAFT_CONFIG_DIR`, else `~/.config/spotdraft/`). */
  constructor (dir) {
    if (dir != null && typeof dir !== 'string') throw typeError('dir must be a string')
    Object.defineProperty(this, NATIVE, { value: sync(() => new native.NativeStore(dir ?? null)) })
  }

  /** The profile file's path. */
  get path () { return this[NATIVE].path }

  /** Every saved profile, without secrets. */
  list () {
    return JSON.parse(sync(() => this[NATIVE].list())).map((p) => ({
      name: p.name,
      description: p.description ?? null,
      clientId: p.client_id,
      userEmail: p.user_email ?? null,
      endpoint: p.endpoint,
      isDefault: p.is_default === true,
      ...extra(p)
    }))
  }

  /** A saved profile; its `credential` can be passed to `new Client(...)`. */
  get (name) {
    o.requiredString(name, 'name')
    const p = sync(() => this[NATIVE].get(name))
    return { name: p.name, description: p.description, endpoint: p.endpoint, createdAt: p.createdAt, updatedAt: p.updatedAt, credential: wrapCredential(p.credential()) }
  }

  /** Saves `credential` as profile `name` against `region` or `baseUrl` (default: us). */
  save (name, credential, opts) {
    opts = o.options(opts, 'save')
    o.requiredString(name, 'name')
    sync(() => this[NATIVE].save(name, nativeCredential(credential), o.optionalString(opts.region, 'region') ?? null, o.optionalString(opts.baseUrl, 'baseUrl') ?? null, o.optionalBoolean(opts.overwrite, 'overwrite') ?? false))
  }

  remove (name) { sync(() => this[NATIVE].remove(o.requiredString(name, 'name'))) }
  rename (from, to) { sync(() => this[NATIVE].rename(o.requiredString(from, 'from'), o.requiredString(to, 'to'))) }
  setDefault (name) { sync(() => this[NATIVE].setDefault(o.requiredString(name, 'name'))) }
  defaultName () { return sync(() => this[NATIVE].defaultName()) }
  rotateSecret (name, newSecret) { sync(() => this[NATIVE].rotateSecret(o.requiredString(name, 'name'), o.requiredString(newSecret, 'newSecret'))) }
}

function extra (summary) {
  const known = new Set(['name', 'description', 'client_id', 'user_email', 'endpoint', 'is_default'])
  return Object.fromEntries(Object.entries(summary).filter(([k]) => !known.has(k)))
}

module.exports = { CredentialStore }
