/**
 * Paces upstream calls to a known limit (N per window) so a batch runs at the allowed rate
 * instead of hammering 429s. A sliding window is safe under fixed-window, sliding-window and
 * token-bucket limiters upstream alike: no window of `windowMs` ever holds more than N starts.
 */
export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  private readonly waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly limit: number,
    readonly windowMs: number = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit > 0)) throw new Error('limit must be positive');
  }

  /** Resolves when one more call may start; callers are served first come, first served. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  /** Calls started in the current window (for the bench and /api/connection). */
  inWindow(): number {
    this.prune();
    return this.starts.length;
  }

  queued(): number {
    return this.waiters.length;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    while (this.starts.length && this.starts[0]! <= cutoff) this.starts.shift();
  }

  private pump(): void {
    this.prune();
    while (this.waiters.length && this.starts.length < this.limit) {
      this.starts.push(this.now());
      this.waiters.shift()!();
    }
    if (this.waiters.length && !this.timer) {
      // A slot frees when the oldest start leaves the window.
      const wait = Math.max(1, this.starts[0]! + this.windowMs - this.now() + 1);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
    }
  }
}
