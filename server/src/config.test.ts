import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { ConfigError, instanceUrlFor, loadConfig } from './config.ts';

const LIVE = {
  GENESYS_REGION: 'eu_west_1',
  GENESYS_CLIENT_ID: 'client-1',
  GENESYS_CLIENT_SECRET: 'super-secret-client-value',
  BOT_CONNECTOR_SECRET: 'connection-secret-0123456789',
};

describe('loadConfig', () => {
  it('runs in sandbox mode when no client id is set, with no Genesys hosts', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('sandbox');
    expect(c.genesys.apiBaseUrl).toBeUndefined();
    expect(c.botConnector.secretHeader).toBe('X-Bot-Connector-Secret');
    expect(c.botConnector.secret.length).toBeGreaterThanOrEqual(16);
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
  });

  it('derives login, api and webmessaging hosts from the region in live mode', () => {
    const c = loadConfig(LIVE);
    expect(c.mode).toBe('live');
    expect(c.genesys.loginBaseUrl).toBe('https://login.mypurecloud.ie');
    expect(c.genesys.apiBaseUrl).toBe('https://api.mypurecloud.ie');
    expect(c.genesys.webMessagingUrl).toBe('wss://webmessaging.mypurecloud.ie/v1');
  });

  it('lets the base URL overrides win over the region', () => {
    const c = loadConfig({ ...LIVE, GENESYS_API_BASE_URL: 'http://127.0.0.1:4010', GENESYS_LOGIN_BASE_URL: 'http://127.0.0.1:4010' });
    expect(c.genesys.apiBaseUrl).toBe('http://127.0.0.1:4010');
    expect(c.genesys.loginBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it('reads ALLOWED_HOSTS and the session limits, with defaults', () => {
    const d = loadConfig({});
    expect(d.allowedHosts).toEqual([]);
    expect(d.session).toEqual({ idleMinutes: 60, maxHours: 12 });
    const c = loadConfig({ ALLOWED_HOSTS: 'Designer.lan, box:8080', SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '2' });
    expect(c.allowedHosts).toEqual(['designer.lan', 'box:8080']);
    expect(c.session).toEqual({ idleMinutes: 15, maxHours: 2 });
    expect(() => loadConfig({ ALLOWED_HOSTS: 'https://x.example/' })).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('reads the idle limit of test conversations, 30 minutes by default', () => {
    expect(loadConfig({}).testConversationIdleMinutes).toBe(30);
    expect(loadConfig({ TEST_CONVERSATION_IDLE_MINUTES: '5' }).testConversationIdleMinutes).toBe(5);
    expect(() => loadConfig({ TEST_CONVERSATION_IDLE_MINUTES: '0' })).toThrow(/TEST_CONVERSATION_IDLE_MINUTES/);
  });

  it('rejects an unknown region naming the variable and the valid values', () => {
    expect(() => loadConfig({ GENESYS_REGION: 'mars_1' })).toThrow(/GENESYS_REGION.*us_east_1/);
  });

  it('requires the client secret and the connection secret in live mode', () => {
    try {
      loadConfig({ GENESYS_CLIENT_ID: 'x' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).issues.map((i) => i.variable).sort()).toEqual(['BOT_CONNECTOR_SECRET', 'GENESYS_CLIENT_SECRET']);
    }
  });

  it('rejects a malformed header name, port and URL', () => {
    expect(() => loadConfig({ BOT_CONNECTOR_SECRET_HEADER: 'Bad Header' })).toThrow(/BOT_CONNECTOR_SECRET_HEADER/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ANALYTICS_WEBHOOK_URL: 'not a url' })).toThrow(/ANALYTICS_WEBHOOK_URL/);
  });

  it('reads the upstream rate and the 429 retry budget as whole numbers in range, naming the variable otherwise', () => {
    expect(loadConfig({})).toMatchObject({ sendRatePerMinute: 300, max429Retries: 3 });
    expect(loadConfig({ GENESYS_RATE_LIMIT_PER_MINUTE: '120', GENESYS_MAX_429_RETRIES: '5' })).toMatchObject({ sendRatePerMinute: 120, max429Retries: 5 });
    expect(() => loadConfig({ GENESYS_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/GENESYS_RATE_LIMIT_PER_MINUTE must be a whole number from 1/);
    expect(() => loadConfig({ GENESYS_MAX_429_RETRIES: 'lots' })).toThrow(/GENESYS_MAX_429_RETRIES/);
    expect(() => loadConfig({ GENESYS_MAX_429_RETRIES: '11' })).toThrow(/GENESYS_MAX_429_RETRIES must be a whole number from 0 to 10/);
  });

  it('refuses to bind a non-loopback address without APP_ACCESS_TOKEN', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/APP_ACCESS_TOKEN/);
    expect(loadConfig({ HOST: '0.0.0.0', APP_ACCESS_TOKEN: 'app-access-token-0123456789' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.2' }).host).toBe('127.0.0.2');
  });

  it('is frozen, all the way down', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.genesys)).toBe(true);
    expect(Object.isFrozen(c.messenger)).toBe(true);
    expect(() => {
      (c.genesys as { apiBaseUrl?: string }).apiBaseUrl = 'http://elsewhere';
    }).toThrow(TypeError);
  });

  it('takes APP_PUBLIC_URL as an origin and requires a way to sign in with it (the token, Genesys Cloud, or both)', () => {
    expect(loadConfig({ APP_PUBLIC_URL: 'https://designer.example.com/', APP_ACCESS_TOKEN: 'app-access-token-0123456789' }).publicOrigin).toBe('https://designer.example.com');
    expect(loadConfig({ APP_PUBLIC_URL: 'https://designer.example.com/', GENESYS_SIGNIN_CLIENT_ID: 'signin-client' }).publicOrigin).toBe('https://designer.example.com');
    expect(() => loadConfig({ APP_PUBLIC_URL: 'https://designer.example.com' })).toThrow(/APP_ACCESS_TOKEN or GENESYS_SIGNIN_CLIENT_ID is required when APP_PUBLIC_URL/);
    expect(() => loadConfig({ APP_PUBLIC_URL: 'https://designer.example.com/app', APP_ACCESS_TOKEN: 'app-access-token-0123456789' })).toThrow(/APP_PUBLIC_URL must be the origin/);
  });

  it('takes a PostgreSQL DATABASE_URL, refuses any other scheme, and keeps it out of printed config (it holds a password)', () => {
    const url = 'postgres://designer:db-password-42@db.internal:5432/designer';
    const c = loadConfig({ DATABASE_URL: url });
    expect(c.databaseUrl).toBe(url);
    expect(JSON.stringify(c)).not.toContain('db-password-42');
    expect(inspect(c, { depth: 10 })).not.toContain('db-password-42');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
  });

  it('takes INSTANCE_URL as an origin; without it, the loopback port when HOST is loopback, else a guess with a warning on PostgreSQL', () => {
    const db = 'postgres://designer:pw@db.internal:5432/designer';
    const set = loadConfig({ INSTANCE_URL: 'http://10.0.0.5:3000/', DATABASE_URL: db, HOST: '0.0.0.0', APP_ACCESS_TOKEN: 'app-access-token-0123456789' });
    expect(set.instanceUrl).toBe('http://10.0.0.5:3000');
    expect(instanceUrlFor(set, 4000, 'box')).toEqual({ url: 'http://10.0.0.5:3000' });
    expect(() => loadConfig({ INSTANCE_URL: '10.0.0.5:3000' })).toThrow(/INSTANCE_URL must be the base URL/);
    expect(() => loadConfig({ INSTANCE_URL: 'http://10.0.0.5:3000/app' })).toThrow(/INSTANCE_URL must be the base URL/);

    expect(instanceUrlFor(loadConfig({ DATABASE_URL: db }), 41234, 'box')).toEqual({ url: 'http://127.0.0.1:41234' });
    const wide = instanceUrlFor(loadConfig({ DATABASE_URL: db, HOST: '0.0.0.0', APP_ACCESS_TOKEN: 'app-access-token-0123456789' }), 3000, 'box-7');
    expect(wide.url).toBe('http://box-7:3000');
    expect(wide.warning).toMatch(/INSTANCE_URL is not set/);
    // One instance on SQLite forwards nothing: no warning.
    expect(instanceUrlFor(loadConfig({ HOST: '10.1.2.3', APP_ACCESS_TOKEN: 'app-access-token-0123456789' }), 3000, 'box').warning).toBeUndefined();
  });

  it('keeps secrets readable but out of JSON and inspect output', () => {
    const c = loadConfig({ ...LIVE, APP_ACCESS_TOKEN: 'app-access-token-0123456789' });
    expect(c.genesys.clientSecret).toBe(LIVE.GENESYS_CLIENT_SECRET);
    for (const out of [JSON.stringify(c), inspect(c, { depth: 10 }), JSON.stringify(c.genesys), inspect(c.botConnector)]) {
      expect(out).not.toContain(LIVE.GENESYS_CLIENT_SECRET);
      expect(out).not.toContain(LIVE.BOT_CONNECTOR_SECRET);
      expect(out).not.toContain('app-access-token-0123456789');
    }
    expect(JSON.stringify(c)).toContain('client-1');
  });
});
