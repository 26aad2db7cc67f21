import { randomBytes } from 'node:crypto';
import type { SessionLimits } from '../config.ts';

export type Session = {
  /** Who signed in, as the audit log names them ("access token" for the shared token). */
  who: string;
  createdAt: number;
  lastSeenAt: number;
};

/**
 * Signed-in sessions, kept on the server so that signing out ends one for good (the old
 * cookie is refused) and idle and absolute limits apply. The cookie carries only a random id;
 * a restart signs everyone out, which a designer tool can afford.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(
    limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.idleMs = limits.idleMinutes * 60_000;
    this.maxAgeMs = limits.maxHours * 3_600_000;
  }

  create(who: string): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    this.sessions.set(id, { who, createdAt: t, lastSeenAt: t });
    return id;
  }

  /** The live session of this id, its idle clock restarted; null when unknown, ended or expired. */
  touch(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const t = this.now();
    if (t - s.lastSeenAt >= this.idleMs || t - s.createdAt >= this.maxAgeMs) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeenAt = t;
    return s;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) {
      if (t - s.lastSeenAt >= this.idleMs || t - s.createdAt >= this.maxAgeMs) this.sessions.delete(id);
    }
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
