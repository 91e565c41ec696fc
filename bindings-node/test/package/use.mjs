// Run from a scratch project where the packed tarball was installed: `import` works.
import assert from 'node:assert/strict'
import { Client, Sandbox } from 'spotdraft'
import spotdraft from 'spotdraft'

const sandbox = await Sandbox.start({ rateLimit: false })
try {
  const client = new Client(sandbox.credential, { baseUrl: sandbox.baseUrl, rateLimit: 0 })
  let n = 0
  for await (const contract of client.paginate('contracts', { pageSize: 25 })) {
    assert.ok(contract.id)
    n += 1
  }
  assert.ok(n > 0)
  assert.equal(spotdraft.Client, Client)
  console.log(`import: ${n} contracts`)
} finally {
  await sandbox.close()
}
