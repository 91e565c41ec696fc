// Type-checked in a scratch project where the packed tarball was installed: the
// declarations ship and resolve for `require` (CommonJS) consumers.
import sd = require('spotdraft')

export async function main (): Promise<void> {
  const sandbox: sd.Sandbox = await sd.Sandbox.start({ rateLimit: false })
  const client = new sd.Client(sandbox.credential, { baseUrl: sandbox.baseUrl })
  const page: sd.Page<sd.Contract> = await client.contracts.list({ limit: 1 })
  const code: sd.ErrorCode = 'not_found'
  void [page, code, sd.default.version]
  await sandbox.close()
}
