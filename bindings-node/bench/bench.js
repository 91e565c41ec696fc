'use strict'
// Benchmark (a report, never a test): this client vs undici.request vs global fetch against
// one loopback sandbox (its rate limit off, the client limiter off), sequential and 64 in
// flight; peak RSS while downloading a 512 MiB contract; require() time vs axios.
//
//   npm run bench            # builds the release addon and sandbox first
//   node bench/bench.js [--requests N] [--rounds R] [--json FILE] [--base-url URL]
//
// --base-url uses a sandbox someone else started (rate limit off, 512 MiB contracts; as
// scripts/bench does, pinned to its own core); --json also writes the figures as JSON.
//
// Contenders alternate in short rounds (median of 9 by default) so that a burst of other
// load on a shared machine does not land on one of them only.
// Uses the release addon from bench/.release/ when present (NAPI_RS_NATIVE_LIBRARY_PATH),
// else the dev build, and says which. Prints, and writes bench/results.txt.

const fs = require('node:fs')
const path = require('node:path')
const { spawn, execFileSync } = require('node:child_process')
const readline = require('node:readline')

const PKG = path.join(__dirname, '..')
const ROOT = path.join(PKG, '..')
const TRIPLE = execFileSync('rustc', ['-vV']).toString().match(/^host: (.+)$/m)[1]
const RELEASE_ADDON = path.join(__dirname, '.release', `spotdraft.${process.platform === 'linux' ? 'linux-x64-gnu' : process.platform}.node`)
const PATH = '/api/v2.1/public/contract_types/'
const ID = 'sandbox-demo-client-id'
const SECRET = 'sandbox-demo-client-secret'
const PDF_SIZE = 512 * 1024 * 1024

const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const text = (name) => {
  const i = args.indexOf(name)
  if (i >= 0 && args[i + 1] === undefined) throw new Error(`${name} needs a value`)
  return i >= 0 ? args[i + 1] : undefined
}
const REQUESTS = arg('--requests', 1000)
const ROUNDS = arg('--rounds', 9)
const JSON_OUT = text('--json')
const EXTERNAL = text('--base-url')

function sandboxBinary () {
  for (const profile of ['release', 'debug']) {
    const bin = path.join(ROOT, 'target', TRIPLE, profile, 'spotdraft-sandbox')
    if (fs.existsSync(bin)) return { bin, profile }
  }
  throw new Error('build the sandbox first: cargo build --release -p spotdraft-sandbox')
}

async function startSandbox () {
  if (EXTERNAL) return { child: null, baseUrl: EXTERNAL, profile: 'external' }
  const { bin, profile } = sandboxBinary()
  const child = spawn(bin, ['--port', '0', '--no-rate-limit', '--pdf-size', String(PDF_SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout })
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code})`)))
  })
  lines.on('line', () => {})
  const baseUrl = first.match(/listening on (\S+)/)[1]
  return { child, baseUrl, profile }
}

function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Requests per second for `once()` run `total` times with `concurrency` in flight. */
async function rate (once, total, concurrency) {
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++
      await once()
    }
  }))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return total / seconds
}

async function requestRates (baseUrl) {
  const env = process.env.NAPI_RS_NATIVE_LIBRARY_PATH
  const sd = require(PKG)
  const undici = require('undici')
  const client = new sd.Client(new sd.Credential({ clientId: ID, clientSecret: SECRET }), { baseUrl, rateLimit: 0 })
  const url = baseUrl + PATH
  const headers = { 'client-id': ID, 'client-secret': SECRET, accept: 'application/json' }
  const check = (body) => { if (!Array.isArray(body) && typeof body !== 'object') throw new Error('bad body') }
  const contenders = {
    spotdraft: async () => check((await client.request('GET', PATH)).json()),
    'undici.request': async () => {
      const { statusCode, body } = await undici.request(url, { headers })
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`)
      check(await body.json())
    },
    fetch: async () => {
      const response = await fetch(url, { headers })
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
      check(await response.json())
    }
  }
  const results = {}
  for (const [mode, concurrency] of [['sequential', 1], ['64 in flight', 64]]) {
    results[mode] = {}
    for (const [name, once] of Object.entries(contenders)) await rate(once, 200, concurrency) // warm-up
    const samples = Object.fromEntries(Object.keys(contenders).map((n) => [n, []]))
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, once] of Object.entries(contenders)) samples[name].push(await rate(once, REQUESTS, concurrency))
    }
    for (const name of Object.keys(contenders)) results[mode][name] = median(samples[name])
  }
  return { results, addon: env ? 'release' : 'dev' }
}

/** Peak RSS of a fresh process that downloads the 512 MiB contract to a file; the peak
 * before the download (addon loaded, client built, one request made) is its baseline.
 * The peak is VmHWM, not process.resourceUsage().maxRSS: Linux carries maxRSS over fork
 * and exec, so the child would report at least this benchmark process's size. */
function downloadRss (baseUrl) {
  const target = path.join(require('node:os').tmpdir(), `sd-bench-${process.pid}.pdf`)
  const script = `
    const peak = () => Number(require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\\s+(\\d+)/m)[1])
    const sd = require(${JSON.stringify(PKG)})
    const client = new sd.Client(new sd.Credential({ clientId: '${ID}', clientSecret: '${SECRET}' }), { baseUrl: '${baseUrl}', rateLimit: 0, timeoutMs: 600000 })
    const bare = peak()
    client.contracts.get('T-1001').then(() => {
      const before = peak()
      const t = Date.now()
      return client.contracts.download('T-1001', ${JSON.stringify(target)}, { overwrite: true }).then((info) => {
        console.log(JSON.stringify({ bytes: info.bytes, ms: Date.now() - t, bareKiB: bare, baseKiB: before, peakKiB: peak() }))
      })
    })`
  try {
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: process.env }).toString())
  } finally {
    fs.rmSync(target, { force: true })
  }
}

function requireMs (name) {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(name)}); console.log(Number(process.hrtime.bigint() - t) / 1e6)`
  const times = []
  for (let i = 0; i < 7; i++) times.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: PKG, env: process.env }).toString()))
  return median(times)
}

async function main () {
  if (fs.existsSync(RELEASE_ADDON)) process.env.NAPI_RS_NATIVE_LIBRARY_PATH = RELEASE_ADDON
  const sandbox = await startSandbox()
  const out = []
  const say = (line = '') => { out.push(line); console.log(line) }
  try {
    const { results, addon } = await requestRates(sandbox.baseUrl)
    say(`spotdraft Node binding benchmark (${new Date().toISOString()}), Node ${process.version}, ${require('node:os').cpus().length} CPUs`)
    say(`addon: ${addon} build; sandbox: ${sandbox.profile} build, separate process, rate limit off; client limiter off`)
    say(`GET ${PATH} (JSON parsed), ${REQUESTS} requests x ${ROUNDS} rounds, median`)
    say()
    for (const [mode, byName] of Object.entries(results)) {
      say(`${mode}:`)
      for (const [name, perSecond] of Object.entries(byName)) say(`  ${name.padEnd(16)} ${perSecond.toFixed(0).padStart(7)} req/s`)
      say(`  spotdraft / fetch          ${(byName.spotdraft / byName.fetch).toFixed(2)}x   (goal >= 1.5x)`)
      say(`  spotdraft / undici.request ${(byName.spotdraft / byName['undici.request']).toFixed(2)}x   (goal >= 0.8x)`)
      say()
    }
    const native = require(path.join(PKG, 'native.js'))
    const trips = []
    for (let round = 0; round < ROUNDS; round++) {
      const started = process.hrtime.bigint()
      for (let i = 0; i < 5000; i++) await native.roundTrip()
      trips.push(Number(process.hrtime.bigint() - started) / 1e3 / 5000)
    }
    say(`one round trip JavaScript -> I/O thread -> JavaScript, nothing sent: ${median(trips).toFixed(1)} us`)
    const dl = downloadRss(sandbox.baseUrl)
    if (dl.bytes !== PDF_SIZE) throw new Error(`the download gave ${dl.bytes} bytes, not ${PDF_SIZE}`)
    const mib = (kib) => (kib / 1024).toFixed(1)
    say(`download of ${(dl.bytes / 2 ** 20).toFixed(0)} MiB to a file: ${(dl.ms / 1000).toFixed(1)} s, peak RSS ${mib(dl.peakKiB)} MiB, ${mib(dl.baseKiB)} MiB before the download (${mib(dl.bareKiB)} MiB with the addon loaded), growth ${mib(dl.peakKiB - dl.baseKiB)} MiB (goal: growth < 32 MiB)`)
    const own = requireMs(PKG)
    const axios = requireMs('axios')
    say(`require('spotdraft') ${own.toFixed(1)} ms, require('axios') ${axios.toFixed(1)} ms (ratio ${(own / axios).toFixed(2)})`)
    if (JSON_OUT) {
      fs.writeFileSync(JSON_OUT, JSON.stringify({
        face: 'node',
        addon,
        requests: REQUESTS,
        rounds: ROUNDS,
        rps: results,
        roundTripUs: median(trips),
        download: { bytes: dl.bytes, seconds: dl.ms / 1000, bare_kib: dl.bareKiB, baseline_kib: dl.baseKiB, peak_kib: dl.peakKiB },
        requireMs: { spotdraft: own, axios }
      }, null, 2) + '\n')
    }
  } finally {
    if (sandbox.child) sandbox.child.kill('SIGTERM')
  }
  fs.writeFileSync(path.join(__dirname, 'results.txt'), out.join('\n') + '\n')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
