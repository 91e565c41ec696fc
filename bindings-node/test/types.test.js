'use strict'
// The TypeScript face: the generated addon declarations have not drifted from the Rust
// source, the public declarations cover every export, and a file using the whole API
// type-checks with `tsc --noEmit --strict`.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

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

test('index.d.ts declares every export, and nothing that is not exported', () => {
  const dts = fs.readFileSync(path.join(PKG, 'index.d.ts'), 'utf8')
  const declared = new Set([...dts.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]))
  const exported = new Set(Object.keys(require('..')).filter((k) => k !== 'default'))
  assert.deepEqual([...declared].sort(), [...exported].sort())
  const codes = [...dts.matchAll(/^ {2}\| '(\w+)'/gm)].map((m) => m[1])
  assert.deepEqual(codes, [...require('..').errorCodes], 'ErrorCode lists core kinds in order')
  // Every method of the runtime classes is declared on the class of the same name.
  const sd = require('..')
  for (const name of ['Client', 'Credential', 'Filters', 'CredentialStore', 'Sandbox', 'Response']) {
    const body = dts.slice(dts.indexOf(`export declare class ${name} `))
    const decl = body.slice(0, body.indexOf('\n}'))
    for (const method of Object.getOwnPropertyNames(sd[name].prototype)) {
      if (method === 'constructor') continue
      assert.match(decl, new RegExp(`\\b${method}\\b`), `${name}.${method} is not declared`)
    }
  }
})

test('a TypeScript file using the whole API type-checks with --strict', () => {
  execFileSync(bin('tsc'), ['--noEmit', '--strict', '-p', path.join(__dirname, 'types', 'tsconfig.json')], { stdio: 'pipe' })
})
