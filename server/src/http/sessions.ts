import { createHash, randomBytes } from 'node:crypto';
import type { SessionLimits } from '../config.ts';
import type { SigninSession, SigninSessionRepo } from '../store/ports.ts';

export type Session = SigninSession;

/** What the store keeps of a cookie's id: its hash, so a copy of the database opens no session. */
const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

/** How often the idle clock is written back: each request need not be a write. */
const TOUCH_EVERY_MS = 30_000;

/**
 * Signed-in sessions, kept in the store (every instance sees them, a restart keeps them) so
 * that signing out ends one for good (the old cookie is refused) and idle and absolute limits
 * apply. The cookie carries only a random id.
 */
export class SessionRegistry {
  private readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(
    private readonly repo: SigninSessionRepo,
    limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.idleMs = limits.idleMinutes * 60_000;
    this.maxAgeMs = limits.maxHours * 3_600_000;
  }

  async create(who: string, userId: string | null = null): Promise<string> {
    const t = this.now();
    await this.repo.deleteExpired(t - this.idleMs, t - this.maxAgeMs);
    const id = randomBytes(32).toString('base64url');
    await this.repo.create(hashId(id), { who, userId, createdAt: t, lastSeenAt: t });
    return id;
  }

  /** The live session of this id, its idle clock restarted; null when unknown, ended or expired. */
  async touch(id: string | undefined): Promise<Session | null> {
    if (!id) return null;
    const key = hashId(id);
    const s = await this.repo.get(key);
    if (!s) return null;
    const t = this.now();
    if (t - s.lastSeenAt >= this.idleMs || t - s.createdAt >= this.maxAgeMs) {
      await this.repo.delete(key);
      return null;
    }
    if (t - s.lastSeenAt >= Math.min(TOUCH_EVERY_MS, this.idleMs / 2)) await this.repo.touch(key, t);
    return { ...s, lastSeenAt: t };
  }

  async end(id: string | undefined): Promise<void> {
    if (id) await this.repo.delete(hashId(id));
  }
}

/**
 * Failed sign-ins per client address in a sliding minute: past the limit, sign-in answers
 * 429 until the oldest failure leaves the window (its wait is Retry-After).
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the address must wait, or 0 when it may try. */
  retryAfter(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.perMinute) return 0;
    return Math.max(1, Math.ceil((recent[0]! + 60_000 - this.now()) / 1000));
  }

  fail(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failures.set(address, recent);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - 60_000;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(address, kept);
    else this.failures.delete(address);
    return kept;
  }
}
