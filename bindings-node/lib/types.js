'use strict'
// The shapes of the objects the API takes and answers, as JSDoc typedefs. This module has
// no runtime content: it exists so `npm run types` can generate their TypeScript
// declarations (lib/types.d.ts, re-exported by index.d.ts) from the same source the
// JavaScript is checked against.

/** @import { Filters } from './filters.js' */
/** @import { Credential } from './credential.js' */

/**
 * SpotDraft's objects keep every field sent, the unknown ones too.
 * @typedef {{ [field: string]: unknown }} Extra
 */

/**
 * Options every async call takes.
 * @typedef {object} CallOptions
 * @property {AbortSignal} [signal] Aborting cancels the in-flight request and rejects with an `AbortError`.
 */

/**
 * @typedef {object} CredentialInit
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string} [userEmail] The workspace user to act as (`user-email` header).
 * @property {string} [name]
 * @property {string} [description]
 */

/**
 * @typedef {object} ClientOptions
 * @property {string} [profile] A saved profile, when no credential is given.
 * @property {string} [region] `us`, `eu`, `in` or `me`.
 * @property {string} [baseUrl] A custom base URL (`https://...`, or `http://` on loopback).
 * @property {number} [timeoutMs] The whole call, retries and waits included.
 * @property {number} [connectTimeoutMs]
 * @property {number} [attemptTimeoutMs] One attempt: sending the request and reading the whole answer.
 * @property {number} [maxAttempts] Attempts per call, the first included (1 turns retries off).
 * @property {number} [rateLimit] Requests per second of the client-side limiter (default 10); 0 turns it off.
 * @property {string} [userAgentSuffix]
 * @property {number} [maxBodySize] The largest answer body buffered in memory, in bytes.
 * @property {number} [retryBackoffMs] First wait between retries.
 * @property {number} [maxRetryBackoffMs] Longest wait between retries.
 * @property {number} [maxRetryAfterMs] Longest `Retry-After` honoured.
 * @property {string} [rateLimitUrl] A Redis URL (`redis://` or `rediss://`) through which every process using the
 *   workspace shares one rate limit (default: `SPOTDRAFT_RATE_LIMIT_URL`, else the profile's). Its password never
 *   shows in errors, logs or inspect.
 * @property {boolean} [rateLimitStrict] Fail calls with a `connection` error when the shared limiter is unreachable,
 *   instead of keeping to a per-process limit (default false).
 */

/**
 * @typedef {string | number | boolean | Date | null | undefined} QueryValue
 * @typedef {Record<string, QueryValue | QueryValue[]> | Array<[string, QueryValue]> | URLSearchParams} Query
 */

/**
 * @typedef {object} RequestOptions
 * @property {AbortSignal} [signal]
 * @property {Query} [query]
 * @property {unknown} [json] A JSON body.
 * @property {number} [timeoutMs] Overrides the client's total timeout for this call.
 */

/**
 * @typedef {object} CallOperationOptions
 * @property {AbortSignal} [signal]
 * @property {unknown} [body] The JSON body of the operation.
 */

/** @typedef {string | number | boolean | Date} FilterValue */

/**
 * A `Filters`, or `{ field: value }` equalities (an array value means any of them).
 * @typedef {Filters | Record<string, FilterValue | FilterValue[]>} FilterInput
 */

/**
 * One page of a list.
 * @template T
 * @typedef {object} Page
 * @property {number} page
 * @property {number} limit
 * @property {number} totalResults
 * @property {T[]} results
 */

/**
 * @typedef {object} PageOptions
 * @property {AbortSignal} [signal]
 * @property {number} [page] From 1.
 * @property {number} [limit] 1 to 100.
 */

/**
 * @typedef {object} PagingOptions
 * @property {AbortSignal} [signal]
 * @property {number} [pageSize] Items per request, 1 to 100.
 * @property {number} [startPage]
 * @property {number} [maxPages] Stop with an error after this many pages.
 */

/** @typedef {'DRAFT' | 'REDLINING' | 'SIGN' | 'EXECUTED' | 'ON_HOLD' | 'VOIDED' | (string & {})} ContractStatus */

/**
 * A contract id: `'T-123'`, `'H-123'` or a number.
 * @typedef {string | number} ContractId
 */

/**
 * @typedef {Extra & {
 *   id: string | number,
 *   created?: string | null,
 *   created_by?: string | null,
 *   contract_link?: string | null,
 *   contract_status?: ContractStatus | null,
 *   contract_name?: string | null,
 *   counter_party_name?: string | null,
 *   contract_type_name?: string | null,
 *   contract_type_id?: number | null,
 *   reference_id?: string | null,
 *   created_by_user_name?: string | null,
 *   created_by_user_email?: string | null,
 *   created_by_workspace?: number | null
 * }} Contract
 */

/**
 * @typedef {Extra & {
 *   contract_status?: ContractStatus | null,
 *   contract_name?: string | null
 * }} ContractStatusInfo
 */

/**
 * @typedef {Extra & {
 *   contract_template_id: number,
 *   contract_data?: Record<string, unknown>,
 *   counter_party_details?: unknown[],
 *   external_metadata?: unknown
 * }} NewContract
 */

/**
 * `url` is signed and temporary: treat it as a secret.
 * @typedef {Extra & {
 *   url: string,
 *   file_name?: string | null,
 *   current_version_id?: number | null
 * }} DownloadLink
 */

/**
 * @typedef {Extra & {
 *   id?: number | null,
 *   value: unknown,
 *   label?: string | null,
 *   field_name?: string | null,
 *   data_type?: string | null,
 *   format_option?: unknown
 * }} KeyPointer
 */

/**
 * One key pointer change: by `id` or by `fieldName`.
 * @typedef {object} KeyPointerUpdate
 * @property {number} [id]
 * @property {string} [fieldName]
 * @property {unknown} value
 */

/**
 * @typedef {Extra & {
 *   id?: unknown,
 *   integration_name?: string | null,
 *   record_type?: string | null,
 *   record_data?: unknown,
 *   object_configuration_id?: unknown
 * }} ExternalMetadata
 */

/**
 * @typedef {Extra & {
 *   id: number,
 *   contract_id?: number | null,
 *   comment: string,
 *   replies: unknown[]
 * }} Comment
 */

/**
 * @typedef {Extra & {
 *   id: number,
 *   name?: string | null,
 *   contract_type_id?: number | null,
 *   tags: string[]
 * }} Template
 */

/**
 * @typedef {Extra & {
 *   id: number,
 *   name?: string | null
 * }} ContractType
 */

/**
 * @typedef {Extra & {
 *   id?: number | null,
 *   name?: string | null,
 *   email?: string | null
 * }} Contact
 */

/**
 * @typedef {Extra & {
 *   line_one?: string | null,
 *   city_name?: string | null,
 *   state_name?: string | null,
 *   country_name?: string | null,
 *   zipcode?: string | null
 * }} Address
 */

/**
 * @typedef {Extra & {
 *   id: number,
 *   name?: string | null,
 *   is_individual?: boolean | null,
 *   contacts: Contact[],
 *   primary_address?: Address | null,
 *   status?: string | null,
 *   custom_fields: Record<string, unknown>
 * }} Counterparty
 */

/**
 * @typedef {Extra & {
 *   is_individual?: boolean,
 *   name?: string,
 *   organization_type?: string,
 *   organization_name?: string,
 *   brand_name?: string,
 *   contact_name?: string,
 *   contact_email?: string,
 *   primary_address?: Address,
 *   custom_fields?: Record<string, unknown>
 * }} CounterpartyInput
 */

/**
 * @typedef {Extra & {
 *   id?: number | null,
 *   name?: string | null,
 *   description?: string | null
 * }} Role
 */

/**
 * @typedef {Extra & {
 *   id?: number | null,
 *   first_name?: string | null,
 *   last_name?: string | null,
 *   email?: string | null,
 *   designation?: string | null,
 *   is_active?: boolean | null,
 *   roles: Role[]
 * }} User
 */

/**
 * @typedef {Extra & {
 *   id?: number | null,
 *   title?: string | null,
 *   url?: string | null,
 *   only_for_activities: string[],
 *   description?: string | null,
 *   custom_headers: Record<string, unknown>,
 *   created_by_user?: unknown,
 *   status?: string | null
 * }} Webhook
 */

/**
 * @typedef {object} NewWebhook
 * @property {string} title
 * @property {string} url
 * @property {string[]} onlyForActivities Activities such as `CONTRACT_EXECUTED`.
 * @property {string} [description]
 * @property {Record<string, string>} [customHeaders]
 */

/**
 * @typedef {object} Verification
 * @property {string} baseUrl Where the credential was accepted.
 * @property {string | null} actingAs The impersonated user, when one was set.
 * @property {number} contractTypes Contract types visible to the credential.
 */

/**
 * @typedef {object} DownloadProgress
 * @property {number} bytes
 * @property {number | null} total From `Content-Length`, when sent.
 */

/**
 * @typedef {object} DownloadOptions
 * @property {AbortSignal} [signal]
 * @property {boolean} [overwrite] Replace an existing regular file (never a link, directory or device).
 * @property {(progress: DownloadProgress) => void} [onProgress]
 */

/**
 * @typedef {object} DownloadInfo
 * @property {number} bytes
 * @property {string | null} contentType
 * @property {string | null} fileName
 * @property {number} attempts
 */

/**
 * @typedef {object} ContractListOptions
 * @property {AbortSignal} [signal]
 * @property {number} [page] From 1.
 * @property {number} [limit] 1 to 100.
 * @property {string} [query] Free-text search.
 * @property {FilterInput} [filters]
 */

/**
 * @typedef {object} ContractPagingOptions
 * @property {AbortSignal} [signal]
 * @property {number} [pageSize] Items per request, 1 to 100.
 * @property {number} [startPage]
 * @property {number} [maxPages] Stop with an error after this many pages.
 * @property {string} [query] Free-text search.
 * @property {FilterInput} [filters]
 */

/**
 * @typedef {object} TemplateQuery
 * @property {AbortSignal} [signal]
 * @property {string[]} [tags]
 * @property {string[]} [tagsAll]
 * @property {string} [cpTypes]
 * @property {boolean} [cpTypesAll]
 * @property {boolean} [includeArchived]
 * @property {boolean} [excludeMultiParty]
 */

/**
 * @typedef {object} WebhookKeyOptions
 * @property {'hmacKey' | 'callbackSecret'} [kind] `hmacKey` (default): SpotDraft's `hmac_key`; `callbackSecret`: the older scheme.
 */

/**
 * @typedef {object} PaginateOptions
 * @property {AbortSignal} [signal]
 * @property {number} [pageSize] Items per request, 1 to 100.
 * @property {number} [startPage]
 * @property {number} [maxPages] Stop with an error after this many pages.
 * @property {string | Query} [query] Free-text search (contracts), or the query of an API path.
 * @property {FilterInput} [filters]
 * @property {string} [email]
 * @property {string} [name]
 * @property {boolean} [pages] Yield whole pages instead of items (API paths only).
 */

/**
 * A saved profile, without its secret; `endpoint` is a region code or a base URL.
 * @typedef {Extra & {
 *   name: string,
 *   description: string | null,
 *   clientId: string,
 *   userEmail: string | null,
 *   endpoint: string,
 *   isDefault: boolean
 * }} ProfileSummary
 */

/**
 * A saved profile; its `credential` can be passed to `new Client(...)`.
 * @typedef {object} Profile
 * @property {string} name
 * @property {string | null} description
 * @property {string} endpoint A region code or a base URL.
 * @property {string | null} rateLimitUrl The shared rate limiter (Redis URL) clients built from the profile use,
 *   its password shown as `****`; null when there is none.
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {Credential} credential
 */

/**
 * @typedef {object} SandboxOptions
 * @property {boolean} [rateLimit] The sandbox's own 10 requests/second limit, as SpotDraft's (default on).
 * @property {number} [pdfSize] Size of every contract file, in bytes.
 * @property {string} [clientId]
 * @property {string} [clientSecret]
 * @property {string[]} [userEmails] Extra workspace users that may be impersonated.
 */

/**
 * A fault to inject (the conformance scenarios' `faults` entries); `path` is an exact path or `'*'`.
 * @typedef {object} FaultRule
 * @property {string} path
 * @property {string} [method]
 * @property {number} [times]
 * @property {{ kind: 'status', status: number, retry_after?: string, body?: unknown }
 *   | { kind: 'reset' }
 *   | { kind: 'delay', millis: number }
 *   | { kind: 'truncate' }
 *   | { kind: 'redirect', location: string }
 *   | { kind: 'close_when_idle', after_millis: number }
 *   | { kind: 'stall_body', millis: number }
 *   | { kind: 'malformed_json', body?: string }} fault
 */

/**
 * @typedef {Extra & {
 *   method: string,
 *   path: string,
 *   query: string | null,
 *   status: number,
 *   user_email: string | null,
 *   user_agent: string | null
 * }} LoggedRequest
 */

/** @typedef {'error' | 'warn' | 'info' | 'debug' | 'trace'} LogLevel */

/**
 * @typedef {object} LogRecord
 * @property {LogLevel} level
 * @property {string} target The Rust module that logged, e.g. `spotdraft::transport`.
 * @property {string} message
 */

module.exports = {}
