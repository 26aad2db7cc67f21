#!/usr/bin/env node
/**
 * `npm run test:postgres`: starts a throwaway PostgreSQL (e2e/scripts/postgres.mjs, Debian's
 * `postgresql` package; nothing is installed here), runs every server test that needs one
 * (`*.postgres.test.ts` and `postgres.contract.test.ts` under server/src) with
 * TEST_DATABASE_URL set, stops PostgreSQL, and ends with one line: `N passed, N failed`.
 *
 * Counts come from Vitest's JSON report, never from console text. A skipped test counts as a
 * failure here (with the URL set nothing may skip), and so does a crashed run or a file that
 * failed to load. Exit code: 0 only when nothing failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = join(ROOT, 'server');

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

/** The test files that need PostgreSQL, relative to server/. */
function postgresTestFiles(dir = join(SERVER, 'src'), out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) postgresTestFiles(p, out);
    else if (/\.postgres\.test\.ts$/.test(entry.name) || entry.name === 'postgres.contract.test.ts') out.push(relative(SERVER, p));
  }
  return out.sort();
}

function run(cmd, argv, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, argv, { cwd: SERVER, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (e) => {
      log(`test-postgres: could not start ${cmd}: ${e.message}`);
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

async function main() {
  const files = postgresTestFiles();
  if (!files.length) {
    log('test-postgres: no *.postgres.test.ts or postgres.contract.test.ts under server/src');
    return { passed: 0, failed: 1, note: ' (no test files)' };
  }
  let pg;
  try {
    pg = await startPostgres({ log });
  } catch (e) {
    log(`test-postgres: ${e.message}`);
    return { passed: 0, failed: 1, note: ' (PostgreSQL did not start)' };
  }
  const stop = () => pg.stop().catch((e) => log(`test-postgres: stopping PostgreSQL: ${e.message}`));
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const tmp = mkdtempSync(join(tmpdir(), 'grmd-test-pg-'));
  try {
    const out = join(tmp, 'vitest.json');
    log(`\n=== PostgreSQL tests: ${files.join(', ')} ===`);
    const code = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...files], { TEST_DATABASE_URL: pg.url });
    const report = readJson(out);
    if (!report) return { passed: 0, failed: 1, note: ' (vitest crashed: no report)' };
    // A file that fails to load has no tests but is a failed suite.
    const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    const ran = new Set((report.testResults ?? []).map((f) => relative(SERVER, f.name)));
    const missing = files.filter((f) => !ran.has(f));
    let failed = (report.numFailedTests ?? 0) + brokenFiles + skipped + missing.length;
    let note = skipped ? ` (${skipped} skipped with TEST_DATABASE_URL set: counted as failures)` : '';
    if (missing.length) note += ` (not run: ${missing.join(', ')})`;
    if (code !== 0 && failed === 0) {
      failed = 1;
      note += ` (vitest exited with ${code} without a failed test: counted as a failure)`;
    }
    return { passed: report.numPassedTests ?? 0, failed, note };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await stop();
    if (existsSync(pg.dir)) log(`test-postgres: could not remove ${pg.dir}`);
  }
}

const { passed, failed, note = '' } = await main();
process.stdout.write(`${passed} passed, ${failed} failed${note}\n`);
process.exit(failed ? 1 : 0);
