import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, describeDatabaseUrl, openPostgresStores } from './index.ts';

/** A port nothing listens on (bound, then freed). */
function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('describeDatabaseUrl', () => {
  it('names host, port, database and user and never the password or the query string', () => {
    const d = describeDatabaseUrl('postgres://app:s3cr%40t@db.internal:6543/designer?sslmode=require&password=other');
    expect(d).toBe('host db.internal, port 6543, database designer, user app');
    expect(describeDatabaseUrl('postgresql://db/x')).toBe('host db, port 5432, database x');
  });

  it('says so when the URL cannot be parsed, without echoing it', () => {
    const d = describeDatabaseUrl('postgres://app:hunter2@@:bad');
    expect(d).not.toContain('hunter2');
    expect(d).toContain('unparsable');
  });
});

describe('openPostgresStores with a DATABASE_URL that does not work', () => {
  it('an unreachable port fails with one line naming host, port and database, never the password', async () => {
    const port = await deadPort();
    const err = await openPostgresStores(`postgres://app:hunter2@127.0.0.1:${port}/designer`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toBe(`Cannot use the PostgreSQL database of DATABASE_URL (host 127.0.0.1, port ${port}, database designer, user app): connection refused (is PostgreSQL running and listening there?)`);
    expect(msg).not.toContain('hunter2');
  });

  it('a URL of another kind fails before connecting', async () => {
    await expect(openPostgresStores('mysql://app:hunter2@localhost/designer')).rejects.toThrow(/must start with postgres:\/\/ \(not mysql:\/\/\)/);
    await expect(openPostgresStores('not a url hunter2')).rejects.toSatisfy((e: Error) => e instanceof DatabaseUnavailableError && !e.message.includes('hunter2'));
  });
});
