'use strict'
// Sandbox: what users test their own services with.

const test = require('node:test')
const assert = require('node:assert/strict')
const { sd, clientFor, rejection, thrown } = require('./helpers.js')

test('start, credential, faults, request log, rate limit, close', async () => {
  const sandbox = await sd.Sandbox.start({ rateLimit: true, clientId: 'my-id', clientSecret: 'my-secret-value', userEmails: ['qa@acme.test'] })
  assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.equal(sandbox.credential.clientId, 'my-id')
  const client = clientFor(sandbox, { maxAttempts: 1 })
  await client.asUser('qa@acme.test').verify()

  sandbox.inject({ path: '/api/v2.1/public/contract_types/', method: 'GET', times: 1, fault: { kind: 'status', status: 503 } })
  assert.equal((await rejection(client.contractTypes.list())).code, 'server')
  assert.equal((await client.contractTypes.list()).length > 0, true)
  sandbox.inject({ path: '*', times: 5, fault: { kind: 'status', status: 500 } })
  sandbox.clearFaults()
  await client.contractTypes.list()
  const log = sandbox.requests()
  assert.ok(log.length >= 3)
  assert.equal(log[1].status, 503)
  assert.equal(log[1].fault, 'status:503')
  sandbox.clearRequests()
  assert.deepEqual(sandbox.requests(), [])
  assert.ok(thrown(() => sandbox.inject({ path: '*', fault: { kind: 'nonsense' } })) instanceof TypeError)

  // The sandbox's own 10/s window answers 429 to a burst the client limiter lets through.
  const burst = await Promise.allSettled(Array.from({ length: 25 }, () => client.contractTypes.list()))
  const limited = burst.filter((r) => r.status === 'rejected')
  assert.ok(limited.length > 0, 'some of 25 immediate requests were over the limit')
  assert.ok(limited.every((r) => r.reason.code === 'rate_limited' && r.reason.retryable === true))
  sandbox.setRateLimit(false)
  const free = await Promise.allSettled(Array.from({ length: 25 }, () => client.contractTypes.list()))
  assert.ok(free.every((r) => r.status === 'fulfilled'))
  const counts = sandbox.connectionCounts()
  assert.ok(counts.opened >= 1 && counts.closed <= counts.opened)

  await sandbox.close()
  await sandbox.close()
  assert.equal((await rejection(client.contractTypes.list())).code, 'connection')
  assert.ok(thrown(() => sandbox.requests()) instanceof TypeError)
  assert.ok(thrown(() => new sd.Sandbox()) instanceof TypeError)
})

test('the client limiter keeps a burst under the sandbox limit', async () => {
  const sandbox = await sd.Sandbox.start()
  try {
    const client = new sd.Client(sandbox.credential, { baseUrl: sandbox.baseUrl, maxAttempts: 1 })
    const started = Date.now()
    await Promise.all(Array.from({ length: 15 }, () => client.contractTypes.list()))
    assert.ok(Date.now() - started >= 400, 'fifteen requests at 10/s take at least half a second')
    assert.ok(sandbox.requests().every((r) => r.status === 200))
  } finally {
    await sandbox.close()
  }
})
