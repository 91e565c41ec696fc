'use strict'
// Every scenario in tests/conformance/, run through `client.request` against the sandbox.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { sd, withSandbox, clientFor } = require('./helpers.js')

const DIR = path.join(__dirname, '..', '..', 'tests', 'conformance')
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()

test('the scenarios are there', () => {
  assert.ok(files.length >= 17, `only ${files.length} scenarios in ${DIR}`)
})

for (const file of files) {
  const scenario = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))
  test(`conformance: ${scenario.name}`, () => withSandbox(async (sandbox) => {
    for (const rule of scenario.faults || []) sandbox.inject(rule)
    const spec = scenario.credential || {}
    const demo = sandbox.credential
    let secret
    if (spec.secret === undefined || spec.secret === 'demo') secret = null
    else if (spec.secret === 'wrong') secret = 'wrong-secret-for-conformance'
    else throw new Error(`unknown credential.secret ${spec.secret}`)
    const credential = secret === null && spec.user_email === undefined
      ? demo
      : new sd.Credential({ clientId: demo.clientId, clientSecret: secret ?? 'sandbox-demo-client-secret', userEmail: spec.user_email })
    const client = clientFor(sandbox, clientSettings(scenario.client || {}), credential)
    const { method, path: reqPath, query, body } = scenario.request
    const started = performance.now()
    let response, error
    try {
      response = await client.request(method, reqPath, { query, json: body })
    } catch (e) {
      error = e
    }
    const elapsed = performance.now() - started
    const expect = scenario.expect
    if (expect.ok) {
      assert.equal(error, undefined, `expected success, got ${error}`)
      if (expect.status !== undefined) assert.equal(response.status, expect.status)
      if (expect.attempts !== undefined) assert.equal(response.attempts, expect.attempts)
      const json = response.json()
      for (const key of expect.json_has || []) assert.ok(key in json, `answer has no ${key}`)
    } else {
      assert.ok(error, `expected ${expect.error}, got HTTP ${response && response.status}`)
      const text = `${error.message} ${error.stack} ${JSON.stringify(error)}`
      assert.ok(!text.includes('sandbox-demo-client-secret') && !text.includes('wrong-secret-for-conformance'), 'secret in error')
      if (expect.error !== undefined) assert.equal(error.code, expect.error, error.message)
      if (['invalid_argument', 'invalid_credential'].includes(expect.error)) {
        assert.ok(error instanceof TypeError || error instanceof RangeError)
      } else {
        assert.ok(error instanceof sd.SpotDraftError, `${error}`)
      }
      if (expect.status !== undefined) assert.equal(error.status, expect.status)
      if (expect.attempts !== undefined) assert.equal(error.attempts, expect.attempts)
      if (expect.retryable !== undefined) assert.equal(error.retryable, expect.retryable)
      if (expect.code !== undefined) assert.equal(error.sdCode, expect.code)
      for (const field of expect.field_errors || []) assert.ok(field in error.fieldErrors, `no field error for ${field}`)
      for (const needle of expect.message_contains || []) assert.ok(error.message.includes(needle), `${error.message} lacks ${needle}`)
    }
    if (expect.requests_logged !== undefined) assert.equal(sandbox.requests().length, expect.requests_logged)
    if (expect.min_elapsed_ms !== undefined) assert.ok(elapsed >= expect.min_elapsed_ms, `took ${elapsed} ms`)
  }))
}

/** A scenario's `client` block in this binding's terms (milliseconds, camelCase). */
function clientSettings (spec) {
  const known = ['attempt_timeout_ms', 'total_timeout_ms', 'max_body_size']
  for (const key of Object.keys(spec)) assert.ok(known.includes(key), `unknown client setting ${key}`)
  const settings = {}
  if (spec.attempt_timeout_ms !== undefined) settings.attemptTimeoutMs = spec.attempt_timeout_ms
  if (spec.total_timeout_ms !== undefined) settings.timeoutMs = spec.total_timeout_ms
  if (spec.max_body_size !== undefined) settings.maxBodySize = spec.max_body_size
  return settings
}
