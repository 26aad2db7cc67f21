import type { Logger } from '../logger.ts';
import type { OutboxRepo } from '../store/ports.ts';

export type OutboxWorkerOptions = {
  url: string;
  store: OutboxRepo;
  logger: Logger;
  /** Attempts before an item is marked dead (kept in the table for inspection). */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
  now?: () => number;
  fetchImpl?: typeof fetch;
};

/**
 * Delivers analytics events from the durable outbox to ANALYTICS_WEBHOOK_URL with
 * exponential backoff. Runs beside the send path and never blocks it.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly maxAttempts: number;
  private readonly base: number;
  private readonly max: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;
  /** How long a claimed item is this worker's: the delivery timeout with room to record the outcome. */
  private readonly leaseMs: number;

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.maxAttempts = opts.maxAttempts ?? 10;
    this.base = opts.baseBackoffMs ?? 1000;
    this.max = opts.maxBackoffMs ?? 5 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.now = opts.now ?? Date.now;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.leaseMs = this.timeoutMs * 2 + 10_000;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Runs a delivery pass soon (after a send completes). */
  kick(): void {
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.running) {
      this.running = this.pass()
        .catch((err: unknown) => this.opts.logger.warn({ err }, 'analytics outbox pass failed; retrying later'))
        .finally(() => {
          this.running = null;
          void this.schedule();
        });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * One pass over every due item (exported for tests). Items are claimed for a lease longer
   * than one delivery can take, so a worker on another instance never posts the same event.
   */
  async pass(): Promise<void> {
    for (;;) {
      const items = await this.opts.store.claimDue(20, this.leaseMs);
      if (items.length === 0 || this.stopped) return;
      for (const item of items) {
        try {
          const res = await this.fetchImpl(this.opts.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Outbox-Id': String(item.id) },
            body: JSON.stringify(item.payload),
            signal: AbortSignal.timeout(this.timeoutMs),
          });
          await res.arrayBuffer().catch(() => undefined);
          if (res.ok) {
            await this.opts.store.delivered(item.id);
            continue;
          }
          await this.retryLater(item.id, item.attempts, `HTTP ${res.status}`);
        } catch (err) {
          await this.retryLater(item.id, item.attempts, err instanceof Error ? err.name : 'error');
        }
      }
    }
  }

  private async retryLater(id: number, attemptsBefore: number, reason: string): Promise<void> {
    const attempts = attemptsBefore + 1;
    if (attempts >= this.maxAttempts) {
      this.opts.logger.warn({ outboxId: id, attempts, reason }, 'analytics webhook gave up on an event');
      await this.opts.store.failed(id, reason, null);
      return;
    }
    const wait = Math.min(this.max, this.base * 2 ** (attempts - 1));
    await this.opts.store.failed(id, reason, this.now() + wait);
  }

  private async schedule(): Promise<void> {
    if (this.stopped || this.timer) return;
    const next = await this.opts.store.nextDueAt().catch(() => null);
    if (next === null || this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(10, next - this.now()));
    this.timer.unref();
  }
}
