// Run from a scratch project where the packed tarball was installed: `require` works.
const assert = require('node:assert/strict')
const { Client, Sandbox, SpotDraftError } = require('spotdraft')

async function main () {
  const sandbox = await Sandbox.start({ rateLimit: false })
  try {
    const client = new Client(sandbox.credential, { baseUrl: sandbox.baseUrl, rateLimit: 0 })
    const page = await client.contracts.list({ limit: 5 })
    assert.equal(page.results.length, 5)
    assert.equal(typeof SpotDraftError, 'function')
    assert.ok(require.resolve('spotdraft').includes('node_modules'))
    console.log(`require: ${page.totalResults} contracts`)
  } finally {
    await sandbox.close()
  }
}
main().catch((error) => { console.error(error); process.exit(1) })
