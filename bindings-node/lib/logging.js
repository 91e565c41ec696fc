'use strict'
// `setLogger`: core's log records (retries, attempts, answers) to your logger. Records
// arrive asynchronously on the JavaScript thread; they never contain the secret.

const native = require('../native.js')
const { sync, typeError } = require('./errors.js')

const LEVELS = ['error', 'warn', 'info', 'debug', 'trace', 'off']

/**
 * @param {((record: {level: string, target: string, message: string}) => void) | null} logger
 * @param {{level?: 'error'|'warn'|'info'|'debug'|'trace'|'off'}} [options]  default `info`
 */
function setLogger (logger, options) {
  if (logger != null && typeof logger !== 'function') throw typeError('logger must be a function, or null to stop')
  const level = options && options.level
  if (level != null && !LEVELS.includes(level)) throw typeError(`level must be one of ${LEVELS.join(', ')}`)
  const safe = logger == null
    ? null
    : (record) => {
        try {
          logger(record)
        } catch (error) {
          process.emitWarning(`spotdraft: the logger threw: ${error && error.message}`)
        }
      }
  sync(() => native.setLogger(safe, level ?? null))
}

module.exports = { setLogger }
