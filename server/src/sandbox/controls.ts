/**
 * The sandbox's test controls: what a test (or the designer's /api/sandbox routes) may do
 * to the simulated org, as functions and as the /__sandbox HTTP routes over the same
 * functions. Fault rules go through the one validator (faults.ts).
 */
import express, { type Router } from 'express';
import { readFault } from './faults.ts';
import type { Flow } from './flow.ts';
import type { GuestHub } from './guest.ts';
import { expireTokens } from './oauth.ts';
import { filterDeliveries, type SandboxState } from './state.ts';
import type { ConversationState, DeploymentConfig, FaultRule, SandboxClient } from './types.ts';

export type Controls = ReturnType<typeof createControls>;

export function createControls(state: SandboxState, flow: Flow, guests: GuestHub) {
  return {
    configureDeployment(d: DeploymentConfig): DeploymentConfig {
      const merged = { ...state.deployments.get(d.deploymentId), ...d };
      state.deployments.set(d.deploymentId, merged);
      return merged;
    },
    addClient(c: SandboxClient) {
      state.clients.set(c.clientId, c);
    },
    /** Throws a RangeError naming the problem when the rule is not valid. */
    addFault(rule: FaultRule) {
      const r = readFault(rule);
      if ('problem' in r) throw new RangeError(r.problem);
      state.faults.push(r.rule);
    },
    clearFaults() {
      state.faults.length = 0;
    },
    faults: () => state.faults.map((f) => ({ ...f })),
    deliveries: (q?: Parameters<typeof filterDeliveries>[1]) => filterDeliveries(state, q),
    requests: () => state.requests.slice(),
    /** Makes every issued token expired now (the API answers 401). */
    expireTokens: () => expireTokens(state),
    conversations: () =>
      [...state.conversations.values()].map((c) => ({
        ...c,
        botSessions: c.botSessions.map((s) => ({ ...s, status: flow.sessionStatus(s) })),
      })),
    findConversationByBotSession(botSessionId: string): ConversationState | undefined {
      const id = state.botSessionIndex.get(botSessionId);
      return id ? state.conversations.get(id) : undefined;
    },
    expireGuestSession: (token: string) => guests.expireSession(token),
    /** A conversation already inside the bot action (no guest, no bot call): for push tests. */
    openBotSession: (deploymentId: string) => flow.openBotSession(deploymentId),
    /** Resolves when every queued bot call has finished (tests). */
    idle: () => flow.idle(),
  };
}

/** /__sandbox/*: the controls over HTTP, for tests in other processes and the standalone sandbox. */
export function controlsRouter(controls: Controls, state: SandboxState): Router {
  const ctl = express.Router();
  ctl.use(express.json({ limit: '256kb' }));
  ctl.post('/faults', (req, res) => {
    const list: unknown[] = Array.isArray(req.body?.rules) ? req.body.rules : [req.body];
    const added: FaultRule[] = [];
    for (const rule of list) {
      const r = readFault(rule);
      if ('problem' in r) return res.status(400).json({ error: r.problem });
      added.push(r.rule);
    }
    state.faults.push(...added);
    res.status(201).json({ faults: controls.faults() });
  });
  ctl.get('/faults', (_req, res) => res.json({ faults: controls.faults() }));
  ctl.delete('/faults', (_req, res) => {
    controls.clearFaults();
    res.status(204).end();
  });
  ctl.get('/deliveries', (req, res) => {
    res.json({ deliveries: controls.deliveries(req.query as Record<string, string>) });
  });
  ctl.delete('/deliveries', (_req, res) => {
    state.deliveries.length = 0;
    res.status(204).end();
  });
  ctl.get('/requests', (_req, res) => res.json({ requests: controls.requests() }));
  ctl.get('/deployments', (_req, res) => res.json({ deployments: [...state.deployments.values()].map(publicDeployment) }));
  ctl.put('/deployments/:deploymentId', (req, res) => {
    const problem = checkDeployment({ ...req.body, deploymentId: req.params.deploymentId }, knownBotUris(state));
    if (problem) return res.status(400).json({ error: problem });
    const d = controls.configureDeployment({ ...req.body, deploymentId: String(req.params.deploymentId) });
    res.json({ deployment: publicDeployment(d) });
  });
  ctl.post('/clients', (req, res) => {
    const b = req.body ?? {};
    if (typeof b.clientId !== 'string' || typeof b.clientSecret !== 'string' || !b.clientId || !b.clientSecret) {
      return res.status(400).json({ error: 'clientId and clientSecret (strings) are required' });
    }
    controls.addClient({ clientId: b.clientId, clientSecret: b.clientSecret, permissions: Array.isArray(b.permissions) ? b.permissions.map(String) : undefined });
    res.status(201).json({ clientId: b.clientId });
  });
  ctl.post('/tokens/expire', (_req, res) => {
    controls.expireTokens();
    res.status(204).end();
  });
  ctl.get('/conversations', (_req, res) => res.json({ conversations: controls.conversations() }));
  ctl.post('/bot-sessions', (req, res) => {
    const deploymentId = String(req.body?.deploymentId ?? '');
    if (!state.deployments.has(deploymentId)) return res.status(400).json({ error: 'deploymentId must name a configured deployment' });
    res.status(201).json(controls.openBotSession(deploymentId));
  });
  ctl.post('/guest-sessions/:token/expire', (req, res) => {
    if (!controls.expireGuestSession(String(req.params.token))) return res.status(404).json({ error: 'unknown guest session' });
    res.status(204).end();
  });
  return ctl;
}

/** The bot URLs the app itself configured (through the functions, not over HTTP). */
function knownBotUris(state: SandboxState): Set<string> {
  return new Set([...state.deployments.values()].flatMap((d) => (d.botConnectorUri ? [d.botConnectorUri] : [])));
}

/**
 * The sandbox sends the connection secret to the bot URL: over HTTP it may point only at a
 * loopback address or at a URL the app already configured, never at another machine.
 */
function botUriAllowed(uri: string, known: Set<string>): boolean {
  if (known.has(uri)) return true;
  try {
    const host = new URL(uri).hostname;
    return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

function checkDeployment(d: Record<string, unknown>, knownUris: Set<string>): string | undefined {
  if (typeof d.botId !== 'string' || !d.botId) return 'botId is required';
  if (typeof d.botVersion !== 'string' || !d.botVersion) return 'botVersion is required';
  if (d.allowedOrigins !== '*' && !(Array.isArray(d.allowedOrigins) && d.allowedOrigins.every((o) => typeof o === 'string'))) {
    return "allowedOrigins must be '*' or an array of origins/domains";
  }
  if (d.botConnectorUri !== undefined && !(typeof d.botConnectorUri === 'string' && /^https?:\/\//.test(d.botConnectorUri))) {
    return 'botConnectorUri must be an http(s) URL';
  }
  if (typeof d.botConnectorUri === 'string' && !botUriAllowed(d.botConnectorUri, knownUris)) {
    return "botConnectorUri must be the app's own bot URL or a loopback address (the sandbox sends the connection secret there)";
  }
  return undefined;
}

/** A deployment as the controls show it: the connection secret is never echoed. */
function publicDeployment(d: DeploymentConfig) {
  const { secretHeaderValue, ...rest } = d;
  return { ...rest, secretHeaderValue: secretHeaderValue ? '[REDACTED]' : undefined };
}
