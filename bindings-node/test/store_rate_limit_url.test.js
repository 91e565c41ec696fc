'use strict'
// CredentialStore.save(name, credential, { rateLimitUrl }): a profile keeps its shared rate limiter,
// shows it masked, and clients built from it use it; the Redis password never shows.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const util = require('node:util')
const { sd, withSandbox, rejection, thrown } = require('./helpers.js')

const PASSWORD = 'node-store-redis-pw-13579'
// Port 1 on loopback: nothing listens, so a connection is refused at once.
const UNREACHABLE = `redis://:${PASSWORD}@127.0.0.1:1`
const MASKED = 'redis://:****@127.0.0.1:1'
const PATH = '/api/v2.1/public/contract_types/'

function scratch () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-store-url-'))
  fs.chmodSync(dir, 0o700)
  return dir
}

/** Runs `fn` with SPOTDRAFT_CONFIG_DIR set to `dir` and no SPOTDRAFT_RATE_LIMIT_URL, restoring both. */
async function withStoreEnv (dir, fn) {
  const saved = { dir: process.env.SPOTDRAFT_CONFIG_DIR, url: process.env.SPOTDRAFT_RATE_LIMIT_URL }
  process.env.SPOTDRAFT_CONFIG_DIR = dir
  delete process.env.SPOTDRAFT_RATE_LIMIT_URL
  try {
    return await fn()
  } finally {
    if (saved.dir === undefined) delete process.env.SPOTDRAFT_CONFIG_DIR
    else process.env.SPOTDRAFT_CONFIG_DIR = saved.dir
    if (saved.url !== undefined) process.env.SPOTDRAFT_RATE_LIMIT_URL = saved.url
  }
}

test('the URL is saved and shown masked', () => {
  const dir = scratch()
  const store = new sd.CredentialStore(dir)
  const credential = new sd.Credential({ clientId: 'id-1', clientSecret: 'secret-1' })
  store.save('fleet', credential, { rateLimitUrl: UNREACHABLE })
  const profile = store.get('fleet')
  assert.equal(profile.rateLimitUrl, MASKED)
  for (const text of [util.inspect(profile), JSON.stringify(profile), util.inspect(store.list()), JSON.stringify(store.list())]) {
    assert.ok(!text.includes(PASSWORD), text)
  }
  // The file keeps the whole URL (it is the 0600 secret store), in the CLI's format.
  const saved = JSON.parse(fs.readFileSync(store.path, 'utf8'))
  assert.equal(saved.profiles.fleet.rate_limit_url, UNREACHABLE)

  store.save('fleet', credential, { overwrite: true })
  assert.equal(store.get('fleet').rateLimitUrl, null, 'saving over a profile without a URL removes it')
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a bad URL or a wrong type is refused and nothing is saved', () => {
  const dir = scratch()
  const store = new sd.CredentialStore(dir)
  const credential = new sd.Credential({ clientId: 'id-1', clientSecret: 'secret-1' })
  const error = thrown(() => store.save('fleet', credential, { rateLimitUrl: `http://:${PASSWORD}@127.0.0.1:6379` }))
  assert.equal(error.code, 'invalid_argument', error.message)
  assert.match(error.message, /scheme "http"/)
  assert.match(error.message, /redis:\/\//)
  for (const text of [error.message, util.inspect(error), JSON.stringify(error)]) assert.ok(!text.includes(PASSWORD), text)
  const database = thrown(() => store.save('fleet', credential, { rateLimitUrl: `redis://:${PASSWORD}@127.0.0.1:6379/cache` }))
  assert.equal(database.code, 'invalid_argument')
  assert.match(database.message, /database number/)
  assert.ok(!database.message.includes(PASSWORD))
  assert.equal(thrown(() => store.get('fleet')).code, 'not_found')
  assert.throws(() => store.save('fleet', credential, { rateLimitUrl: 6379 }), /rateLimitUrl must be a string/)
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a client built from the profile uses its URL', () => withSandbox(async (sandbox) => {
  const dir = scratch()
  const store = new sd.CredentialStore(dir)
  store.save('fleet', sandbox.credential, { baseUrl: sandbox.baseUrl, rateLimitUrl: UNREACHABLE })
  const records = []
  sd.setLogger((record) => records.push(record), { level: 'trace' })
  try {
    await withStoreEnv(dir, async () => {
      const client = new sd.Client(null, { profile: 'fleet', rateLimit: 10, rateLimitStrict: true, maxAttempts: 1 })
      const error = await rejection(client.request('GET', PATH))
      assert.equal(error.code, 'connection', error.message)
      assert.ok(error.message.includes(`shared rate limiter at ${MASKED}`), error.message)
      for (const text of [error.message, util.inspect(error), JSON.stringify(error), util.inspect(client)]) {
        assert.ok(!text.includes(PASSWORD), text)
      }
      assert.ok(!sandbox.requests().some((r) => r.path === PATH), 'nothing was sent without a slot')

      // The same profile without the URL: the call goes through (so the failure above was the URL's).
      store.save('fleet', sandbox.credential, { baseUrl: sandbox.baseUrl, overwrite: true })
      const plain = new sd.Client(null, { profile: 'fleet', rateLimit: 10, rateLimitStrict: true })
      assert.equal((await plain.request('GET', PATH)).status, 200)
    })
  } finally {
    sd.setLogger(null)
  }
  assert.ok(records.length > 0, 'the logger saw the calls')
  assert.ok(!JSON.stringify(records).includes(PASSWORD))
  fs.rmSync(dir, { recursive: true, force: true })
}))
