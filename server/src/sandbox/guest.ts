/**
 * The Web Messaging Guest WebSocket (genesys-messaging.md, "Web Messaging Guest WebSocket
 * API", and web-messaging/guest-api-swagger.json beside it): `/v1?deploymentId=…`, the Origin
 * checked against the deployment's allowed domains (403 on the upgrade otherwise),
 * configureSession → SessionResponse, onMessage (Text, Structured ButtonResponse, Event),
 * echo, and the Guest API's error frames.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { z } from 'zod';
import { buttonResponseSchema, GUEST_ERROR_CODES, type GuestFrame } from '@grmd/shared';
import { locatedIssues } from '../lib/zodIssues.ts';
import { guestErrorFrame, tooManyRequestsFrame } from './wire.ts';
import type { DeploymentConfig, FaultRule } from './types.ts';

export type GuestSession = {
  token: string;
  deploymentId: string;
  conversationId?: string;
  sockets: Set<WebSocket>;
  createdAt: number;
  lastActivityAt: number;
  expired: boolean;
  window: { start: number; count: number };
};

export type InboundGuestMessage = {
  id: string;
  type: 'Text' | 'Structured' | 'Event';
  text?: string;
  buttonResponses: { type: 'Button' | 'QuickReply' | 'DatePicker' | 'ListPicker' | 'Form'; text: string; payload: string }[];
  presence?: string;
  customAttributes?: Record<string, string>;
};

type HubDeps = {
  clock: () => number;
  settings: {
    guestMessageMaxLength: number;
    guestMaxCustomDataBytes: number;
    guestRateLimit: { max: number; windowSeconds: number };
    guestSessionTtlSeconds: number;
    guestMaxConnections: number;
  };
  deployments: Map<string, DeploymentConfig>;
  takeFault: () => FaultRule | undefined;
  onInbound: (session: GuestSession, message: InboundGuestMessage) => void;
  logger?: { warn?: (o: object, msg?: string) => void };
};

// What the sandbox accepts inside onMessage.message (the Guest API's NormalizedType; "onMessage" and "Clicks" in genesys-messaging.md).
const guestMessageSchema = z.looseObject({
  type: z.enum(['Text', 'Structured', 'Event', 'Message', 'Receipt']),
  text: z.string().optional(),
  content: z.array(z.looseObject({ contentType: z.string() })).optional(),
  events: z.array(z.looseObject({ eventType: z.string() })).optional(),
  channel: z.looseObject({ metadata: z.looseObject({ customAttributes: z.record(z.string(), z.string()).optional() }).optional() }).optional(),
});

const MAX_TOKEN_LENGTH = 2048;

export class GuestHub {
  #d: HubDeps;
  #wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  #sessions = new Map<string, GuestSession>();
  #socketSession = new WeakMap<WebSocket, GuestSession>();

  constructor(deps: HubDeps) {
    this.#d = deps;
  }

  close() {
    for (const c of this.#wss.clients) c.terminate();
    this.#wss.close();
  }

  session(token: string): GuestSession | undefined {
    return this.#sessions.get(token);
  }

  expireSession(token: string): boolean {
    const s = this.#sessions.get(token);
    if (!s) return false;
    s.expired = true;
    return true;
  }

  /** Writes a frame to every open socket of the session; returns how many. */
  sendToSession(token: string, frame: GuestFrame): number {
    const s = this.#sessions.get(token);
    if (!s) return 0;
    let n = 0;
    for (const ws of s.sockets) {
      if (ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify(frame));
        n++;
      }
    }
    return n;
  }

  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const refuse = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
      socket.destroy();
    };
    if (url.pathname !== '/v1') return refuse(404, 'Not Found');
    const deploymentId = url.searchParams.get('deploymentId');
    if (!deploymentId) return refuse(400, 'Bad Request');
    const dep = this.#d.deployments.get(deploymentId);
    if (!dep) return refuse(404, 'Not Found');
    if (!originAllowed(req.headers.origin, dep.allowedOrigins)) return refuse(403, 'Forbidden');
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, deploymentId));
  }

  #onConnection(ws: WebSocket, deploymentId: string) {
    const reply = (f: GuestFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(f));
    };
    ws.on('message', (data) => {
      let frame: Record<string, unknown>;
      try {
        const parsed = JSON.parse(data.toString());
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        frame = parsed;
      } catch {
        return reply(guestErrorFrame(400, 'Request failed: the frame is not a JSON object'));
      }
      void this.#onFrame(ws, deploymentId, frame, reply).catch((err) => {
        this.#d.logger?.warn?.({ err: String(err) }, 'sandbox guest frame failed');
        reply(guestErrorFrame(GUEST_ERROR_CODES.UnexpectedError));
      });
    });
    ws.on('close', () => {
      const s = this.#socketSession.get(ws);
      s?.sockets.delete(ws);
    });
  }

  #liveSession(token: string): GuestSession | 'expired' | undefined {
    const s = this.#sessions.get(token);
    if (!s) return undefined;
    if (s.expired || this.#d.clock() - s.lastActivityAt > this.#d.settings.guestSessionTtlSeconds * 1000) {
      s.expired = true;
      return 'expired';
    }
    return s;
  }

  async #onFrame(ws: WebSocket, deploymentId: string, f: Record<string, unknown>, reply: (f: GuestFrame) => void) {
    const action = f.action;
    if (typeof action !== 'string' || !action) return reply(guestErrorFrame(GUEST_ERROR_CODES.MissingParameter, 'Missing parameter: action'));
    const token = f.token;
    if (typeof token !== 'string' || !token) return reply(guestErrorFrame(GUEST_ERROR_CODES.MissingParameter, 'Missing parameter: token'));
    if (token.length > MAX_TOKEN_LENGTH) return reply(guestErrorFrame(400, `token is longer than ${MAX_TOKEN_LENGTH} characters`));
    if (action === 'echo') {
      // The heartbeat: answered as a response (never a message) and kept out of the conversation. The
      // request carries the token like every action; whether Genesys also wants a configured
      // session is undocumented, so none is required.
      const m = (f.message ?? {}) as Record<string, unknown>;
      return reply({
        type: 'response',
        class: 'StructuredMessage',
        code: 200,
        body: {
          text: typeof m.text === 'string' ? m.text : 'ping',
          type: 'Text',
          direction: 'Inbound',
          id: randomUUID().replace(/-/g, ''),
          ...(m.metadata ? { metadata: m.metadata } : {}),
        },
        ...(typeof f.tracingId === 'string' ? { tracingId: f.tracingId } : {}),
      });
    }

    if (action === 'configureSession') {
      if (typeof f.deploymentId !== 'string' || !f.deploymentId) return reply(guestErrorFrame(GUEST_ERROR_CODES.MissingParameter, 'Missing parameter: deploymentId'));
      if (f.deploymentId !== deploymentId) return reply(guestErrorFrame(400, 'deploymentId does not match the connection'));
      const existing = this.#liveSession(token);
      if (existing === 'expired') return reply(guestErrorFrame(GUEST_ERROR_CODES.SessionHasExpired));
      const now = this.#d.clock();
      let s = existing;
      const newSession = !s;
      if (!s) {
        s = { token, deploymentId, sockets: new Set(), createdAt: now, lastActivityAt: now, expired: false, window: { start: now, count: 0 } };
        this.#sessions.set(token, s);
      } else if (s.deploymentId !== deploymentId) {
        return reply(guestErrorFrame(GUEST_ERROR_CODES.SessionNotFound));
      }
      // At most 3 connections per session: a 4th closes the oldest.
      if (!s.sockets.has(ws) && s.sockets.size >= this.#d.settings.guestMaxConnections) {
        const oldest = s.sockets.values().next().value as WebSocket;
        s.sockets.delete(oldest);
        oldest.send(JSON.stringify({ type: 'message', class: 'ConnectionClosedEvent', code: 200, body: {} }));
        oldest.close(1000, 'Too many connections');
      }
      s.sockets.add(ws);
      this.#socketSession.set(ws, s);
      const ttl = this.#d.settings.guestSessionTtlSeconds;
      return reply({
        type: 'response',
        class: 'SessionResponse',
        code: 200,
        body: {
          connected: true,
          newSession,
          readOnly: false,
          maxCustomDataBytes: this.#d.settings.guestMaxCustomDataBytes,
          allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }, { type: 'image/jpeg' }], maxFileSizeKB: 10240 } },
          blockedExtensions: [],
          clearedExistingSession: false,
          durationSeconds: ttl,
          expirationDate: Math.floor((s.lastActivityAt + ttl * 1000) / 1000),
        },
      });
    }

    if (action === 'onMessage') {
      const s = this.#socketSession.get(ws);
      const live = this.#liveSession(token);
      if (live === 'expired') return reply(guestErrorFrame(GUEST_ERROR_CODES.SessionHasExpired));
      if (!live || s !== live) return reply(guestErrorFrame(GUEST_ERROR_CODES.SessionNotFound));
      if (f.message === undefined || f.message === null) return reply(guestErrorFrame(GUEST_ERROR_CODES.MissingParameter, 'Missing parameter: message'));
      const fault = this.#d.takeFault();
      let resetAfter = false;
      if (fault) {
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault.reset) resetAfter = true;
        else if (fault.status === 429 || fault.status === GUEST_ERROR_CODES.RequestRateTooHigh) return reply(tooManyRequestsFrame(fault.retryAfterSeconds ?? 3));
        else if (fault.status) return reply(guestErrorFrame(fault.status));
      }
      const retryAfter = this.#rateLimited(live);
      if (retryAfter !== undefined) return reply(tooManyRequestsFrame(retryAfter));
      const parsed = guestMessageSchema.safeParse(f.message);
      if (!parsed.success) {
        const i = locatedIssues(parsed.error)[0]!;
        return reply(guestErrorFrame(400, `Invalid message: ${i.path || 'message'}: ${i.message}`));
      }
      const m = parsed.data;
      if ((m.text ?? '').length > this.#d.settings.guestMessageMaxLength) return reply(guestErrorFrame(GUEST_ERROR_CODES.MessageTooLong));
      const attrs = m.channel?.metadata?.customAttributes;
      if (attrs && Buffer.byteLength(JSON.stringify(attrs)) > this.#d.settings.guestMaxCustomDataBytes) {
        return reply(guestErrorFrame(GUEST_ERROR_CODES.CustomAttributeSizeTooLarge));
      }
      const inbound = toInbound(m);
      if (typeof inbound === 'string') return reply(guestErrorFrame(400, inbound));
      live.lastActivityAt = this.#d.clock();
      const time = new Date(this.#d.clock()).toISOString();
      if (inbound.type !== 'Event') {
        // As Messenger shows it: the guest's own message comes back (direction Inbound) on every socket of
        // the session, then a Delivered receipt for it.
        const body: Record<string, unknown> = {
          id: inbound.id,
          channel: { time, type: 'Private', messageId: inbound.id },
          type: m.type,
          ...(m.text !== undefined ? { text: m.text } : {}),
          ...(m.content !== undefined ? { content: m.content } : {}),
          direction: 'Inbound',
          originatingEntity: 'Human',
          metadata: { correlationId: randomUUID() },
        };
        this.sendToSession(token, { type: 'message', class: 'StructuredMessage', code: 200, body });
        this.sendToSession(token, {
          type: 'message',
          class: 'StructuredMessage',
          code: 200,
          body: { id: inbound.id, channel: { time, type: 'Private' }, type: 'Receipt', status: 'Delivered', isFinalReceipt: true, direction: 'Outbound' },
        });
      }
      this.#d.onInbound(live, inbound);
      if (resetAfter) ws.terminate();
      return;
    }

    if (action === 'closeSession') {
      const live = this.#liveSession(token);
      if (!live || live === 'expired') return reply(guestErrorFrame(GUEST_ERROR_CODES.SessionNotFound));
      this.sendToSession(token, { type: 'message', class: 'ConnectionClosedEvent', code: 200, body: {} });
      live.expired = true;
      for (const s of live.sockets) s.close(1000, 'Session closed');
      return;
    }

    if (action === 'getJwt') {
      // JwtResponse {jwt, exp} (the guest API schema): a token for the session's REST calls.
      // Ours is opaque and not signed; nothing in the sandbox reads it back.
      const live = this.#liveSession(token);
      if (!live || live === 'expired') return reply(guestErrorFrame(GUEST_ERROR_CODES.SessionNotFound));
      const exp = Math.floor(this.#d.clock() / 1000) + 3600;
      return reply({ type: 'response', class: 'JwtResponse', code: 200, body: { jwt: `sandbox.${randomUUID()}`, exp } });
    }
    const known = ['configureAuthenticatedSession', 'onAttachment', 'getAttachment', 'deleteAttachment', 'disconnectCustomer', 'resumeToken', 'getConfiguration'];
    if (known.includes(action)) return reply(guestErrorFrame(GUEST_ERROR_CODES.FeatureUnavailable, `${action} is not available in the sandbox`));
    return reply(guestErrorFrame(400, `Unknown action ${action}`));
  }

  #rateLimited(s: GuestSession): number | undefined {
    const now = this.#d.clock();
    const { max, windowSeconds } = this.#d.settings.guestRateLimit;
    if (now - s.window.start >= windowSeconds * 1000) s.window = { start: now, count: 0 };
    s.window.count++;
    if (s.window.count <= max) return undefined;
    return Math.max(1, Math.ceil((s.window.start + windowSeconds * 1000 - now) / 1000));
  }
}

function toInbound(m: z.infer<typeof guestMessageSchema>): InboundGuestMessage | string {
  const id = randomUUID().replace(/-/g, '');
  const customAttributes = m.channel?.metadata?.customAttributes;
  if (m.type === 'Event') {
    const presence = m.events?.find((e) => e.eventType === 'Presence') as { presence?: { type?: string } } | undefined;
    return { id, type: 'Event', buttonResponses: [], presence: presence?.presence?.type, customAttributes };
  }
  const buttonResponses: InboundGuestMessage['buttonResponses'] = [];
  for (const [i, c] of (m.content ?? []).entries()) {
    if (c.contentType !== 'ButtonResponse') return `content[${i}].contentType ${c.contentType} cannot be sent by a guest here`;
    const br = buttonResponseSchema.safeParse((c as { buttonResponse?: unknown }).buttonResponse);
    if (!br.success) {
      const first = locatedIssues(br.error, ['content', i, 'buttonResponse'])[0]!;
      return `${first.path}: ${first.message}`;
    }
    buttonResponses.push({ type: br.data.type, text: br.data.text, payload: br.data.payload });
  }
  if (m.type === 'Structured' && !buttonResponses.length) return 'A Structured message from a guest needs ButtonResponse content';
  if (m.type !== 'Text' && m.type !== 'Structured') return `message.type ${m.type} cannot be sent by a guest`;
  if (m.type === 'Text' && !buttonResponses.length && !m.text) return 'Missing parameter: message.text';
  return { id, type: m.type, text: m.text, buttonResponses, customAttributes };
}

/**
 * Origin rule (genesys-messaging.md leaves it unconfirmed): '*' allows all; an entry with a scheme is
 * compared as a whole origin; a bare domain matches that host and its subdomains.
 */
export function originAllowed(origin: string | undefined, allowed: string[] | '*'): boolean {
  if (allowed === '*') return true;
  if (!origin) return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  return allowed.some((a) => {
    if (/^[a-z]+:\/\//i.test(a)) {
      try {
        return new URL(a).origin === o.origin;
      } catch {
        return false;
      }
    }
    const d = a.toLowerCase().replace(/^\*\./, '');
    const h = o.hostname.toLowerCase();
    return h === d || h.endsWith(`.${d}`);
  });
}
