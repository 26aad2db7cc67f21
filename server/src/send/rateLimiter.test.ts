import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rateLimiter.ts';

describe('SlidingWindowLimiter', () => {
  it('lets the first N calls start at once and holds the next until the oldest leaves the window', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 1000, () => now);
    const started: number[] = [];
    const all = [0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => started.push(i)));
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.queued()).toBe(2);
    now = 1001;
    await new Promise((r) => setTimeout(r, 1100));
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.inWindow()).toBe(2);
    limiter.close();
  });

  it('never has more than N starts inside any window under real time', async () => {
    const limiter = new SlidingWindowLimiter(5, 200);
    const stamps: number[] = [];
    await Promise.all(Array.from({ length: 12 }, () => limiter.acquire().then(() => stamps.push(performance.now()))));
    for (let i = 5; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 5]!).toBeGreaterThanOrEqual(199);
    limiter.close();
  });
});
