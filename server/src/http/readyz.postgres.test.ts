/**
 * /readyz on PostgreSQL: a server whose database goes away while it runs says so (503,
 * database failed) instead of answering ready. Needs TEST_DATABASE_URL (`npm test` and
 * `npm run test:postgres` start a throwaway PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';

const URL_ = process.env.TEST_DATABASE_URL;

describe.skipIf(!URL_)('/readyz on PostgreSQL', () => {
  let admin: pg.Pool | undefined;
  let h: Harness | undefined;
  const dbName = `gone_${randomBytes(5).toString('hex')}`;

  afterAll(async () => {
    await h?.cleanup();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end();
  });

  it('answers ready while the database works and 503 naming the database once it is gone', async () => {
    admin = new pg.Pool({ connectionString: URL_, max: 1 });
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(URL_!);
    url.pathname = `/${dbName}`;
    h = await startHarness({ DATABASE_URL: url.toString() });
    expect(h.stores.engine).toBe('postgres');
    const before = await request(h.url).get('/readyz');
    expect(before.status).toBe(200);
    expect(before.body.checks.database).toBe('ok');

    // FORCE ends the server's pooled connections; new ones find no database.
    await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    const after = await request(h.url).get('/readyz');
    expect(after.status).toBe(503);
    expect(after.body).toEqual({ status: 'not_ready', checks: { database: 'failed' } });
    expect(JSON.stringify(after.body)).not.toContain(url.password || 'no-password-in-url');
  }, 30_000);
});
