// ES module entry: the same objects as the CommonJS one.
import cjs from './index.js'

export const {
  Client,
  Credential,
  Response,
  Filters,
  Contracts,
  Templates,
  ContractTypes,
  Counterparties,
  Users,
  Roles,
  Webhooks,
  CredentialStore,
  Sandbox,
  SpotDraftError,
  AbortError,
  errorCodes,
  operations,
  verifyWebhook,
  signWebhook,
  webhookHeaderName,
  setLogger,
  version
} = cjs
export default cjs
