'use strict'
// AbortSignal: aborting cancels the in-flight request (the sandbox sees its connection
// closed) and rejects with an AbortError-compatible error.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { sd, withSandbox, clientFor, rejection } = require('./helpers.js')

const CONTRACTS = '/api/v2.1/public/contracts/'

async function until (check, what, ms = 10000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

test('aborting a request closes its connection and rejects with AbortError', () => withSandbox(async (sandbox) => {
  const client = clientFor(sandbox)
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'delay', millis: 20000 } })
  const controller = new AbortController()
  const started = Date.now()
  const pending = client.request('GET', CONTRACTS, { signal: controller.signal })
  await until(() => sandbox.connectionCounts().opened >= 1 && sandbox.requests().length >= 0, 'the connection')
  await new Promise((resolve) => setTimeout(resolve, 100))
  const reason = new Error('user went away')
  controller.abort(reason)
  const error = await rejection(pending)
  assert.equal(error.name, 'AbortError')
  assert.equal(error.code, 'cancelled')
  assert.ok(error instanceof sd.SpotDraftError)
  assert.equal(error.cause, reason)
  assert.ok(Date.now() - started < 10000, 'rejected promptly, not after the delay')
  await until(() => { const c = sandbox.connectionCounts(); return c.closed >= c.opened }, 'the sandbox to see the connection closed')
}))

test('an already aborted signal sends nothing', () => withSandbox(async (sandbox) => {
  const client = clientFor(sandbox)
  const error = await rejection(client.contracts.list({ signal: AbortSignal.abort() }))
  assert.equal(error.name, 'AbortError')
  assert.equal(sandbox.requests().length, 0)
  assert.equal(sandbox.connectionCounts().opened, 0)
  const badSignal = await rejection(client.request('GET', CONTRACTS, { signal: 'nope' }))
  assert.ok(badSignal instanceof TypeError)
}))

// The download is large so that it is still running when the first progress report reaches
// JavaScript and aborts it, however slow the event loop is on a busy machine.
test('every kind of call takes a signal', () => withSandbox({ pdfSize: 256 * 1024 * 1024 }, async (sandbox) => {
  const client = clientFor(sandbox)
  for (const call of [
    (signal) => client.verify({ signal }),
    (signal) => client.call('contracts.list', {}, { signal }),
    (signal) => client.contracts.status('T-1001', { signal }),
    (signal) => client.templates.list({ signal }),
    (signal) => client.users.list({ signal })
  ]) {
    sandbox.inject({ path: '*', fault: { kind: 'delay', millis: 20000 } })
    const controller = new AbortController()
    const pending = call(controller.signal)
    setTimeout(() => controller.abort(), 50)
    assert.equal((await rejection(pending)).name, 'AbortError')
    sandbox.clearFaults()
  }
  // Paging: the loop ends with AbortError.
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'delay', millis: 20000 } })
  const controller = new AbortController()
  setTimeout(() => controller.abort(), 50)
  const loop = (async () => { for await (const c of client.paginate('contracts', { signal: controller.signal })) assert.ok(c) })()
  assert.equal((await rejection(loop)).name, 'AbortError')
  sandbox.clearFaults()
  // A download stopped midway leaves no file behind.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-abort-'))
  const target = path.join(dir, 'big.pdf')
  const download = new AbortController()
  const pending = client.contracts.download('T-1001', target, {
    signal: download.signal,
    onProgress: () => download.abort()
  })
  const error = await rejection(pending)
  assert.equal(error.name, 'AbortError')
  assert.equal(fs.existsSync(target), false)
  assert.deepEqual(fs.readdirSync(dir), [], 'no partial file is left')
  fs.rmSync(dir, { recursive: true, force: true })
}))
