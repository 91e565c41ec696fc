'use strict'
// setLogger: core's records reach JavaScript, at the chosen level, without the secret.

const test = require('node:test')
const assert = require('node:assert/strict')
const { sd, CANARY, withSandbox, clientFor, rejection, thrown } = require('./helpers.js')

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

test('core log records reach the logger, never with the secret', () => withSandbox({ clientSecret: CANARY }, async (sandbox) => {
  const records = []
  sd.setLogger((record) => records.push(record), { level: 'debug' })
  try {
    const client = clientFor(sandbox)
    sandbox.inject({ path: '/api/v2.1/public/contracts/', times: 1, fault: { kind: 'status', status: 503 } })
    await client.request('GET', '/api/v2.1/public/contracts/')
    const wrong = new sd.Credential({ clientId: sandbox.credential.clientId, clientSecret: `${CANARY}x` })
    await rejection(clientFor(sandbox, {}, wrong).verify())
    await settle()
    assert.ok(records.length > 0, 'records arrived')
    assert.ok(records.some((r) => r.level === 'info' && /retrying/.test(r.message)), JSON.stringify(records.slice(0, 5)))
    assert.ok(records.some((r) => r.level === 'debug'))
    assert.ok(records.every((r) => typeof r.target === 'string' && typeof r.message === 'string'))
    assert.ok(!JSON.stringify(records).includes(CANARY), 'no secret in the log')

    records.length = 0
    sd.setLogger((record) => records.push(record), { level: 'warn' })
    await client.request('GET', '/api/v2.1/public/contracts/')
    await settle()
    assert.ok(records.every((r) => r.level === 'warn' || r.level === 'error'))

    sd.setLogger(null)
    sd.setLogger(() => { throw new Error('a broken logger') }, { level: 'debug' })
    await client.request('GET', '/api/v2.1/public/contracts/')
    await settle()
  } finally {
    sd.setLogger(null)
  }
  records.length = 0
  await clientFor(sandbox).request('GET', '/api/v2.1/public/contracts/')
  await settle()
  assert.equal(records.length, 0, 'nothing after setLogger(null)')
  assert.ok(thrown(() => sd.setLogger('nope')) instanceof TypeError)
  assert.ok(thrown(() => sd.setLogger(() => {}, { level: 'loud' })) instanceof TypeError)
}))
