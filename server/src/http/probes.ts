import { Router } from 'express';

export type Readiness = () => Promise<Record<string, boolean>>;

/**
 * GET /healthz (the process answers) and GET /readyz (each dependency check passes; 503
 * naming the failing ones otherwise) for load balancers and container probes. Outside
 * sign-in and the Host check (a probe calls by address), so they say nothing but ok/failed.
 */
export function probesRouter(ready: Readiness): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    let checks: Record<string, boolean>;
    try {
      checks = await ready();
    } catch {
      checks = { ready: false };
    }
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ready' : 'not_ready',
      checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v ? 'ok' : 'failed'])),
    });
  });
  return r;
}
