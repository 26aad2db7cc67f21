/**
 * A Web Messaging guest (genesys-messaging.md, "Web Messaging Guest WebSocket API"): what Messenger does, so the designer can show exactly what a
 * customer received next to what was sent. Opens `{url}?deploymentId=…` with the configured
 * Origin, configureSession with a fresh UUID token, sends text / a Presence Join / button
 * taps, keeps the socket alive with echo (60 s by default) and records every frame.
 * Works against the sandbox and against a real region (wss://webmessaging.{domain}/v1).
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { locatedIssues } from '../lib/zodIssues.ts';
import {
  guestFrameSchema,
  REGION_DOMAINS,
  REGIONS_WITHOUT_WEBSOCKET_HOST,
  type ButtonResponse,
  type GuestFrame,
  type Region,
} from '@grmd/shared';

/** The transport's echo marker (genesys-messaging.md, "Heartbeat: echo"), base64 of "HealthCheckMessageId". */
export const ECHO_MARKER = 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=';
export const DEFAULT_ECHO_INTERVAL_MS = 60_000;

export type FrameKind = 'session' | 'message' | 'receipt' | 'echo' | 'error' | 'rate-limited' | 'event' | 'response';

export type RecordedFrame = { seq: number; at: string; kind: FrameKind; frame: GuestFrame };
/** A frame that is not JSON or not a Guest API frame: kept as text so nothing received is lost. */
export type UnrecognizedFrame = { at: string; raw: string; reason: string };

export type GuestClientOptions = {
  /** WebSocket endpoint ending in /v1 (see guestWebSocketUrl). */
  url: string;
  deploymentId: string;
  /** Sent as the Origin header; must be one of the deployment's allowed domains. */
  origin: string;
  /** Guest session token; a fresh UUID by default. */
  token?: string;
  echoIntervalMs?: number;
  connectTimeoutMs?: number;
  /** Custom attributes sent with every text message (channel.metadata.customAttributes). */
  customAttributes?: Record<string, string>;
};

export class GuestError extends Error {
  readonly code?: number;
  readonly body?: unknown;
  constructor(message: string, code?: number, body?: unknown) {
    super(message);
    this.name = 'GuestError';
    this.code = code;
    this.body = body;
  }
}

/** wss://webmessaging.{domain}/v1 for a region (genesys-messaging.md, "Region domains"), or the override. */
export function guestWebSocketUrl(opts: { region?: Region; override?: string }): string {
  if (opts.override) return opts.override;
  const region = opts.region ?? 'us_east_1';
  if (REGIONS_WITHOUT_WEBSOCKET_HOST.includes(region)) {
    throw new GuestError(`The reference lists no Web Messaging host for ${region}; set GENESYS_WEBMESSAGING_URL`);
  }
  return `wss://webmessaging.${REGION_DOMAINS[region]}/v1`;
}

export function classifyFrame(f: GuestFrame): FrameKind {
  if (f.class === 'SessionResponse') return 'session';
  if (f.class === 'TooManyRequestsErrorMessage') return 'rate-limited';
  if (f.class === 'StructuredMessage') {
    // An echo comes back as a *response*; real messages arrive as type "message".
    if (f.type === 'response') return 'echo';
    const body = f.body as { type?: string } | undefined;
    return body?.type === 'Receipt' ? 'receipt' : 'message';
  }
  if (f.class === 'string' && f.code >= 400) return 'error';
  if (f.type === 'message') return 'event';
  return 'response';
}

type Events = {
  frame: [RecordedFrame];
  message: [Record<string, unknown>];
  receipt: [Record<string, unknown>];
  'error-frame': [GuestFrame];
  unrecognized: [UnrecognizedFrame];
  close: [number, string];
};

export class GuestClient extends EventEmitter<Events> {
  readonly token: string;
  readonly deploymentId: string;
  readonly frames: RecordedFrame[] = [];
  readonly unrecognized: UnrecognizedFrame[] = [];
  session: Record<string, unknown> | undefined;
  #opts: GuestClientOptions;
  #ws: WebSocket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #seq = 0;

  constructor(opts: GuestClientOptions) {
    super();
    this.#opts = opts;
    this.token = opts.token ?? randomUUID();
    this.deploymentId = opts.deploymentId;
  }

  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket and configures the session; resolves with the SessionResponse body. */
  async connect(): Promise<Record<string, unknown>> {
    const base = this.#opts.url.replace(/\/+$/, '');
    const url = `${base}${base.includes('?') ? '&' : '?'}deploymentId=${encodeURIComponent(this.deploymentId)}`;
    const ws = new WebSocket(url, { origin: this.#opts.origin, handshakeTimeout: this.#opts.connectTimeoutMs ?? 10_000 });
    this.#ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => {
        reject(new GuestError(`The Web Messaging upgrade was refused with HTTP ${res.statusCode}${res.statusCode === 403 ? ': the Origin is not an allowed domain of the deployment' : ''}`, res.statusCode));
        ws.terminate();
      });
      ws.once('error', (err) => reject(new GuestError(`Web Messaging connection failed: ${err.message}`)));
    });
    ws.on('message', (data) => this.#onData(data.toString()));
    ws.on('close', (code, reason) => {
      this.#stopTimer();
      this.emit('close', code, reason.toString());
    });
    ws.on('error', () => {
      /* reported through close */
    });
    const answer = this.waitFor((f) => f.kind === 'session' || f.kind === 'error', { timeoutMs: this.#opts.connectTimeoutMs ?? 10_000, since: this.#seq });
    this.#send({ action: 'configureSession', deploymentId: this.deploymentId, token: this.token, startNew: false });
    const f = await answer;
    if (f.kind === 'error') throw new GuestError(`configureSession failed: ${String(f.frame.body)}`, f.frame.code, f.frame.body);
    this.session = f.frame.body as Record<string, unknown>;
    const every = this.#opts.echoIntervalMs ?? DEFAULT_ECHO_INTERVAL_MS;
    if (every > 0) {
      this.#timer = setInterval(() => this.echo(), every);
      this.#timer.unref();
    }
    return this.session;
  }

  #onData(text: string) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#unrecognized(text, 'not JSON');
      return;
    }
    const parsed = guestFrameSchema.safeParse(json);
    if (!parsed.success) {
      const first = locatedIssues(parsed.error)[0];
      this.#unrecognized(text, `not a Guest API frame (${first ? `${first.path || 'frame'}: ${first.message}` : 'unknown shape'})`);
      return;
    }
    const frame = parsed.data;
    const rec: RecordedFrame = { seq: ++this.#seq, at: new Date().toISOString(), kind: classifyFrame(frame), frame };
    this.frames.push(rec);
    this.emit('frame', rec);
    if (rec.kind === 'message') this.emit('message', frame.body as Record<string, unknown>);
    else if (rec.kind === 'receipt') this.emit('receipt', frame.body as Record<string, unknown>);
    else if (rec.kind === 'error' || rec.kind === 'rate-limited') this.emit('error-frame', frame);
  }

  #unrecognized(raw: string, reason: string) {
    // Bounded: a misbehaving peer must not grow memory without end.
    if (this.unrecognized.length >= 200) this.unrecognized.shift();
    const rec = { at: new Date().toISOString(), raw: raw.length > 4096 ? `${raw.slice(0, 4096)}…` : raw, reason };
    this.unrecognized.push(rec);
    this.emit('unrecognized', rec);
  }

  #send(obj: object) {
    if (!this.#ws || this.#ws.readyState !== WebSocket.OPEN) throw new GuestError('The guest socket is not open');
    this.#ws.send(JSON.stringify(obj));
  }

  sendText(text: string, customAttributes = this.#opts.customAttributes) {
    const message: Record<string, unknown> = { type: 'Text', text };
    if (customAttributes) message.channel = { metadata: { customAttributes } };
    this.#send({ action: 'onMessage', token: this.token, message });
  }

  /** Auto-start: a Presence Join event. */
  join() {
    this.#send({ action: 'onMessage', token: this.token, message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] } });
  }

  /** A tap on a card Postback (type Button) or a quick reply (type QuickReply), as a ButtonResponse. */
  tap(button: { text: string; payload: string; type?: ButtonResponse['type'] }) {
    const buttonResponse = { type: button.type ?? 'Button', text: button.text, payload: button.payload };
    this.#send({
      action: 'onMessage',
      token: this.token,
      message: { type: 'Structured', text: button.text, content: [{ contentType: 'ButtonResponse', buttonResponse }] },
    });
  }

  echo() {
    if (!this.connected) return;
    this.#send({ action: 'echo', token: this.token, message: { type: 'Text', text: 'ping', metadata: { customMessageId: ECHO_MARKER } } });
  }

  /** Bodies of every StructuredMessage received as a message (not echoes, not receipts). */
  messages(): Record<string, unknown>[] {
    return this.frames.filter((f) => f.kind === 'message').map((f) => f.frame.body as Record<string, unknown>);
  }

  /** What Messenger shows from the bot or an agent: Outbound messages, sorted by channel.time. */
  received(): Record<string, unknown>[] {
    return this.messages()
      .filter((b) => b.direction === 'Outbound')
      .map((b, i) => ({ b, i }))
      .sort((x, y) => timeOf(x.b) - timeOf(y.b) || x.i - y.i)
      .map((x) => x.b);
  }

  /** Resolves with the first frame (recorded after `since`) matching the predicate. */
  waitFor(pred: (f: RecordedFrame) => boolean, opts: { timeoutMs?: number; since?: number } = {}): Promise<RecordedFrame> {
    const since = opts.since ?? 0;
    const hit = this.frames.find((f) => f.seq > since && pred(f));
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const onFrame = (f: RecordedFrame) => {
        if (f.seq > since && pred(f)) {
          cleanup();
          resolve(f);
        }
      };
      const onClose = () => {
        cleanup();
        reject(new GuestError('The guest socket closed while waiting'));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new GuestError(`No matching frame within ${opts.timeoutMs ?? 10_000} ms`));
      }, opts.timeoutMs ?? 10_000);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('frame', onFrame);
        this.off('close', onClose);
      };
      this.on('frame', onFrame);
      this.on('close', onClose);
    });
  }

  /** Sequence number of the last recorded frame (pass as `since` to wait for newer ones). */
  get lastSeq(): number {
    return this.#seq;
  }

  #stopTimer() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async close(): Promise<void> {
    this.#stopTimer();
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000);
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000).unref();
    });
  }
}

function timeOf(b: Record<string, unknown>): number {
  const t = (b.channel as { time?: string } | undefined)?.time;
  return t ? Date.parse(t) : 0;
}

export function createGuestClient(opts: GuestClientOptions): GuestClient {
  return new GuestClient(opts);
}
