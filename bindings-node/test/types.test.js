'use strict'
// The TypeScript face: the generated declarations have not drifted (native.d.ts from the
// Rust source, index.d.ts and lib/*.d.ts from the JavaScript's JSDoc, which tsc checks with
// --strict while generating them), and a file using the whole API type-checks with
// `tsc --noEmit --strict`.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { generate, committed } = require('../scripts/types.js')

const PKG = path.join(__dirname, '..')
const bin = (name) => path.join(PKG, 'node_modules', '.bin', name)

test('native.d.ts and native.js are what napi generates from the Rust source', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-napi-'))
  try {
    execFileSync(bin('napi'), ['build', '--platform', '--output-dir', out, '--js', 'native.js', '--dts', 'native.d.ts'], {
      cwd: PKG,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CARGO_BUILD_TARGET: process.env.CARGO_BUILD_TARGET || hostTriple() }
    })
    for (const file of ['native.d.ts', 'native.js']) {
      const fresh = fs.readFileSync(path.join(out, file), 'utf8')
      const committed = fs.readFileSync(path.join(PKG, file), 'utf8')
      assert.equal(committed, fresh, `${file} drifted: run \`npm run build\` in bindings-node and commit it`)
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
})

function hostTriple () {
  return execFileSync('rustc', ['-vV']).toString().match(/^host: (.+)$/m)[1]
}

test('index.d.ts and lib/*.d.ts are what `npm run types` generates from the JSDoc', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-types-'))
  try {
    const fresh = generate(out).sort()
    const kept = committed()
    assert.deepEqual(kept, fresh, 'the committed declaration files are not the generated set: run `npm run types` in bindings-node and commit them')
    for (const file of fresh) {
      const now = fs.readFileSync(path.join(out, file), 'utf8')
      const was = fs.readFileSync(path.join(PKG, file), 'utf8')
      assert.equal(was, now, `${file} drifted from the JSDoc: run \`npm run types\` in bindings-node and commit it`)
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
})

test('the ErrorCode type lists core kinds in order', () => {
  // The union is spelled out in lib/errors.js; core is the source of truth.
  const dts = fs.readFileSync(path.join(PKG, 'lib', 'errors.d.ts'), 'utf8')
  const union = dts.match(/^export type ErrorCode = (.+);$/m)
  assert.ok(union, 'lib/errors.d.ts declares ErrorCode')
  const codes = [...union[1].matchAll(/"(\w+)"/g)].map((m) => m[1])
  assert.deepEqual(codes, [...require('../native.js').errorKinds()])
  assert.deepEqual(codes, [...require('..').errorCodes])
})

test('index.d.ts exports every runtime export', () => {
  const dts = fs.readFileSync(path.join(PKG, 'index.d.ts'), 'utf8')
  const values = dts.slice(dts.indexOf('declare namespace _exports {\n    export { Client }'))
  const declared = new Set([...values.matchAll(/^ {4}export \{ (\w+) \};$/gm)].map((m) => m[1]))
  const exported = new Set(Object.keys(require('..')).filter((k) => k !== 'default'))
  assert.deepEqual([...declared].sort(), [...exported].sort())
  // `default` (spelled out in index.js) has the same members.
  const sd = require('..')
  assert.deepEqual(Object.keys(sd.default).sort(), [...exported].sort())
  for (const name of exported) assert.equal(sd.default[name], sd[name], `default.${name}`)
})

test('a TypeScript file using the whole API type-checks with --strict', () => {
  try {
    execFileSync(bin('tsc'), ['--noEmit', '--strict', '-p', path.join(__dirname, 'types', 'tsconfig.json')], { stdio: 'pipe' })
  } catch (error) {
    assert.fail(`tsc refused test/types/usage.ts:\n${error.stdout}${error.stderr}`)
  }
})
