import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rateLimiter.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SlidingWindowLimiter', () => {
  it('lets N calls start at once and holds the next until a finished one leaves the window', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 1000, () => now);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    for (const i of [0, 1, 2, 3, 4]) void limiter.acquire().then((rel) => (started.push(i), releases.push(rel)));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.queued()).toBe(2);
    now = 5000;
    await tick();
    // Still in flight: time alone frees nothing.
    expect(started).toEqual([0, 1, 2]);
    releases[0]!();
    releases[1]!();
    now = 5500;
    await tick();
    expect(started).toEqual([0, 1, 2]);
    now = 6001;
    await new Promise((r) => setTimeout(r, 1100));
    expect(started).toEqual([0, 1, 2, 3, 4]);
    limiter.close();
  });

  it('never lets more than N calls finish inside any window under real time', async () => {
    const limiter = new SlidingWindowLimiter(5, 200);
    const starts: number[] = [];
    const ends: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await limiter.acquire();
        starts.push(performance.now());
        await new Promise((r) => setTimeout(r, 10));
        ends.push(performance.now());
        release();
      }),
    );
    starts.sort((a, b) => a - b);
    ends.sort((a, b) => a - b);
    // The 6th call starts only after the 1st finished call's window has passed.
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - ends[i - 5]!).toBeGreaterThanOrEqual(199);
    limiter.close();
  });
});
