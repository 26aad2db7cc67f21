#!/usr/bin/env node
/**
 * A throwaway PostgreSQL for tests, from Debian's `postgresql` package (installs nothing):
 * initdb in a temp dir, password authentication, a free port on 127.0.0.1, its unix socket in
 * the temp dir, fsync off (the data dies with the run anyway), one database created.
 *
 *   import { startPostgres } from './postgres.mjs';
 *   const pg = await startPostgres();   // { url, stop() }
 *   ...
 *   await pg.stop();                   // stops the server and removes the temp dir
 *
 *   node e2e/scripts/postgres.mjs      // CLI: prints DATABASE_URL=…, runs until Ctrl-C
 *
 * As root, initdb and pg_ctl run as the `postgres` OS user (PostgreSQL refuses to run as
 * root) through `runuser`, with the temp dir handed to that user; otherwise they run directly.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const INSTALL_HINT = "install Debian's postgresql: apt-get install -y postgresql";

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl (PG_BIN overrides). */
export function findPostgresBin() {
  if (process.env.PG_BIN) {
    if (existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
    throw new Error(`PG_BIN=${process.env.PG_BIN} holds no initdb; unset it or ${INSTALL_HINT}`);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error(`PostgreSQL is not installed (no ${root}/*/bin/initdb): ${INSTALL_HINT}`);
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command (as `postgres` when we are root), resolving with its output; rejects with it on failure. */
function exec(cmd, args, { asPostgres = false, env = {}, cwd } = {}) {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = asPostgres && isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args[0] ?? ''} exited with ${code}:\n${out.trim()}`))));
  });
}

/**
 * Starts a fresh PostgreSQL and creates `database` in it. Resolves with its URL (user
 * postgres, a random password) and stop(), which is safe to call twice.
 */
export async function startPostgres({ database = 'grmd_test', log = () => {} } = {}) {
  const bin = findPostgresBin();
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'grmd-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  const logfile = join(dir, 'postgres.log');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  mkdirSync(data, { mode: 0o700 });
  if (isRoot) {
    let uid, gid;
    try {
      const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
      [uid, gid] = passwd.split(':').slice(2, 4).map(Number);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`There is no postgres OS user to run PostgreSQL as: ${INSTALL_HINT}`);
    }
    for (const p of [dir, data, pwfile]) chownSync(p, uid, gid);
  }
  let started = false;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) await exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { asPostgres: true, cwd: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    log(`postgres: initdb in ${dir} (${bin})`);
    await exec(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { asPostgres: true, cwd: dir },
    );
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    await exec(join(bin, 'pg_ctl'), ['-D', data, '-l', logfile, '-o', options, '-w', '-t', '60', 'start'], { asPostgres: true, cwd: dir });
    started = true;
    await exec(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${database}`], {
      env: { PGPASSWORD: password },
      cwd: dir,
    });
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    log(`postgres: listening on 127.0.0.1:${port}, database ${database}`);
    return { url, port, dir, stop };
  } catch (e) {
    let tail = '';
    try {
      tail = readFileSync(logfile, 'utf8').trim().split('\n').slice(-10).join('\n');
    } catch {
      /* no log yet */
    }
    await stop().catch(() => {});
    throw new Error(`Could not start a throwaway PostgreSQL (as ${isRoot ? 'postgres via runuser' : userInfo().username}): ${e.message}${tail ? `\nserver log:\n${tail}` : ''}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const pg = await startPostgres({ log: (m) => process.stderr.write(`${m}\n`) });
    process.stdout.write(`DATABASE_URL=${pg.url}\n`);
    process.stderr.write('postgres: running; Ctrl-C stops it and removes its data\n');
    const quit = () => pg.stop().finally(() => process.exit(0));
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
    setInterval(() => {}, 1 << 30);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
