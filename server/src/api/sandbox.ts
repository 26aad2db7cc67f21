import { Router } from 'express';
import { actorOf } from '../http/auth.ts';
import { parse } from '../http/parse.ts';
import { faultRuleSchema, type Sandbox } from '../sandbox/index.ts';
import type { ActivityRepo } from '../store/ports.ts';

export type SandboxControls = Pick<Sandbox, 'addFault' | 'clearFaults' | 'faults'>;

/**
 * The embedded sandbox's fault injection under /api/sandbox, for e2e and demos (e.g. a 429
 * storm). Mounted in sandbox mode only: in live mode there is no sandbox to control.
 * Arming or clearing faults changes how "Genesys" answers everyone's sends, so each change
 * is an audit entry (`connection.change`) naming who made it and what the rule was.
 */
export function sandboxRouter(controls: SandboxControls, activity: ActivityRepo): Router {
  const r = Router();
  r.get('/sandbox/faults', (_req, res) => {
    res.json({ faults: controls.faults() });
  });
  r.post('/sandbox/faults', async (req, res) => {
    const rule = parse(faultRuleSchema, req.body, 'request body');
    controls.addFault(rule);
    // The rule is the whole change: a route, a status or delay, a count; it holds no secret.
    await activity.record({ action: 'connection.change', subject: 'connection', subjectName: 'Sandbox faults', actor: actorOf(res), detail: { change: 'fault.add', fault: rule } });
    res.status(201).json({ faults: controls.faults() });
  });
  r.delete('/sandbox/faults', async (_req, res) => {
    const cleared = controls.faults().length;
    controls.clearFaults();
    await activity.record({ action: 'connection.change', subject: 'connection', subjectName: 'Sandbox faults', actor: actorOf(res), detail: { change: 'faults.clear', cleared } });
    res.json({ faults: [] });
  });
  return r;
}
