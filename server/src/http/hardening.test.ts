import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { SqliteStores } from '../store/sqlite/index.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ APP_ACCESS_TOKEN: 'hardening-access-token-0123' });
});
afterAll(async () => {
  await h.cleanup();
});

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(text: string): Promise<string> {
  const { port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += String(d)));
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

describe('probes', () => {
  it('answer /healthz and /readyz without a session and with any Host, naming only checks', async () => {
    const health = await request(h.url).get('/healthz').set('Host', '10.1.2.3:8080');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await request(h.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('/readyz answers 503 when the database cannot be written', async () => {
    (h.stores as SqliteStores).db.exec('BEGIN IMMEDIATE');
    const other = await startHarness({}, { dataDir: h.dataDir });
    try {
      const ready = await request(other.url).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'not_ready', checks: { database: 'failed' } });
    } finally {
      (h.stores as SqliteStores).db.exec('ROLLBACK');
      await other.close();
    }
  }, 20_000);
});

describe("Node's HTTP parser", () => {
  it('answers a bad request line with the JSON error shape', async () => {
    const res = await raw('GARBAGE\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: 'Malformed HTTP request' } });
  });

  it('answers headers over the limit with 431 in the JSON error shape', async () => {
    const res = await raw(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 431/);
    expect(res).toContain('"code":"headers_too_large"');
  });
});

describe('bad input is 400', () => {
  it('refuses a lone surrogate in a deploymentId instead of failing upstream', async () => {
    const agent = request.agent(h.url);
    await agent.post('/api/auth/login').send({ token: 'hardening-access-token-0123' }).expect(200);
    const res = await agent.post('/api/test-conversations').set('Content-Type', 'application/json').send('{"deploymentId":"dep\\ud800"}');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('lone surrogate');
  });

  it('does not log a client-aborted upload as a server error', async () => {
    const { port } = new URL(h.url);
    await new Promise<void>((resolve) => {
      const s = net.connect(Number(port), '127.0.0.1', () => {
        s.write(`POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"message":`);
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.logs()).not.toContain('request failed');
  });
});
