'use strict'
// The `spotdraft` package: a SpotDraft API client on the Rust core. See README.md.

const { SpotDraftError, AbortError, KINDS } = require('./lib/errors.js')
const { Credential } = require('./lib/credential.js')
const { Client } = require('./lib/client.js')
const { Response } = require('./lib/response.js')
const { Contracts, Templates, ContractTypes, Counterparties, Users, Roles, Webhooks } = require('./lib/resources.js')
const { Filters } = require('./lib/filters.js')
const { CredentialStore } = require('./lib/store.js')
const { Sandbox } = require('./lib/sandbox.js')
const { verifyWebhook, signWebhook, webhookHeaderName } = require('./lib/webhooks.js')
const { setLogger } = require('./lib/logging.js')
const native = require('./native.js')

/** The names of the catalogue operations `client.call` accepts. */
const operations = Object.freeze(native.operationNames())

module.exports = {
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
  errorCodes: KINDS,
  operations,
  verifyWebhook,
  signWebhook,
  webhookHeaderName,
  setLogger,
  version: require('./package.json').version
}
// `import spotdraft from 'spotdraft'` and TypeScript's default import see the same object.
module.exports.default = module.exports
