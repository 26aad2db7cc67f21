import { Router } from 'express';
import { activityListQuerySchema } from '@grmd/shared';
import { parse } from '../http/parse.ts';
import type { ActivityRepo } from '../store/ports.ts';

/** The change log beside the send log: who created, saved or deleted a design, or changed the connection. */
export function activityRouter(activity: ActivityRepo): Router {
  const r = Router();
  r.get('/activity', async (req, res) => {
    const q = parse(activityListQuerySchema, req.query, 'query');
    res.json(await activity.list(q));
  });
  return r;
}
