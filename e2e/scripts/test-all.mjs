#!/usr/bin/env node
/**
 * `npm test`: the type check (`tsc -b`) and the lint (`npm run lint`), each counted as one
 * check, every unit suite (Vitest, per workspace) and then the Playwright e2e suite in
 * real Chromium, with one summary as the very last line: `N passed, N failed[, N skipped]`.
 *
 *   node e2e/scripts/test-all.mjs [--unit-only]
 *
 * Each runner prints its usual console report and writes a JSON report to a temp file; the
 * counts come from those JSON files, never from parsing console text. A runner that crashes
 * (no report, or a non-zero exit with no failed test) counts as a failure, so a broken suite
 * can never be summarised as "0 failed". Exit code: 0 only when nothing failed.
 *
 * The server suite runs with a throwaway PostgreSQL (e2e/scripts/postgres.mjs, Debian's
 * `postgresql`, installed with apt-get when missing and running as root), so the store
 * contract and the two-instance tests run on both engines instead of skipping.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startPostgres } from './postgres.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const UNIT_WORKSPACES = ['shared', 'server', 'client'];
const args = new Set(process.argv.slice(2));
const unitOnly = args.has('--unit-only');
const tmp = mkdtempSync(join(tmpdir(), 'grmd-test-'));

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

function hasFiles(dir, re) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory() ? hasFiles(p, re) : re.test(entry.name)) return true;
  }
  return false;
}

function run(cmd, argv, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...opts.env } });
    child.on('error', (e) => {
      log(`test-all: could not start ${cmd}: ${e.message}`);
      resolvePromise(-1);
    });
    child.on('close', (code, signal) => resolvePromise(signal ? -1 : code));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Adds one runner's counts; a crash (no report, or failing exit without failures) is one failure. */
function record(name, code, counts) {
  let { passed = 0, failed = 0, skipped = 0 } = counts ?? {};
  let note = '';
  if (!counts) {
    failed += 1;
    note = ' (runner crashed: no report)';
  } else if (code !== 0 && failed === 0) {
    failed += 1;
    note = ` (runner exited with ${code} without a failed test: counted as a failure)`;
  }
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${note}`);
}

async function vitest(ws, env = {}) {
  const dir = join(ROOT, ws);
  if (!hasFiles(dir, /\.test\.[cm]?[jt]sx?$/)) {
    lines.push(`${ws}: no unit test files, skipped`);
    return;
  }
  const out = join(tmp, `vitest-${ws}.json`);
  log(`\n=== unit tests: ${ws} ===`);
  const code = await run('npx', ['vitest', 'run', '--root', dir, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { env });
  const report = readJson(out);
  if (!report) return record(`unit ${ws}`, code, undefined);
  // A test file that fails to load has no tests but is a failed suite.
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  record(`unit ${ws}`, code, {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  });
}

/**
 * Installs one of Debian's packages with apt-get when running as root; says what to do
 * otherwise. true when the install ran and succeeded.
 */
function aptInstall(pkg, hint) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    log(`test-all: ${pkg} not found (${hint}, or install it: sudo apt-get update && sudo apt-get install -y ${pkg}).`);
    return false;
  }
  log(`test-all: ${pkg} not found; installing Debian's ${pkg} with apt-get (running as root)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const argv of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const r = spawnSync('apt-get', argv, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      log(`test-all: apt-get ${argv.join(' ')} failed; ${hint}.`);
      return false;
    }
  }
  return true;
}

/** The browser the e2e tests launch (playwright.config.ts reads CHROMIUM_PATH too). */
function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (!aptInstall('chromium', 'set CHROMIUM_PATH to a Chromium')) return undefined;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Debian's PostgreSQL server binaries (e2e/scripts/postgres.mjs finds them), installed when missing. */
function ensurePostgres() {
  const find = () => {
    try {
      return findPostgresBin();
    } catch (e) {
      log(`test-all: ${e.message}`);
      return undefined;
    }
  };
  return find() ?? (aptInstall('postgresql', 'PG_BIN may name its bin folder') ? find() : undefined);
}

function pgMissing() {
  totals.failed += 1;
  lines.push('postgres: 1 failed (no PostgreSQL to run the server suite with; its PostgreSQL tests skip)');
}

/** The server suite with TEST_DATABASE_URL set; PostgreSQL that cannot start is one failure. */
async function serverSuite() {
  if (!ensurePostgres()) {
    pgMissing();
    return vitest('server');
  }
  let pg;
  try {
    pg = await startPostgres({ log });
  } catch (e) {
    log(`test-all: ${e.message}`);
    pgMissing();
    return vitest('server');
  }
  try {
    await vitest('server', { TEST_DATABASE_URL: pg.url });
  } finally {
    await pg.stop().catch((e) => log(`test-all: stopping PostgreSQL: ${e.message}`));
  }
}

async function playwright() {
  if (!hasFiles(join(ROOT, 'e2e', 'tests'), /\.spec\.ts$/)) {
    lines.push('e2e: no *.spec.ts in e2e/tests, skipped');
    return;
  }
  log('\n=== e2e tests: Playwright (Chromium) ===');
  const chromium = ensureChromium();
  if (!chromium) return record('e2e', 1, undefined);
  const out = join(tmp, 'playwright.json');
  const code = await run('npx', ['playwright', 'test', '--reporter=list,json'], {
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_FILE: out },
  });
  const report = readJson(out);
  if (!report) return record('e2e', code, undefined);
  const s = report.stats ?? {};
  // Errors outside tests (web server did not start, config error) fail the run.
  const globalErrors = (report.errors ?? []).length;
  record('e2e', code, {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + (globalErrors && !s.unexpected ? 1 : 0),
    skipped: s.skipped ?? 0,
  });
}

/** A whole-tree check counted as one test: passed when the command exits 0. */
async function check(name, cmd, argv) {
  log(`\n=== ${name} ===`);
  const code = await run(cmd, argv);
  totals[code === 0 ? 'passed' : 'failed'] += 1;
  lines.push(`${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`}`);
}

try {
  // A type error or a lint finding (an import against the layering, a cycle) must not land green.
  await check('typecheck (tsc -b)', 'npx', ['tsc', '-b']);
  await check('lint (eslint)', 'npm', ['run', '--silent', 'lint']);
  for (const ws of UNIT_WORKSPACES) await (ws === 'server' ? serverSuite() : vitest(ws));
  if (unitOnly) lines.push('e2e: skipped (--unit-only)');
  else await playwright();
} catch (e) {
  record('test-all', 1, undefined);
  log(`test-all: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

log('\n=== summary ===');
for (const l of lines) log(l);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
