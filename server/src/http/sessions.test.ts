import { describe, expect, it } from 'vitest';
import { FailureThrottle, SessionRegistry } from './sessions.ts';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionRegistry', () => {
  it('ends a session left idle past the idle limit', () => {
    const c = clock();
    const r = new SessionRegistry({ idleMinutes: 30, maxHours: 12 }, c.now);
    const id = r.create('access token');
    c.advance(29 * 60_000);
    expect(r.touch(id)?.who).toBe('access token');
    c.advance(29 * 60_000); // 58 minutes old, but used 29 minutes ago
    expect(r.touch(id)).not.toBeNull();
    c.advance(30 * 60_000);
    expect(r.touch(id)).toBeNull();
    expect(r.touch(id)).toBeNull();
  });

  it('ends a busy session at the absolute limit', () => {
    const c = clock();
    const r = new SessionRegistry({ idleMinutes: 60, maxHours: 2 }, c.now);
    const id = r.create('access token');
    for (let i = 0; i < 7; i++) {
      c.advance(15 * 60_000);
      expect(r.touch(id)).not.toBeNull();
    }
    c.advance(15 * 60_000);
    expect(r.touch(id)).toBeNull();
  });

  it('refuses an ended or unknown id', () => {
    const r = new SessionRegistry({ idleMinutes: 60, maxHours: 2 });
    const id = r.create('access token');
    r.end(id);
    expect(r.touch(id)).toBeNull();
    expect(r.touch('made-up')).toBeNull();
    expect(r.touch(undefined)).toBeNull();
  });
});

describe('FailureThrottle', () => {
  it('lets an address fail the limit times a minute, then names the wait until the oldest failure expires', () => {
    const c = clock();
    const t = new FailureThrottle(3, c.now);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('203.0.113.1')).toBe(0);
      t.fail('203.0.113.1');
      c.advance(10_000);
    }
    expect(t.retryAfter('203.0.113.1')).toBe(30);
    expect(t.retryAfter('203.0.113.2')).toBe(0);
    c.advance(30_000);
    expect(t.retryAfter('203.0.113.1')).toBe(0);
  });
});
