import { describe, expect, it } from 'vitest';
import { explainSendError } from './explain.ts';

describe('explainSendError', () => {
  it('tells the user to start a new test conversation when the session is already closed', () => {
    const x = explainSendError({ kind: 'conflict', message: 'closed', status: 409, code: 'session.already.closed' });
    expect(x.title).toMatch(/409 session.already.closed/);
    expect(x.next).toMatch(/Start a new test conversation/);
  });

  it('names the role permissions for a 403 and the credentials for a 401', () => {
    expect(explainSendError({ kind: 'forbidden', message: 'no', status: 403 }).next).toMatch(/integration:botconnector:send/);
    expect(explainSendError({ kind: 'auth', message: 'no', status: 401 }).next).toMatch(/GENESYS_CLIENT_SECRET/);
  });

  it('counts the attempts of a 429 and quotes what Genesys rejected in a 400', () => {
    expect(explainSendError({ kind: 'rate-limited', message: 'x', status: 429 }, 4).title).toMatch(/after 4 attempts/);
    expect(explainSendError({ kind: 'bad-request', message: 'content[0].card.title too long', status: 400 }).next).toMatch(/content\[0\]\.card\.title/);
  });

  it('explains a 404, a 422 from Genesys, the other 409 codes and a 5xx with a next step each', () => {
    expect(explainSendError({ kind: 'not-found', message: 'x', status: 404 })).toMatchObject({ title: expect.stringMatching(/404/), next: expect.stringMatching(/start a new test conversation/) });
    expect(explainSendError({ kind: 'bad-request', message: 'content[0].card.actions: too many', status: 422, code: 'invalid.value' })).toMatchObject({
      title: 'Genesys rejected the message (422 invalid.value)',
      next: expect.stringContaining('content[0].card.actions: too many'),
    });
    expect(explainSendError({ kind: 'conflict', message: 'x', status: 409, code: 'session.not.found' }).next).toMatch(/write again/);
    expect(explainSendError({ kind: 'conflict', message: 'x', status: 409, code: 'integration.not.active' }).next).toMatch(/Activate the integration/);
    expect(explainSendError({ kind: 'conflict', message: 'x', status: 409, code: 'bot.version.mismatch' }).next).toMatch(/bot id or version/);
    expect(explainSendError({ kind: 'server', message: 'x', status: 503 }).next).toMatch(/correlation id/);
    expect(explainSendError({ kind: 'rate-limited', message: 'x', status: 429 }, 4).next).toMatch(/GENESYS_MAX_429_RETRIES/);
  });

  it('warns against resending when the outcome is unknown', () => {
    expect(explainSendError({ kind: 'unknown-outcome', message: 'timeout' }).next).toMatch(/may have arrived/);
  });
});
