import type { Logger } from '../logger.ts';
import type { OutboxStore } from '../store/outbox.ts';

export type OutboxWorkerOptions = {
  url: string;
  store: OutboxStore;
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

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.maxAttempts = opts.maxAttempts ?? 10;
    this.base = opts.baseBackoffMs ?? 1000;
    this.max = opts.maxBackoffMs ?? 5 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.now = opts.now ?? Date.now;
    this.fetchImpl = opts.fetchImpl ?? fetch;
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
      this.running = this.pass().finally(() => {
        this.running = null;
        this.schedule();
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every due item (exported for tests). */
  async pass(): Promise<void> {
    for (;;) {
      const items = this.opts.store.due(20);
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
            this.opts.store.delivered(item.id);
            continue;
          }
          this.retryLater(item.id, item.attempts, `HTTP ${res.status}`);
        } catch (err) {
          this.retryLater(item.id, item.attempts, err instanceof Error ? err.name : 'error');
        }
      }
    }
  }

  private retryLater(id: number, attemptsBefore: number, reason: string): void {
    const attempts = attemptsBefore + 1;
    if (attempts >= this.maxAttempts) {
      this.opts.logger.warn({ outboxId: id, attempts, reason }, 'analytics webhook gave up on an event');
      this.opts.store.failed(id, reason, null);
      return;
    }
    const wait = Math.min(this.max, this.base * 2 ** (attempts - 1));
    this.opts.store.failed(id, reason, this.now() + wait);
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const next = this.opts.store.nextDueAt();
    if (next === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(10, next - this.now()));
    this.timer.unref();
  }
}
