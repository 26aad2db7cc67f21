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

  it('warns against resending when the outcome is unknown', () => {
    expect(explainSendError({ kind: 'unknown-outcome', message: 'timeout' }).next).toMatch(/may have arrived/);
  });
});
