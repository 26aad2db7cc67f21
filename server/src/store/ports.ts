/**
 * What the server keeps, as interfaces with two implementations: SQLite (store/sqlite/, the
 * embedded default, one instance) and PostgreSQL (store/postgres/, `DATABASE_URL`, any number
 * of instances on one database). Every method is async so both engines fit; each method that
 * must be atomic says so, and both implementations honour it with one transaction. One
 * contract suite (store/contract.ts) runs against both.
 *
 * The repositories store and fetch; behaviour (when a session expires, how a send is retried,
 * what an audit entry says) lives in the services that use them.
 */
import type {
  ActivityListQuery,
  ActivityListResponse,
  ActivityRecord,
  BotConnectorRequest,
  BotSession,
  BotSessionDetail,
  Design,
  DesignRecord,
  DesignSummary,
  DesignVersionResponse,
  DesignVersionSummary,
  ReplyMessage,
  SendError,
  SendRecord,
  SendStatsResponse,
  SendRecordTarget,
  SendStatus,
  SessionStatus,
  TimelineEntry,
} from '@grmd/shared';

// ---------------------------------------------------------------------------------------------
// Designs

export interface DesignRepo {
  list(opts?: { q?: string; limit?: number }): Promise<DesignSummary[]>;
  get(id: string): Promise<DesignRecord | null>;
  /** Atomic. Throws DesignConflictError('exists') when the id is taken (also by a deleted design). */
  create(design: Design): Promise<DesignRecord>;
  /** Atomic. null when there is no such design; DesignConflictError('version_conflict') when expectedVersion is not current. */
  update(id: string, design: Design, expectedVersion: number): Promise<DesignRecord | null>;
  /** Atomic soft delete (versions stay). false when there is no such design. */
  delete(id: string, expectedVersion?: number): Promise<boolean>;
  versions(id: string): Promise<DesignVersionSummary[] | null>;
  version(id: string, version: number): Promise<DesignVersionResponse | null>;
}

// ---------------------------------------------------------------------------------------------
// Sends (the audit log of sends) and the analytics outbox written with them

export type BeginInput = {
  idempotencyKey: string;
  requestHash: string;
  target: SendRecordTarget;
  channel?: string | null;
  designId?: string | null;
  designName?: string | null;
  message: unknown;
  text: string | null;
  /** Who asked for the send (the session's name for them). */
  actor?: string | null;
};

export type BeginResult =
  | { kind: 'new'; record: SendRecord }
  | { kind: 'replay'; record: SendRecord }
  | { kind: 'in-flight'; record: SendRecord }
  | { kind: 'mismatch'; record: SendRecord };

export type CompleteInput = {
  status: Exclude<SendStatus, 'pending'>;
  genesysMessageId?: string | null;
  attempts: number;
  latencyMs: number | null;
  error?: SendError | null;
};

/** An outbox row to write in the same transaction as a completed send (null: none). */
export type OutboxFor = (record: SendRecord) => { topic: string; payload: unknown } | null;

export type SendListOptions = { limit?: number; cursor?: string; status?: SendStatus; q?: string; actor?: string };

export interface SendRepo {
  /**
   * Atomic: claims an idempotency key across every instance on the database, so two requests
   * with the same key (to one instance or two) cannot both get `new`.
   */
  begin(input: BeginInput): Promise<BeginResult>;
  /** Atomic with the outbox row `outbox` returns. Only a pending record changes. */
  complete(id: string, result: CompleteInput, outbox?: OutboxFor): Promise<SendRecord>;
  /** A send refused before it left: a failed record with no attempt under a key of its own. */
  refused(input: Omit<BeginInput, 'idempotencyKey' | 'requestHash'>, error: SendError, outbox?: OutboxFor): Promise<SendRecord>;
  /**
   * On start: pending records older than `olderThan` (ISO time) become `unknown` (never resent).
   * With several instances, a younger pending record may be another instance's send in flight.
   */
  recoverPending(olderThan: string, outbox?: OutboxFor): Promise<number>;
  findByKey(idempotencyKey: string): Promise<{ hash: string; record: SendRecord } | null>;
  get(id: string): Promise<SendRecord | null>;
  /** Newest first; the cursor is opaque to clients. Throws InvalidCursorError for a cursor we did not hand out. */
  list(opts?: SendListOptions): Promise<{ items: SendRecord[]; nextCursor: string | null }>;
  stats(): Promise<SendStatsResponse>;
}

export type OutboxItem = { id: number; topic: string; payload: unknown; attempts: number };

export interface OutboxRepo {
  enqueue(topic: string, payload: unknown): Promise<number>;
  /**
   * Claims up to `limit` due items for `leaseMs` (their next attempt moves to now + leaseMs), so
   * no other worker on any instance takes them meanwhile (PostgreSQL: FOR UPDATE SKIP LOCKED).
   */
  claimDue(limit: number, leaseMs: number): Promise<OutboxItem[]>;
  nextDueAt(): Promise<number | null>;
  delivered(id: number): Promise<void>;
  /** retryAt null: dead (kept for inspection). */
  failed(id: number, error: string, retryAt: number | null): Promise<void>;
  counts(): Promise<Record<'pending' | 'delivered' | 'dead', number>>;
}

// ---------------------------------------------------------------------------------------------
// Bot Connector sessions, their timelines and armed replies

export type OutboundPush = {
  replyMessages: ReplyMessage[];
  botState: string;
  status: 'delivered' | 'failed' | 'unknown' | 'pending';
  messageId?: string;
  requestId?: string;
  error?: string;
};

/**
 * Who armed a reply and from what, kept with the armed reply itself so that whichever
 * instance Genesys calls next can write the audit record of its delivery.
 */
export type ArmedBy = {
  actor: string | null;
  designId: string | null;
  designName: string | null;
  channel: string | null;
};

export interface BotSessionRepo {
  /**
   * Atomic: registers or updates the session of an incoming Genesys call, records the
   * customer's message, and takes the armed reply (disarming it, recorded as an outbound
   * reply entry) with who armed it (`armedBy`, null with no reply or for a reply armed
   * without it). `created` says whether the session was new.
   */
  recordInbound(
    req: BotConnectorRequest,
  ): Promise<{ session: BotSession; entry: TimelineEntry; replyMessages: ReplyMessage[]; armedBy: ArmedBy | null; replyEntryId: number | null; created: boolean }>;
  /**
   * What became of an armed reply's timeline entry (pending when taken): `delivered` once the
   * bot's answer was written to Genesys, `unknown` when the connection closed first.
   */
  settleReply(entryId: number, status: 'delivered' | 'unknown'): Promise<void>;
  /** Atomic. undefined when the session is unknown. A delivered Complete/Failed push closes it. */
  recordOutbound(botSessionId: string, push: OutboundPush): Promise<TimelineEntry | undefined>;
  /** Newest first. */
  list(opts?: { limit?: number; status?: SessionStatus }): Promise<BotSession[]>;
  /** The newest session whose parameters hold `key` = `value` (a test conversation's run id). */
  findByParameter(key: string, value: string): Promise<BotSession | undefined>;
  summary(botSessionId: string): Promise<BotSession | undefined>;
  get(botSessionId: string): Promise<BotSessionDetail | undefined>;
  /** false when the session is unknown. `replyMessages` are valid Bot Connector replies (the caller parsed them). */
  arm(botSessionId: string, replyMessages: ReplyMessage[], by?: ArmedBy): Promise<boolean>;
  /** false when nothing was armed. */
  disarm(botSessionId: string): Promise<boolean>;
  close(botSessionId: string, reason: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Sign-in sessions (the cookie carries a random id; only its SHA-256 is stored)

export type SigninSession = {
  who: string;
  /** The Genesys user id when signed in with Genesys Cloud; null for the shared token. */
  userId: string | null;
  createdAt: number;
  lastSeenAt: number;
};

export interface SigninSessionRepo {
  create(idHash: string, session: SigninSession): Promise<void>;
  get(idHash: string): Promise<SigninSession | null>;
  touch(idHash: string, lastSeenAt: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Removes sessions idle since `idleBefore` or created before `createdBefore`. */
  deleteExpired(idleBefore: number, createdBefore: number): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Activity: the audit entries that are not sends (design saves and deletes, connection changes)

export type { ActivityAction, ActivityRecord } from '@grmd/shared';

/** What a service records; the store adds the id and the time. */
export type ActivityInput = Pick<ActivityRecord, 'action' | 'subject' | 'actor'> & {
  subjectName?: string | null;
  detail?: Record<string, unknown>;
};

export interface ActivityRepo {
  record(entry: ActivityInput): Promise<ActivityRecord>;
  /** Newest first; the cursor is opaque (InvalidCursorError when not ours). */
  list(opts?: ActivityListQuery): Promise<ActivityListResponse>;
}

// ---------------------------------------------------------------------------------------------
// Test conversations: which instance holds each one's guest socket

/**
 * The shared part of a test conversation. Its guest WebSocket (and so its transcript) lives in
 * the memory of one instance, its owner; every other instance forwards requests about it there.
 */
export type TestConversationRecord = {
  id: string;
  /** The base URL other instances reach the owner at (INSTANCE_URL). */
  owner: string;
  deploymentId: string;
  origin: string;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
  ended: { at: string; reason: string } | null;
};

export interface TestConversationRepo {
  register(rec: { id: string; owner: string; deploymentId: string; origin: string; createdAt: string }): Promise<void>;
  /** The first end stays (its time and reason); false when the id is unknown or ended already. */
  markEnded(id: string, reason: string, at: string): Promise<boolean>;
  get(id: string): Promise<TestConversationRecord | null>;
  /** Newest first. */
  listRecent(limit: number): Promise<TestConversationRecord[]>;
}

// ---------------------------------------------------------------------------------------------
// The upstream rate limit, shared by every instance on the database

export interface RateLimiter {
  /**
   * Resolves when one more upstream call may start; call the returned function when it has
   * finished. A slot counts from acquire until release + window.
   */
  acquire(): Promise<() => void>;
  close(): void;
}

// ---------------------------------------------------------------------------------------------

export type StoreEngine = 'sqlite' | 'postgres';

export interface Stores {
  engine: StoreEngine;
  designs: DesignRepo;
  sends: SendRepo;
  outbox: OutboxRepo;
  botSessions: BotSessionRepo;
  signins: SigninSessionRepo;
  activity: ActivityRepo;
  testConversations: TestConversationRepo;
  /** A limiter of `limit` calls per `windowMs` for one upstream key (the OAuth client id). */
  rateLimiter(key: string, limit: number, windowMs: number): RateLimiter;
  /** /readyz: whether a write can start now. */
  isWritable(): Promise<boolean>;
  close(): Promise<void>;
}
