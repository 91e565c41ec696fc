'use strict'
// Every error kind of core reaches JavaScript with its stable `.code` and its details.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const net = require('node:net')
const { sd, withSandbox, clientFor, rejection, thrown } = require('./helpers.js')

const CONTRACTS = '/api/v2.1/public/contracts/'
const seen = new Set()

function expectKind (error, code, Class = sd.SpotDraftError) {
  assert.ok(error instanceof Class, `${error && error.name}: ${error && error.message} is not a ${Class.name}`)
  assert.equal(error.code, code, error.message)
  seen.add(code)
  return error
}

async function fromStatus (sandbox, status, extra = {}) {
  sandbox.inject({ path: CONTRACTS, times: 10, fault: { kind: 'status', status, ...extra } })
  try {
    return await rejection(clientFor(sandbox, { maxAttempts: 1 }).request('GET', CONTRACTS))
  } finally {
    sandbox.clearFaults()
  }
}

test('every error kind', () => withSandbox(async (sandbox) => {
  const client = clientFor(sandbox)
  expectKind(thrown(() => new sd.Credential({ clientId: ' ', clientSecret: 'x' })), 'invalid_credential', TypeError)
  expectKind(await rejection(client.request('GET', 'https://elsewhere.example/api/')), 'invalid_argument', TypeError)
  const wrong = new sd.Credential({ clientId: sandbox.credential.clientId, clientSecret: 'not-the-secret' })
  const auth = expectKind(await rejection(clientFor(sandbox, {}, wrong).request('GET', CONTRACTS)), 'authentication')
  assert.equal(auth.status, 401)
  assert.equal(auth.retryable, false)
  assert.equal(auth.attempts, 1)
  assert.ok(typeof auth.hint === 'string' && auth.hint.length > 0)
  expectKind(await rejection(client.asUser('nobody@example.com').request('GET', CONTRACTS)), 'permission_denied')
  expectKind(await rejection(client.contracts.get('T-424242')), 'not_found')
  expectKind(await fromStatus(sandbox, 409), 'conflict')
  const rule = expectKind(await fromStatus(sandbox, 402, { body: { code: 'SD_CONTRACTS_00289', message: 'no', detail: 'no' } }), 'business_rule')
  assert.equal(rule.sdCode, 'SD_CONTRACTS_00289')
  const validation = expectKind(await rejection(client.request('GET', CONTRACTS, { query: { limit: 'abc' } })), 'validation')
  assert.deepEqual(Object.keys(validation.fieldErrors), ['limit'])
  assert.ok(Array.isArray(validation.fieldErrors.limit))
  const limited = expectKind(await fromStatus(sandbox, 429, { retry_after: '0' }), 'rate_limited')
  assert.equal(limited.retryable, true)
  const server = expectKind(await fromStatus(sandbox, 503), 'server')
  assert.equal(server.status, 503)
  expectKind(await fromStatus(sandbox, 501), 'not_enabled')
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'redirect', location: 'https://evil.example/' } })
  const redirect = expectKind(await rejection(client.request('GET', CONTRACTS)), 'redirect')
  assert.equal(redirect.location, 'https://evil.example/')
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'delay', millis: 3000 } })
  expectKind(await rejection(clientFor(sandbox, { maxAttempts: 1 }).request('GET', CONTRACTS, { timeoutMs: 200 })), 'timeout')
  sandbox.clearFaults()
  const port = await new Promise((resolve) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => { const p = server.address().port; server.close(() => resolve(p)) })
  })
  const refused = expectKind(await rejection(new sd.Client(sandbox.credential, { baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 1, rateLimit: 0 }).request('GET', CONTRACTS)), 'connection')
  assert.equal(refused.wasSent, false)
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'status', status: 200, body: { not: 'a page' } } })
  expectKind(await rejection(client.contracts.list()), 'decode')
  expectKind(await rejection(client.contracts.download('T-1001', path.join(os.tmpdir(), 'no-such-dir-sd', 'x', 'f.pdf'))), 'file')
  const open = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-store-'))
  fs.chmodSync(open, 0o777)
  expectKind(thrown(() => new sd.CredentialStore(open).list()), 'store')
  fs.rmSync(open, { recursive: true, force: true })
  const controller = new AbortController()
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'delay', millis: 3000 } })
  const pending = client.request('GET', CONTRACTS, { signal: controller.signal })
  setTimeout(() => controller.abort(), 50)
  const aborted = expectKind(await rejection(pending), 'cancelled')
  assert.equal(aborted.name, 'AbortError')
  assert.deepEqual([...seen].sort(), [...sd.errorCodes].sort(), 'every kind was produced')
}))

test('errors are plain to log and to test', () => withSandbox(async (sandbox) => {
  const error = await rejection(clientFor(sandbox).contracts.get('T-424242'))
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'SpotDraftError')
  assert.ok(error.stack.includes('SpotDraftError'))
  const json = JSON.parse(JSON.stringify(error))
  assert.equal(json.code, 'not_found')
  assert.equal(typeof error.retryable, 'boolean')
  assert.equal(typeof error.attempts, 'number')
}))
