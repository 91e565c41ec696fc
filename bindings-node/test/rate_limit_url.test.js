'use strict'
// rateLimitUrl / rateLimitStrict: the fleet-wide (Redis) rate limit option reaches core, and
// the Redis password never shows in errors, inspect or log records.

const test = require('node:test')
const assert = require('node:assert/strict')
const net = require('node:net')
const util = require('node:util')
const { sd, withSandbox, clientFor, rejection, thrown } = require('./helpers.js')

const PASSWORD = 'node-redis-pw-24680'
const PATH = '/api/v2.1/public/contract_types/'

/** A Redis URL on a loopback port where nothing listens. */
async function unreachableRedis () {
  const server = net.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return `redis://:${PASSWORD}@127.0.0.1:${port}`
}

test('strict: a connection error naming the limiter, without the password', () => withSandbox(async (sandbox) => {
  const client = clientFor(sandbox, { rateLimit: 10, rateLimitUrl: await unreachableRedis(), rateLimitStrict: true })
  const error = await rejection(client.request('GET', PATH))
  assert.equal(error.code, 'connection', error.message)
  assert.match(error.message, /shared rate limiter at redis:\/\/:\*\*\*\*@127\.0\.0\.1/)
  for (const text of [error.message, util.inspect(error), JSON.stringify(error), util.inspect(client)]) {
    assert.ok(!text.includes(PASSWORD), text)
  }
  assert.ok(!sandbox.requests().some((r) => r.path === PATH), 'nothing was sent without a slot')
}))

test('fallback: calls keep working and one warning is logged, without the password', () => withSandbox(async (sandbox) => {
  const records = []
  sd.setLogger((record) => records.push(record), { level: 'info' })
  try {
    const client = clientFor(sandbox, { rateLimit: 10, rateLimitUrl: await unreachableRedis() })
    for (let i = 0; i < 3; i++) await client.request('GET', PATH)
    await new Promise((resolve) => setTimeout(resolve, 50))
  } finally {
    sd.setLogger(null)
  }
  const warnings = records.filter((r) => r.level === 'warn' && /is unavailable/.test(r.message))
  assert.equal(warnings.length, 1, JSON.stringify(records))
  assert.ok(!JSON.stringify(records).includes(PASSWORD))
}))

test('a bad URL or a wrong type is refused up front', () => withSandbox(async (sandbox) => {
  const error = thrown(() => clientFor(sandbox, { rateLimit: 10, rateLimitUrl: `http://:${PASSWORD}@127.0.0.1:6379` }))
  assert.equal(error.code, 'invalid_argument', error.message)
  assert.match(error.message, /redis:\/\//)
  assert.ok(!error.message.includes(PASSWORD) && !util.inspect(error).includes(PASSWORD))
  assert.throws(() => clientFor(sandbox, { rateLimitStrict: 'yes' }), /rateLimitStrict must be a boolean/)
}))
