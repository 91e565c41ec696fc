'use strict'
// CredentialStore: the CLI's profile file, from JavaScript.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const util = require('node:util')
const { execFileSync } = require('node:child_process')
const { sd, CANARY, withSandbox, thrown } = require('./helpers.js')

function scratch () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-store-'))
  fs.chmodSync(dir, 0o700)
  return dir
}

test('save, list, get, rename, default, rotate, remove', () => {
  const dir = scratch()
  const store = new sd.CredentialStore(dir)
  assert.deepEqual(store.list(), [])
  store.save('prod', new sd.Credential({ clientId: 'prod-id', clientSecret: CANARY, description: 'EU workspace' }), { region: 'eu' })
  store.save('dev', new sd.Credential({ clientId: 'dev-id', clientSecret: 'dev-secret', userEmail: 'ops@acme.com' }), { baseUrl: 'http://127.0.0.1:9' })
  assert.equal(fs.statSync(store.path).mode & 0o777, 0o600)
  const list = store.list()
  assert.deepEqual(list.map((p) => p.name), ['dev', 'prod'])
  const prod = list.find((p) => p.name === 'prod')
  assert.equal(prod.clientId, 'prod-id')
  assert.equal(prod.endpoint, 'eu')
  assert.equal(prod.description, 'EU workspace')
  assert.equal(prod.isDefault, true, 'the first profile saved becomes the default')
  assert.equal(store.defaultName(), 'prod')
  assert.ok(!util.inspect(list).includes(CANARY) && !JSON.stringify(list).includes(CANARY))
  const got = store.get('prod')
  assert.equal(got.credential.clientId, 'prod-id')
  assert.equal(got.credential.name, 'prod')
  assert.ok(!util.inspect(got).includes(CANARY) && !JSON.stringify(got).includes(CANARY))
  assert.equal(thrown(() => store.save('prod', new sd.Credential({ clientId: 'x', clientSecret: 'y' }))).code, 'conflict')
  store.save('prod', new sd.Credential({ clientId: 'prod-id-2', clientSecret: 'y' }), { region: 'eu', overwrite: true })
  assert.equal(store.get('prod').credential.clientId, 'prod-id-2')
  store.rename('dev', 'staging')
  assert.equal(store.get('staging').endpoint, 'http://127.0.0.1:9')
  store.setDefault('staging')
  assert.equal(store.defaultName(), 'staging')
  store.rotateSecret('staging', 'rotated-secret')
  store.remove('prod')
  assert.deepEqual(store.list().map((p) => p.name), ['staging'])
  assert.equal(thrown(() => store.get('prod')).code, 'not_found')
  assert.equal(thrown(() => store.save('bad name!', new sd.Credential({ clientId: 'x', clientSecret: 'y' }))).code, 'invalid_argument')
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a profile saved here is used by the client, and by the CLI file format', () => withSandbox(async (sandbox) => {
  const dir = scratch()
  const store = new sd.CredentialStore(dir)
  store.save('sandbox', sandbox.credential, { baseUrl: sandbox.baseUrl })
  const profile = store.get('sandbox')
  const client = new sd.Client(profile.credential, { baseUrl: profile.endpoint, rateLimit: 0 })
  assert.equal((await client.verify()).baseUrl, sandbox.baseUrl)
  // Resolved by name in a process whose store is this one.
  const script = `const sd = require(${JSON.stringify(path.join(__dirname, '..'))})
    new sd.Client(null, { profile: 'sandbox', rateLimit: 0 }).verify().then((v) => console.log(v.baseUrl))`
  const out = execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, HOME: dir, SPOTDRAFT_CONFIG_DIR: dir } }).toString().trim()
  assert.equal(out, sandbox.baseUrl)
  fs.rmSync(dir, { recursive: true, force: true })
}))
