import { Router } from 'express';
import { createDesignRequestSchema, designListQuerySchema, updateDesignRequestSchema } from '@grmd/shared';
import { z } from 'zod';
import { HttpError } from '../security/errors.ts';
import { DesignConflictError, type DesignStore } from '../store/designs.ts';
import { h, notWired, parse } from './util.ts';

const versionParam = z.coerce.number().int().min(1);
const deleteQuery = z.object({ expectedVersion: z.coerce.number().int().min(1).optional() });

function conflict(e: unknown): never {
  if (e instanceof DesignConflictError) {
    throw new HttpError(409, e.code, e.message, undefined, e.currentVersion ? { currentVersion: e.currentVersion } : undefined);
  }
  throw e;
}

export function designsRouter(store: DesignStore | undefined): Router {
  const r = Router();
  const need = (): DesignStore => store ?? notWired('The design library');
  const missing = (id: string) => new HttpError(404, 'design_not_found', `No design ${id}`);

  r.get(
    '/designs',
    h((req, res) => {
      const q = parse(designListQuerySchema, req.query, 'query');
      res.json({ items: need().list(q) });
    }),
  );
  r.post(
    '/designs',
    h((req, res) => {
      const body = parse(createDesignRequestSchema, req.body, 'design');
      try {
        res.status(201).json(need().create(body.design));
      } catch (e) {
        conflict(e);
      }
    }),
  );
  r.get(
    '/designs/:id',
    h((req, res) => {
      const rec = need().get(String(req.params.id));
      if (!rec) throw missing(String(req.params.id));
      res.json(rec);
    }),
  );
  r.put(
    '/designs/:id',
    h((req, res) => {
      const body = parse(updateDesignRequestSchema, req.body, 'design');
      const id = String(req.params.id);
      let rec;
      try {
        rec = need().update(id, body.design, body.expectedVersion);
      } catch (e) {
        conflict(e);
      }
      if (!rec) throw missing(id);
      res.json(rec);
    }),
  );
  r.delete(
    '/designs/:id',
    h((req, res) => {
      const q = parse(deleteQuery, req.query, 'query');
      const id = String(req.params.id);
      let ok = false;
      try {
        ok = need().delete(id, q.expectedVersion);
      } catch (e) {
        conflict(e);
      }
      if (!ok) throw missing(id);
      res.json({ deleted: true, id });
    }),
  );
  r.get(
    '/designs/:id/versions',
    h((req, res) => {
      const items = need().versions(String(req.params.id));
      if (!items) throw missing(String(req.params.id));
      res.json({ items });
    }),
  );
  r.get(
    '/designs/:id/versions/:version',
    h((req, res) => {
      const version = parse(versionParam, req.params.version, 'version');
      const v = need().version(String(req.params.id), version);
      if (!v) throw new HttpError(404, 'version_not_found', `Design ${String(req.params.id)} has no version ${version}`);
      res.json(v);
    }),
  );
  return r;
}
