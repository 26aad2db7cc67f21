import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { onAuthEvent } from './authEvents.ts';
import { api, ApiRequestError } from './client.ts';

afterEach(() => vi.unstubAllGlobals());

function stub(status: number, body: unknown) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })));
}

describe('api()', () => {
  it('turns a 409 version_conflict into a typed error keeping currentVersion and a next step', async () => {
    stub(409, { error: { code: 'version_conflict', message: 'Version 3 is current', currentVersion: 3 } });
    const e = await api('/designs/x', z.object({})).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiRequestError);
    const err = e as ApiRequestError;
    expect([err.status, err.code, err.message, err.details.currentVersion]).toEqual([409, 'version_conflict', 'Version 3 is current', 3]);
    expect(err.next).toMatch(/newer version/);
  });

  it('keeps the issues of a 422 with their paths', async () => {
    stub(422, { error: { code: 'invalid_message', message: 'bad', issues: [{ severity: 'error', code: 'x', message: 'too long', path: 'content[0].card.title' }] } });
    const err = (await api('/sends', z.object({})).catch((x: unknown) => x)) as ApiRequestError;
    expect(err.issues[0]!.path).toBe('content[0].card.title');
  });

  it('reports a non-JSON error page and an answer of the wrong shape as errors, not data', async () => {
    stub(502, '<html>Bad gateway</html>');
    await expect(api('/x', z.object({}))).rejects.toMatchObject({ status: 502, code: 'http_error' });
    stub(200, { nope: true });
    await expect(api('/x', z.object({ id: z.string() }))).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('reports an unreachable server as status 0 with advice', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const err = (await api('/x', z.object({})).catch((x: unknown) => x)) as ApiRequestError;
    expect(err.status).toBe(0);
    expect(err.next).toMatch(/cannot be reached/);
  });

  it('tells the sign-in gate when a request finds no session, and not when a typed token is wrong', async () => {
    const heard = vi.fn();
    const off = onAuthEvent('unauthenticated', heard);
    stub(401, { error: { code: 'bad_token', message: 'The access token is wrong' } });
    await expect(api('/auth/login', z.object({}))).rejects.toMatchObject({ status: 401 });
    expect(heard).not.toHaveBeenCalled();
    stub(401, { error: { code: 'unauthenticated', message: 'Sign in first' } });
    await expect(api('/designs', z.object({}))).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(heard).toHaveBeenCalledTimes(1);
    off();
  });
});
