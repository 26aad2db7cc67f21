import { describe, expect, it } from 'vitest';
import { GENESYS_ERROR_KINDS, GenesysApiError, hintFor, kindForStatus, parseErrorBody } from './errors.ts';
import { DEFAULT_RETRY, parseRetryAfterMs, retryDelay } from './retry.ts';

describe('error kinds and hints', () => {
  it.each([
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [413, 'bad-request'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ])('maps HTTP %i to %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });

  it('gives every kind a hint, and a per-code hint for each documented 409', () => {
    for (const kind of GENESYS_ERROR_KINDS) expect(hintFor(kind, 'outgoing').length).toBeGreaterThan(20);
    const codes = ['integration.not.active', 'session.already.closed', 'session.not.found', 'session.bot.id.mismatch', 'session.bot.version.mismatch'];
    const hints = codes.map((c) => hintFor('conflict', 'outgoing', c));
    expect(new Set(hints).size).toBe(codes.length);
    expect(hintFor('forbidden', 'agentSend')).toContain('conversation:message:create');
  });

  it('serialises without a stack', () => {
    const e = new GenesysApiError({ kind: 'conflict', message: 'm', operation: 'outgoing', attempts: 1, status: 409, code: 'session.not.found' });
    const json = JSON.parse(JSON.stringify(e));
    expect(json).toMatchObject({ kind: 'conflict', status: 409, code: 'session.not.found', attempts: 1 });
    expect(json.stack).toBeUndefined();
  });

  it('reads an ErrorBody, an OAuth error and plain text', () => {
    const eb = parseErrorBody(JSON.stringify({ message: 'bad', code: 'bad.request', status: 400, details: [{ fieldName: 'botState' }], errors: [] }));
    expect(eb).toMatchObject({ code: 'bad.request', fieldName: 'botState', message: 'bad' });
    expect(parseErrorBody('{"error":"invalid_client"}')).toMatchObject({ code: 'invalid_client' });
    expect(parseErrorBody('Bad Gateway').message).toBe('Bad Gateway');
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfterMs('42')).toBe(42_000);
    const now = Date.parse('2025-05-30T12:00:00Z');
    expect(parseRetryAfterMs('Fri, 30 May 2025 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });

  it('doubles the 5xx backoff and adds at most the same again in jitter', () => {
    expect(retryDelay(1, DEFAULT_RETRY, () => 0)).toBe(500);
    expect(retryDelay(2, DEFAULT_RETRY, () => 0)).toBe(1000);
    expect(retryDelay(2, DEFAULT_RETRY, () => 0.999)).toBeLessThan(2000);
    expect(retryDelay(10, DEFAULT_RETRY, () => 0)).toBe(DEFAULT_RETRY.maxBackoffMs);
  });
});
