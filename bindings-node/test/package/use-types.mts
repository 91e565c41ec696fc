// Type-checked in a scratch project where the packed tarball was installed: the
// declarations ship and resolve for `import` (ESM) consumers.
import { Client, Sandbox, type Contract, type Page } from 'spotdraft'
import spotdraft from 'spotdraft'

const sandbox: Sandbox = await Sandbox.start({ rateLimit: false })
const client = new Client(sandbox.credential, { baseUrl: sandbox.baseUrl })
const page: Page<Contract> = await client.contracts.list({ limit: 1 })
const same: typeof Client = spotdraft.Client
void [page, same]
await sandbox.close()
