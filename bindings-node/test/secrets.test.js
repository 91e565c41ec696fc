'use strict'
// A canary secret never appears in any inspect, JSON, string, key list, error or stack.

const test = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')
const { sd, CANARY, withSandbox, clientFor, rejection, thrown } = require('./helpers.js')

function views (value) {
  return [
    util.inspect(value),
    util.inspect(value, { showHidden: true, depth: Infinity, getters: true }),
    util.format('%o %O %s %j', value, value, value, value),
    JSON.stringify(value) ?? '',
    JSON.stringify({ nested: value }) ?? '',
    String(value),
    `${value && value.message} ${value && value.stack}`,
    Object.keys(value ?? {}).join(','),
    Reflect.ownKeys(value ?? {}).map(String).join(','),
    Object.values(value ?? {}).map((v) => util.inspect(v)).join(',')
  ]
}

function assertClean (value, what) {
  for (const text of views(value)) {
    assert.ok(!text.includes(CANARY), `${what} shows the secret: ${text.slice(0, 300)}`)
  }
}

test('a credential never shows its secret', () => {
  const credential = new sd.Credential({ clientId: 'canary-id', clientSecret: CANARY, name: 'prod' })
  assertClean(credential, 'credential')
  assert.deepEqual(Object.keys(credential), [])
  assert.equal(String(credential), 'Credential(canary-id)')
  assert.deepEqual(JSON.parse(JSON.stringify(credential)), { clientId: 'canary-id', userEmail: null, name: 'prod', description: null })
  const client = new sd.Client(credential, { region: 'eu' })
  assertClean(client, 'client')
  assertClean(client.contracts, 'client.contracts')
  assertClean(client.asUser('ops@acme.com'), 'asUser client')
})

test('errors never show the secret', () => withSandbox({ clientSecret: CANARY }, async (sandbox) => {
  assertClean(sandbox, 'sandbox')
  assertClean(sandbox.credential, 'sandbox credential')
  const client = clientFor(sandbox)
  const errors = []
  // A wrong secret that contains the canary, and a right one in every failure mode.
  const wrong = new sd.Credential({ clientId: sandbox.credential.clientId, clientSecret: `${CANARY}-wrong` })
  errors.push(await rejection(clientFor(sandbox, {}, wrong).verify()))
  errors.push(await rejection(clientFor(sandbox, {}, wrong).request('GET', '/api/v2.1/public/contracts/')))
  errors.push(await rejection(client.request('GET', `/api/v2.1/public/${CANARY}/`)))
  errors.push(await rejection(client.request('GET', `https://elsewhere.example/${CANARY}`)))
  errors.push(await rejection(client.contracts.get(`T-${CANARY}`)))
  errors.push(await rejection(client.call('contracts.status', { composite_id: CANARY })))
  sandbox.inject({ path: '/api/v2.1/public/contracts/', fault: { kind: 'status', status: 400, body: { detail: `echo ${CANARY}`, [CANARY]: [CANARY] } } })
  errors.push(await rejection(client.request('GET', '/api/v2.1/public/contracts/')))
  sandbox.inject({ path: '/api/v2.1/public/contracts/', fault: { kind: 'redirect', location: `https://evil.example/?s=${CANARY}` } })
  errors.push(await rejection(client.request('GET', '/api/v2.1/public/contracts/')))
  errors.push(thrown(() => new sd.Credential({ clientId: 'x', clientSecret: `${CANARY}\n` })))
  errors.push(thrown(() => new sd.Credential({ clientId: 'x', clientSecret: `${CANARY} x` })))
  for (const error of errors) {
    assert.ok(error instanceof Error)
    assertClean(error, `${error.code} error`)
  }
  // Paths above carry the canary on purpose; everything else the sandbox logged must not.
  for (const logged of sandbox.requests()) assertClean({ ...logged, path: '', query: '' }, 'request log entry')
}))
