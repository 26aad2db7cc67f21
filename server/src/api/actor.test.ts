import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { CARD_MESSAGE, openGuest, startHarness, type Harness } from '../testing/harness.ts';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function sendOnce(h: Harness, agent: ReturnType<typeof request.agent>, key: string) {
  const guest = await openGuest(h);
  const res = await agent
    .post('/api/sends')
    .set('Idempotency-Key', key)
    .send({ message: CARD_MESSAGE, target: { kind: 'botSession', botSessionId: guest.session.botSessionId } });
  guest.close();
  return res;
}

describe('who did each send', () => {
  it('is "local" on a loopback server without sign-in, and the audit list filters by it', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const agent = request.agent(h.url);
    expect((await sendOnce(h, agent, 'actor-local-1')).body.status).toBe('sent');
    const list = await agent.get('/api/sends');
    expect(list.body.items[0].actor).toBe('local');
    expect((await agent.get('/api/sends?actor=local')).body.items).toHaveLength(1);
    expect((await agent.get('/api/sends?actor=someone-else')).body.items).toHaveLength(0);
  });

  it('is "access token" for a session opened with APP_ACCESS_TOKEN', async () => {
    const h = await startHarness({ APP_ACCESS_TOKEN: 'actor-access-token-012345' });
    harnesses.push(h);
    const agent = request.agent(h.url);
    await agent.post('/api/auth/login').send({ token: 'actor-access-token-012345' }).expect(200);
    expect((await sendOnce(h, agent, 'actor-token-1')).body.status).toBe('sent');
    expect((await agent.get('/api/sends')).body.items[0].actor).toBe('access token');
  });
});
