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
import { actorOf } from '../http/auth.ts';
import type { ActivityRepo, DesignRepo } from '../store/ports.ts';

const designNotFound = (id: string) => () => new DomainError('not_found', 'design_not_found', `No design ${id}`);

/**
 * The design library; the store's DesignConflictError answers 409 through the error middleware.
 * Each create, save and delete is an audit entry naming who did it.
 */
export function designsRouter(store: DesignRepo, activity: ActivityRepo): Router {
  const r = Router();
  r.get('/designs', async (req, res) => {
    const q = parse(designListQuerySchema, req.query, 'query');
    res.json({ items: await store.list(q) });
  });
  r.post('/designs', async (req, res) => {
    const body = parse(createDesignRequestSchema, req.body, 'design');
    const saved = await store.create(body.design);
    await activity.record({ action: 'design.create', subject: saved.id, subjectName: saved.name, actor: actorOf(res), detail: { version: saved.version } });
    res.status(201).json(saved);
  });
  r.get('/designs/:id', async (req, res) => {
    const id = String(req.params.id);
    res.json(found(await store.get(id), designNotFound(id)));
  });
  r.put('/designs/:id', async (req, res) => {
    const body = parse(updateDesignRequestSchema, req.body, 'design');
    const id = String(req.params.id);
    const saved = found(await store.update(id, body.design, body.expectedVersion), designNotFound(id));
    await activity.record({ action: 'design.save', subject: id, subjectName: saved.name, actor: actorOf(res), detail: { version: saved.version } });
    res.json(saved);
  });
  r.delete('/designs/:id', async (req, res) => {
    const q = parse(deleteDesignQuerySchema, req.query, 'query');
    const id = String(req.params.id);
    const before = await store.get(id);
    if (!(await store.delete(id, q.expectedVersion))) throw designNotFound(id)();
    await activity.record({ action: 'design.delete', subject: id, subjectName: before?.name ?? null, actor: actorOf(res), detail: { version: before?.version ?? null } });
    res.json({ deleted: true, id });
  });
  r.get('/designs/:id/versions', async (req, res) => {
    const id = String(req.params.id);
    res.json({ items: found(await store.versions(id), designNotFound(id)) });
  });
  r.get('/designs/:id/versions/:version', async (req, res) => {
    const version = parse(designVersionParamSchema, req.params.version, 'version');
    const id = String(req.params.id);
    res.json(found(await store.version(id, version), () => new DomainError('not_found', 'version_not_found', `Design ${id} has no version ${version}`)));
  });
  return r;
}
