import { Router } from 'express';
import {
  createDesignRequestSchema,
  deleteDesignQuerySchema,
  designListQuerySchema,
  designVersionParamSchema,
  updateDesignRequestSchema,
} from '@grmd/shared';
import { DomainError } from '../errors.ts';
import { found, parse } from '../http/parse.ts';
import type { DesignStore } from '../store/designs.ts';

const designNotFound = (id: string) => () => new DomainError('not_found', 'design_not_found', `No design ${id}`);

/** The design library; the store's DesignConflictError answers 409 through the error middleware. */
export function designsRouter(store: DesignStore): Router {
  const r = Router();
  r.get('/designs', (req, res) => {
    const q = parse(designListQuerySchema, req.query, 'query');
    res.json({ items: store.list(q) });
  });
  r.post('/designs', (req, res) => {
    const body = parse(createDesignRequestSchema, req.body, 'design');
    res.status(201).json(store.create(body.design));
  });
  r.get('/designs/:id', (req, res) => {
    const id = String(req.params.id);
    res.json(found(store.get(id), designNotFound(id)));
  });
  r.put('/designs/:id', (req, res) => {
    const body = parse(updateDesignRequestSchema, req.body, 'design');
    const id = String(req.params.id);
    res.json(found(store.update(id, body.design, body.expectedVersion), designNotFound(id)));
  });
  r.delete('/designs/:id', (req, res) => {
    const q = parse(deleteDesignQuerySchema, req.query, 'query');
    const id = String(req.params.id);
    if (!store.delete(id, q.expectedVersion)) throw designNotFound(id)();
    res.json({ deleted: true, id });
  });
  r.get('/designs/:id/versions', (req, res) => {
    const id = String(req.params.id);
    res.json({ items: found(store.versions(id), designNotFound(id)) });
  });
  r.get('/designs/:id/versions/:version', (req, res) => {
    const version = parse(designVersionParamSchema, req.params.version, 'version');
    const id = String(req.params.id);
    res.json(found(store.version(id, version), () => new DomainError('not_found', 'version_not_found', `Design ${id} has no version ${version}`)));
  });
  return r;
}
