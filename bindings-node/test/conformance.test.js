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

// The fields this runner knows, level by level: any other is refused, so a field added to
// a scenario cannot be silently skipped here.
const FIELDS = {
  scenario: ['name', 'description', 'credential', 'faults', 'client', 'before', 'request', 'expect'],
  credential: ['secret', 'user_email'],
  client: ['base_url', 'attempt_timeout_ms', 'total_timeout_ms', 'max_body_size'],
  before: ['method', 'path', 'query', 'body', 'wait_after_ms'],
  request: ['method', 'path', 'query', 'body'],
  expect: ['ok', 'status', 'error', 'attempts', 'requests_logged', 'retryable', 'code', 'field_errors',
    'message_contains', 'message_excludes', 'json_has', 'min_elapsed_ms', 'max_elapsed_ms']
}

/** Throws on a field this runner does not know, naming where it is. */
function checkFields (scenario) {
  const known = (where, object) => {
    const unknown = Object.keys(object || {}).filter((key) => !FIELDS[where].includes(key))
    assert.deepEqual(unknown, [], `${scenario.name}: unknown ${where} field(s) ${unknown.join(', ')}`)
  }
  known('scenario', scenario)
  for (const where of ['credential', 'client', 'request', 'expect']) known(where, scenario[where])
  for (const before of scenario.before || []) known('before', before)
}

test('a field the runner does not know is refused', () => {
  const cases = [
    ['scenario', { befor: [] }],
    ['client', { client: { baseurl: 'x' } }],
    ['before', { before: [{ method: 'GET', path: '/', wait_ms: 1 }] }],
    ['request', { request: { querry: {} } }],
    ['expect', { expect: { max_elapsed: 5 } }]
  ]
  for (const [where, extra] of cases) {
    assert.throws(() => checkFields({ name: 'n', request: {}, expect: {}, ...extra }), new RegExp(`unknown ${where} field`))
  }
})

for (const file of files) {
  const scenario = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))
  test(`conformance: ${scenario.name}`, () => withSandbox(async (sandbox) => {
    checkFields(scenario)
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
    const { method, path: reqPath, query, body } = scenario.request
    let started = performance.now()
    let response, error
    try {
      // A client the settings refuse is the outcome: nothing was sent.
      const client = clientFor(sandbox, clientSettings(scenario.client || {}), credential)
      for (const before of scenario.before || []) {
        await client.request(before.method, before.path, { query: before.query, json: before.body })
        await new Promise((resolve) => setTimeout(resolve, before.wait_after_ms || 0))
      }
      started = performance.now()
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
      // Only JSON answers are decoded: a download's PDF is a success too.
      if (expect.json_has !== undefined) {
        const json = response.json()
        for (const key of expect.json_has) assert.ok(key in json, `answer has no ${key}`)
      }
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
      for (const needle of expect.message_excludes || []) assert.ok(!error.message.includes(needle), `${error.message} has ${needle}`)
    }
    if (expect.requests_logged !== undefined) assert.equal(sandbox.requests().length, expect.requests_logged)
    if (expect.min_elapsed_ms !== undefined) assert.ok(elapsed >= expect.min_elapsed_ms, `took ${elapsed} ms`)
    if (expect.max_elapsed_ms !== undefined) assert.ok(elapsed <= expect.max_elapsed_ms, `took ${elapsed} ms`)
  }))
}

/** A scenario's `client` block in this binding's terms (milliseconds, camelCase). */
function clientSettings (spec) {
  const settings = {}
  if (spec.base_url !== undefined) settings.baseUrl = spec.base_url
  if (spec.attempt_timeout_ms !== undefined) settings.attemptTimeoutMs = spec.attempt_timeout_ms
  if (spec.total_timeout_ms !== undefined) settings.timeoutMs = spec.total_timeout_ms
  if (spec.max_body_size !== undefined) settings.maxBodySize = spec.max_body_size
  return settings
}
