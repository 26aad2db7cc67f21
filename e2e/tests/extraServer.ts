/**
 * A second server next to the suite's webServer, started with its own environment (an access
 * token, Genesys sign-in…) on a free port and a temp DATA_DIR. It serves the client/dist the
 * webServer has just built.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startExtraServer(env: Record<string, string>): Promise<{ base: string; stop: () => void }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'grmd-e2e-extra-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`the extra server on ${base} exited`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 150) throw new Error(`the extra server on ${base} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
