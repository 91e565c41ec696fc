'use strict'
// Runtime behaviour: the event loop keeps running during calls, calls overlap, an idle
// client lets the process exit, and worker threads can each use the addon.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { Worker } = require('node:worker_threads')
const { withSandbox, clientFor } = require('./helpers.js')

const CONTRACTS = '/api/v2.1/public/contracts/'
const PACKAGE = path.join(__dirname, '..')

/** Counts timer ticks while `work` runs. */
async function ticksDuring (work) {
  let ticks = 0
  const timer = setInterval(() => { ticks++ }, 10)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return ticks
}

test('timers keep firing during a slow request and a download', () => withSandbox({ pdfSize: 48 * 1024 * 1024 }, async (sandbox) => {
  const client = clientFor(sandbox)
  sandbox.inject({ path: CONTRACTS, fault: { kind: 'delay', millis: 600 } })
  const during = await ticksDuring(() => client.request('GET', CONTRACTS))
  assert.ok(during >= 10, `only ${during} ticks of 10 ms in a 600 ms request`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-loop-'))
  const started = Date.now()
  let progress = 0
  const downloading = await ticksDuring(() => client.contracts.download('T-1001', path.join(dir, 'f.pdf'), { onProgress: () => { progress++ } }))
  const elapsed = Date.now() - started
  assert.ok(downloading >= Math.min(5, elapsed / 40), `${downloading} ticks in a ${elapsed} ms download`)
  assert.ok(progress > 0)
  fs.rmSync(dir, { recursive: true, force: true })
}))

test('64 concurrent requests overlap', () => withSandbox(async (sandbox) => {
  const client = clientFor(sandbox)
  const delay = 400
  sandbox.inject({ path: CONTRACTS, times: 64, fault: { kind: 'delay', millis: delay } })
  const started = Date.now()
  const answers = await Promise.all(Array.from({ length: 64 }, () => client.request('GET', CONTRACTS, { query: { limit: 1 } })))
  const elapsed = Date.now() - started
  assert.equal(answers.length, 64)
  assert.ok(answers.every((r) => r.status === 200))
  // Sequentially this takes 64 x 400 ms = 25.6 s; overlapping, about one delay.
  assert.ok(elapsed < 64 * delay / 4, `64 requests took ${elapsed} ms`)
}))

test('a script that makes a request and ends exits promptly by itself', () => withSandbox(async (sandbox) => {
  const script = `
    const sd = require(${JSON.stringify(PACKAGE)})
    const client = new sd.Client(new sd.Credential({ clientId: process.env.ID, clientSecret: process.env.SECRET }), { baseUrl: process.env.URL, rateLimit: 0 })
    client.contracts.list({ limit: 1 }).then((page) => console.log('listed', page.results.length))
  `
  const demo = require('..').Credential
  assert.ok(demo)
  const started = Date.now()
  const run = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, ID: sandbox.credential.clientId, SECRET: 'sandbox-demo-client-secret', URL: sandbox.baseUrl },
    timeout: 60000,
    encoding: 'utf8'
  })
  const elapsed = Date.now() - started
  assert.equal(run.error, undefined, `the script did not exit by itself: ${run.error}`)
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /listed 1/)
  assert.ok(elapsed < 15000, `took ${elapsed} ms to exit`)
}))

test('worker threads each load the addon and make requests', () => withSandbox(async (sandbox) => {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const sd = require(workerData.pkg)
    const client = new sd.Client(new sd.Credential({ clientId: workerData.id, clientSecret: workerData.secret }), { baseUrl: workerData.url, rateLimit: 0 })
    Promise.all([client.contracts.list({ limit: 2 }), client.verify()])
      .then(([page, v]) => parentPort.postMessage({ n: page.results.length, url: v.baseUrl }))
      .catch((e) => parentPort.postMessage({ error: String(e) }))
  `
  const results = await Promise.all([0, 1, 2].map(() => new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { pkg: PACKAGE, id: sandbox.credential.clientId, secret: 'sandbox-demo-client-secret', url: sandbox.baseUrl } })
    worker.once('message', (m) => { resolve(m); worker.terminate() })
    worker.once('error', reject)
  })))
  for (const r of results) {
    assert.equal(r.error, undefined, r.error)
    assert.equal(r.n, 2)
    assert.equal(r.url, sandbox.baseUrl)
  }
  // The main thread still works after the workers are gone.
  assert.equal((await clientFor(sandbox).contracts.list({ limit: 1 })).results.length, 1)
}))
