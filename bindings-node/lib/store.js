'use strict'
// `CredentialStore`: the CLI's saved profiles (same file, format and locking).

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')
const { nativeCredential, wrapCredential } = require('./credential.js')
const o = require('./options.js')

/** @import { NativeStore } from '../native.js' */
/** @import { ProfileSummary, Profile } from './types.js' */
/** @import { Credential } from './credential.js' */

/** @type {WeakMap<CredentialStore, NativeStore>} */
const NATIVE = new WeakMap()

/**
 * @param {CredentialStore} store
 * @returns {NativeStore}
 */
function handle (store) {
  const found = NATIVE.get(store)
  if (found === undefined) throw typeError('not a CredentialStore')
  return found
}

/** The CLI's saved profiles: same file, format and locking. */
class CredentialStore {
  /**
   * The store in `dir`, or where the CLI keeps it (`$SPOTDRAFT_CONFIG_DIR`, else `~/.config/spotdraft/`).
   * @param {string | null} [dir]
   */
  constructor (dir) {
    if (dir != null && typeof dir !== 'string') throw typeError('dir must be a string')
    NATIVE.set(this, sync(() => new native.NativeStore(dir ?? null)))
  }

  /** The profile file's path. */
  get path () { return handle(this).path }

  /**
   * Every saved profile, without secrets.
   * @returns {ProfileSummary[]}
   */
  list () {
    const nativeStore = handle(this)
    /** @type {Record<string, unknown>[]} */
    const profiles = JSON.parse(sync(() => nativeStore.list()))
    return profiles.map((p) => ({
      name: /** @type {string} */ (p.name),
      description: /** @type {string | null} */ (p.description ?? null),
      clientId: /** @type {string} */ (p.client_id),
      userEmail: /** @type {string | null} */ (p.user_email ?? null),
      endpoint: /** @type {string} */ (p.endpoint),
      isDefault: p.is_default === true,
      ...extra(p)
    }))
  }

  /**
   * A saved profile; its `credential` can be passed to `new Client(...)`.
   * @param {string} name
   * @returns {Profile}
   */
  get (name) {
    o.requiredString(name, 'name')
    const nativeStore = handle(this)
    const p = sync(() => nativeStore.get(name))
    return { name: p.name, description: p.description, endpoint: p.endpoint, rateLimitUrl: p.rateLimitUrl, createdAt: p.createdAt, updatedAt: p.updatedAt, credential: wrapCredential(p.credential()) }
  }

  /**
   * Saves `credential` as profile `name` against `region` or `baseUrl` (default: us). `rateLimitUrl`
   * (`redis://` or `rediss://`) is the shared rate limiter clients built from the profile use; the profile
   * shows it masked.
   * @param {string} name
   * @param {Credential} credential
   * @param {{ region?: string, baseUrl?: string, rateLimitUrl?: string, overwrite?: boolean }} [opts]
   * @returns {void}
   */
  save (name, credential, opts) {
    opts = o.options(opts, 'save')
    o.requiredString(name, 'name')
    const nativeStore = handle(this)
    const given = opts
    const region = o.optionalString(given.region, 'region') ?? null
    const baseUrl = o.optionalString(given.baseUrl, 'baseUrl') ?? null
    const rateLimitUrl = o.optionalString(given.rateLimitUrl, 'rateLimitUrl') ?? null
    const overwrite = o.optionalBoolean(given.overwrite, 'overwrite') ?? false
    sync(() => nativeStore.save(name, nativeCredential(credential), region, baseUrl, rateLimitUrl, overwrite))
  }

  /**
   * @param {string} name
   * @returns {void}
   */
  remove (name) {
    const nativeStore = handle(this)
    sync(() => nativeStore.remove(o.requiredString(name, 'name')))
  }

  /**
   * @param {string} from
   * @param {string} to
   * @returns {void}
   */
  rename (from, to) {
    const nativeStore = handle(this)
    sync(() => nativeStore.rename(o.requiredString(from, 'from'), o.requiredString(to, 'to')))
  }

  /**
   * @param {string} name
   * @returns {void}
   */
  setDefault (name) {
    const nativeStore = handle(this)
    sync(() => nativeStore.setDefault(o.requiredString(name, 'name')))
  }

  /** @returns {string | null} */
  defaultName () {
    const nativeStore = handle(this)
    return sync(() => nativeStore.defaultName())
  }

  /**
   * @param {string} name
   * @param {string} newSecret
   * @returns {void}
   */
  rotateSecret (name, newSecret) {
    const nativeStore = handle(this)
    sync(() => nativeStore.rotateSecret(o.requiredString(name, 'name'), o.requiredString(newSecret, 'newSecret')))
  }
}

/**
 * @param {Record<string, unknown>} summary
 * @returns {Record<string, unknown>}
 */
function extra (summary) {
  const known = new Set(['name', 'description', 'client_id', 'user_email', 'endpoint', 'is_default'])
  return Object.fromEntries(Object.entries(summary).filter(([k]) => !known.has(k)))
}

module.exports = { CredentialStore }
