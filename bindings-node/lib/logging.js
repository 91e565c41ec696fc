'use strict'
// `setLogger`: core's log records (retries, attempts, answers) to your logger. Records
// arrive asynchronously on the JavaScript thread; they never contain the secret.

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')

const LEVELS = ['error', 'warn', 'info', 'debug', 'trace', 'off']

/** @import { LogRecord, LogLevel } from './types.js' */

/**
 * Sends core's log records (retries, attempts, answers; never a secret) at `level`
 * (default `info`) and above to `logger`; `null` stops.
 * @param {((record: LogRecord) => void) | null} logger
 * @param {{ level?: LogLevel | 'off' }} [options]
 * @returns {void}
 */
function setLogger (logger, options) {
  if (logger != null && typeof logger !== 'function') throw typeError('logger must be a function, or null to stop')
  const level = options && options.level
  if (level != null && !LEVELS.includes(level)) throw typeError(`level must be one of ${LEVELS.join(', ')}`)
  const safe = logger == null
    ? null
    : (/** @type {import('../native.js').LogRecord} */ record) => {
        try {
          logger(/** @type {LogRecord} */ (record))
        } catch (error) {
          process.emitWarning(`spotdraft: the logger threw: ${error && /** @type {Error} */ (error).message}`)
        }
      }
  sync(() => native.setLogger(safe, level ?? null))
}

module.exports = { setLogger }
