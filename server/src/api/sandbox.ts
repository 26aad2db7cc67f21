import { Router } from 'express';
import { parse } from '../http/parse.ts';
import { faultRuleSchema, type Sandbox } from '../sandbox/index.ts';

export type SandboxControls = Pick<Sandbox, 'addFault' | 'clearFaults' | 'faults'>;

/**
 * The embedded sandbox's fault injection under /api/sandbox, for e2e and demos (e.g. a 429
 * storm). Mounted in sandbox mode only: in live mode there is no sandbox to control.
 */
export function sandboxRouter(controls: SandboxControls): Router {
  const r = Router();
  r.get('/sandbox/faults', (_req, res) => {
    res.json({ faults: controls.faults() });
  });
  r.post('/sandbox/faults', (req, res) => {
    controls.addFault(parse(faultRuleSchema, req.body, 'request body'));
    res.status(201).json({ faults: controls.faults() });
  });
  r.delete('/sandbox/faults', (_req, res) => {
    controls.clearFaults();
    res.json({ faults: [] });
  });
  return r;
}
