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

/**
 * The names of the catalogue operations `client.call` accepts.
 * @type {readonly string[]}
 */
const operations = Object.freeze(native.operationNames())
/** @type {readonly import('./lib/errors.js').ErrorCode[]} */
const errorCodes = KINDS
/** @type {string} */
const version = require('./package.json').version

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
  errorCodes,
  operations,
  verifyWebhook,
  signWebhook,
  webhookHeaderName,
  setLogger,
  version,
  // What `import spotdraft from 'spotdraft'` gives TypeScript's CommonJS output (which reads
  // `.default`): an object of the same members. Spelled out rather than made the exports
  // object itself, because tsc can only declare a literal it sees.
  default: {
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
  }
}

// The types of the API, re-exported so `import { type Contract } from 'spotdraft'` works.
/**
 * @typedef {import('./lib/errors.js').ErrorCode} ErrorCode
 * @typedef {import('./lib/errors.js').ErrorDetails} ErrorDetails
 * @typedef {import('./lib/types.js').CallOptions} CallOptions
 * @typedef {import('./lib/types.js').CredentialInit} CredentialInit
 * @typedef {import('./lib/types.js').ClientOptions} ClientOptions
 * @typedef {import('./lib/types.js').QueryValue} QueryValue
 * @typedef {import('./lib/types.js').Query} Query
 * @typedef {import('./lib/types.js').RequestOptions} RequestOptions
 * @typedef {import('./lib/types.js').CallOperationOptions} CallOperationOptions
 * @typedef {import('./lib/types.js').FilterValue} FilterValue
 * @typedef {import('./lib/types.js').FilterInput} FilterInput
 * @typedef {import('./lib/types.js').PageOptions} PageOptions
 * @typedef {import('./lib/types.js').PagingOptions} PagingOptions
 * @typedef {import('./lib/types.js').Extra} Extra
 * @typedef {import('./lib/types.js').ContractStatus} ContractStatus
 * @typedef {import('./lib/types.js').ContractId} ContractId
 * @typedef {import('./lib/types.js').Contract} Contract
 * @typedef {import('./lib/types.js').ContractStatusInfo} ContractStatusInfo
 * @typedef {import('./lib/types.js').NewContract} NewContract
 * @typedef {import('./lib/types.js').DownloadLink} DownloadLink
 * @typedef {import('./lib/types.js').KeyPointer} KeyPointer
 * @typedef {import('./lib/types.js').KeyPointerUpdate} KeyPointerUpdate
 * @typedef {import('./lib/types.js').ExternalMetadata} ExternalMetadata
 * @typedef {import('./lib/types.js').Comment} Comment
 * @typedef {import('./lib/types.js').Template} Template
 * @typedef {import('./lib/types.js').ContractType} ContractType
 * @typedef {import('./lib/types.js').Contact} Contact
 * @typedef {import('./lib/types.js').Address} Address
 * @typedef {import('./lib/types.js').Counterparty} Counterparty
 * @typedef {import('./lib/types.js').CounterpartyInput} CounterpartyInput
 * @typedef {import('./lib/types.js').Role} Role
 * @typedef {import('./lib/types.js').User} User
 * @typedef {import('./lib/types.js').Webhook} Webhook
 * @typedef {import('./lib/types.js').NewWebhook} NewWebhook
 * @typedef {import('./lib/types.js').Verification} Verification
 * @typedef {import('./lib/types.js').DownloadProgress} DownloadProgress
 * @typedef {import('./lib/types.js').DownloadOptions} DownloadOptions
 * @typedef {import('./lib/types.js').DownloadInfo} DownloadInfo
 * @typedef {import('./lib/types.js').ContractListOptions} ContractListOptions
 * @typedef {import('./lib/types.js').ContractPagingOptions} ContractPagingOptions
 * @typedef {import('./lib/types.js').TemplateQuery} TemplateQuery
 * @typedef {import('./lib/types.js').WebhookKeyOptions} WebhookKeyOptions
 * @typedef {import('./lib/types.js').PaginateOptions} PaginateOptions
 * @typedef {import('./lib/types.js').ProfileSummary} ProfileSummary
 * @typedef {import('./lib/types.js').Profile} Profile
 * @typedef {import('./lib/types.js').SandboxOptions} SandboxOptions
 * @typedef {import('./lib/types.js').FaultRule} FaultRule
 * @typedef {import('./lib/types.js').LoggedRequest} LoggedRequest
 * @typedef {import('./lib/types.js').LogRecord} LogRecord
 * @typedef {import('./lib/types.js').LogLevel} LogLevel
 */
/**
 * @template T
 * @typedef {import('./lib/types.js').Page<T>} Page
 */
