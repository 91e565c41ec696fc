'use strict'
// The README's quickstart runs as written.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

test('the README quickstart runs', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
  const code = readme.match(/```js\n([\s\S]*?)```/)[1]
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-readme-'))
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'))
    fs.symlinkSync(path.join(__dirname, '..'), path.join(dir, 'node_modules', 'spotdraft'))
    fs.writeFileSync(path.join(dir, 'quickstart.js'), code)
    const out = execFileSync(process.execPath, ['quickstart.js'], { cwd: dir, timeout: 60000 }).toString()
    assert.match(out, /EXECUTED|^[TH]-\d+ /m)
    assert.match(out, /not_found \(HTTP 404\)/)
    assert.ok(fs.statSync(path.join(dir, 'nda.pdf')).size > 0)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
