/**
 * Paces upstream calls to a known limit (N per window) so a batch runs at the allowed rate
 * instead of hammering 429s. A slot counts from acquire until `release()` + window: Genesys
 * counts a call when it arrives, somewhere between our acquire and our release, so holding
 * the slot until the answer came back keeps every upstream window (fixed, sliding or token
 * bucket) at N calls or fewer, whatever the token fetch or network delay before the call.
 */
type Slot = { t: number };

/**
 * The upstream limit's window (a minute) plus slack for clock differences between us and
 * Genesys; slots are held until the call finished, which already covers network delay.
 */
export const UPSTREAM_WINDOW_MS = 60_000 + 100;

export class SlidingWindowLimiter {
  private slots: Slot[] = [];
  private readonly waiters: ((release: () => void) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly limit: number,
    readonly windowMs: number = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit > 0)) throw new Error('limit must be positive');
  }

  /**
   * Resolves when one more call may start, first come first served. Call the returned
   * function when the call has finished (answered or failed).
   */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  /** Slots held: calls in flight plus calls finished within the window. */
  inWindow(): number {
    this.prune();
    return this.slots.length;
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
    if (this.slots.some((s) => s.t <= cutoff)) this.slots = this.slots.filter((s) => s.t > cutoff);
  }

  private pump(): void {
    this.prune();
    while (this.waiters.length && this.slots.length < this.limit) {
      const slot: Slot = { t: Infinity };
      this.slots.push(slot);
      let released = false;
      this.waiters.shift()!(() => {
        if (released) return;
        released = true;
        slot.t = this.now();
        this.pump();
      });
    }
    if (this.waiters.length && !this.timer) {
      // The next slot frees when the earliest finished call leaves the window; calls still in
      // flight free nothing until they are released (which pumps again).
      let earliest = Infinity;
      for (const s of this.slots) if (s.t < earliest) earliest = s.t;
      if (earliest === Infinity) return;
      const wait = Math.max(1, earliest + this.windowMs - this.now() + 1);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
    }
  }
}
