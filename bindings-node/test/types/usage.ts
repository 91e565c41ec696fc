// Uses the whole public API; `tsc --noEmit --strict` must accept it (test/types.test.js).
import {
  AbortError, Client, Credential, CredentialStore, Filters, Response, Sandbox, SpotDraftError,
  errorCodes, operations, setLogger, signWebhook, verifyWebhook, webhookHeaderName, version,
  type Contract, type ErrorCode, type Page, type Verification, type DownloadInfo, type FaultRule
} from 'spotdraft'
import spotdraft from 'spotdraft'

export async function everything (): Promise<void> {
  const sandbox: Sandbox = await Sandbox.start({ rateLimit: false, pdfSize: 1024, userEmails: ['a@b.co'] })
  const credential = new Credential({ clientId: 'id', clientSecret: 'secret', userEmail: 'ops@acme.com', name: 'n', description: 'd' })
  const id: string = credential.clientId
  const email: string | null = credential.userEmail
  const client = new Client(sandbox.credential, {
    baseUrl: sandbox.baseUrl, timeoutMs: 1000, connectTimeoutMs: 100, attemptTimeoutMs: 500, maxAttempts: 2,
    rateLimit: 0, userAgentSuffix: 'x', maxBodySize: 1 << 20, retryBackoffMs: 5, maxRetryBackoffMs: 40, maxRetryAfterMs: 1000
  })
  new Client(null, { profile: 'prod' })
  new Client(credential, { region: 'eu' })
  const controller = new AbortController()
  const signal = controller.signal
  const v: Verification = await client.verify({ signal })
  const r: Response = await client.request('POST', '/api/v2.1/public/contracts/', { query: { a: 1, b: ['x', 'y'] }, json: { x: 1 }, timeoutMs: 100, signal })
  const status: number = r.status
  const body = r.json<{ results: Contract[] }>()
  const text: string = r.text()
  const bytes: Buffer = r.bytes()
  const header: string | undefined = r.headers['content-type']
  const called = await client.call('contracts.status', { composite_id: 'T-1' }, { body: { x: 1 }, signal })
  const other: Client = client.asUser('ops@acme.com')

  const page: Page<Contract> = await client.contracts.list({ query: 'nda', filters: new Filters().eq('display_status', 'EXECUTED').in('contract_type_id', [1, 2]).gte('created_at', new Date()).custom('region', 'EU'), page: 1, limit: 20, signal })
  const first: Contract | undefined = page.results[0]
  const unknownField: unknown = first?.['some_new_field']
  for await (const contract of client.contracts.listAll({ filters: { display_status: 'EXECUTED' }, pageSize: 50, signal })) {
    const cid: string | number = contract.id
    void cid
  }
  for await (const c of client.paginate('contracts', { pageSize: 10 })) void c.contract_name
  for await (const c of client.paginate('counterparties')) void c.custom_fields
  for await (const u of client.paginate('users', { email: 'a@b.co' })) void u.email
  for await (const p of client.paginate('/api/v2.1/public/contracts/', { pages: true })) void p.totalResults
  for await (const item of client.paginate<{ id: number }>('/api/v2.1/public/contracts/')) void item.id
  const one: Contract = await client.contracts.get('T-1001', { signal })
  await client.contracts.create({ contract_template_id: 1, contract_data: { a: 1 }, counter_party_details: [] })
  const st = await client.contracts.status(1001)
  void st.contract_status
  await client.contracts.void('T-1', 'note', { signal })
  await client.contracts.markForExecution('T-1', { affixStampDocuments: true })
  await client.contracts.unmarkForExecution('T-1', { note: 'n' })
  const info: DownloadInfo = await client.contracts.download('T-1', '/tmp/x.pdf', { overwrite: true, signal, onProgress: (p) => { const t: number | null = p.total; void t; void p.bytes } })
  const link = await client.contracts.downloadLink('T-1', { format: 'DOCX' })
  void link.url
  const kps = await client.contracts.keyPointers('T-1')
  await client.contracts.updateKeyPointers('T-1', [{ fieldName: kps[0]?.field_name ?? 'x', value: 1 }, { id: 3, value: 'v' }])
  await client.contracts.setExternalMetadata('T-1', { id: 'opp', integration_name: 'Salesforce' })
  await client.contracts.externalMetadata('T-1')
  const linked: Contract[] = await client.contracts.byExternalMetadata('opp')
  const comments = await client.contracts.comments('T-1', { page: 1, limit: 10 })
  void comments.results[0]?.comment
  for await (const c of client.contracts.allComments('T-1')) void c.replies
  await client.contracts.addComment('T-1', 'hi')
  const templates = await client.templates.list({ tags: ['a'], includeArchived: true })
  await client.templates.get(templates[0]?.id ?? 1)
  await client.templates.metadata(1)
  const found = await client.templates.findByName('NDA')
  void found?.name
  const types = await client.contractTypes.list()
  void types[0]?.name
  const cps = await client.counterparties.list({ filters: { region: 'EU' }, limit: 5 })
  await client.counterparties.get(cps.results[0]?.id ?? 1)
  const made = await client.counterparties.create({ is_individual: false, organization_name: 'Acme' })
  await client.counterparties.update(made.id, { name: 'Acme 2' })
  for await (const c of client.counterparties.listAll({ pageSize: 5 })) void c.contacts
  const users = await client.users.list({ email: 'a@b.co', limit: 5 })
  for await (const u of client.users.listAll({ name: 'a' })) void u.roles
  const roles = await client.roles.list()
  void roles[0]?.description
  const hook = await client.webhooks.create({ title: 't', url: 'https://x', onlyForActivities: ['CONTRACT_EXECUTED'], customHeaders: { a: 'b' } })
  const key: string = await client.webhooks.hmacKey()
  client.webhooks.verify(Buffer.from('{}'), signWebhook('{}', key), key)
  verifyWebhook(new Uint8Array(2), 'sig', key, { kind: 'callbackSecret' })
  const headerName: string = webhookHeaderName(key)
  await client.webhooks.delete(hook.id ?? 0)

  const rule: FaultRule = { path: '*', method: 'GET', times: 2, fault: { kind: 'status', status: 503, retry_after: '1' } }
  sandbox.inject(rule)
  sandbox.inject({ path: '*', fault: { kind: 'delay', millis: 10 } })
  sandbox.clearFaults()
  const logged = sandbox.requests()
  sandbox.clearRequests()
  const counts: { opened: number, closed: number } = sandbox.connectionCounts()
  sandbox.setRateLimit(true)
  await sandbox.close()

  const store = new CredentialStore('/tmp/store')
  store.save('prod', credential, { region: 'eu', rateLimitUrl: 'redis://redis.internal:6379', overwrite: true })
  const profiles = store.list()
  const profile = store.get('prod')
  const sharedLimiter: string | null = profile.rateLimitUrl
  new Client(profile.credential, { baseUrl: profile.endpoint })
  store.rename('prod', 'p2')
  store.setDefault('p2')
  const def: string | null = store.defaultName()
  store.rotateSecret('p2', 's')
  store.remove('p2')

  try {
    await client.contracts.get('T-0')
  } catch (error) {
    if (error instanceof AbortError) {
      const name: 'AbortError' = error.name
      void name
    } else if (error instanceof SpotDraftError) {
      const code: ErrorCode = error.code
      const details = [error.status, error.sdCode, error.fieldErrors, error.attempts, error.retryable, error.hint, error.requestId, error.location, error.wasSent]
      void code; void details
    } else if (error instanceof TypeError || error instanceof RangeError) {
      void (error as TypeError & { code?: string }).code
    }
  }
  setLogger((record) => console.log(record.level, record.target, record.message), { level: 'debug' })
  setLogger(null)
  const codes: readonly ErrorCode[] = errorCodes
  const names: readonly string[] = operations
  const v2: string = version
  const same: typeof Client = spotdraft.Client
  void [id, email, v, status, body, text, bytes, header, called, other, unknownField, one, info, linked, users, headerName, logged, counts, profiles, sharedLimiter, def, codes, names, v2, same]
}

// The declarations refuse what the runtime refuses.
export function misuse (client: Client): void {
  // @ts-expect-error a credential is a Credential, not a plain object
  new Client({ clientId: 'x', clientSecret: 'y' })
  // @ts-expect-error timeouts are numbers
  new Client(null, { timeoutMs: '5' })
  // @ts-expect-error the secret is not readable
  void new Credential({ clientId: 'x', clientSecret: 'y' }).clientSecret
  // @ts-expect-error the id is a string or a number
  void client.contracts.get({})
  // @ts-expect-error Sandbox is started with Sandbox.start
  new Sandbox()
}
