import { Router } from 'express';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeySchema, sendListQuerySchema, sendRequestSchema } from '@grmd/shared';
import { DomainError } from '../errors.ts';
import { actorOf } from '../http/auth.ts';
import { found, parse } from '../http/parse.ts';
import type { SendService } from '../send/service.ts';
import type { SendRepo } from '../store/ports.ts';

const sendNotFound = (message: string) => () => new DomainError('not_found', 'send_not_found', message);

export function sendsRouter(deps: { store: SendRepo; service: SendService }): Router {
  const r = Router();

  r.post('/sends', async (req, res) => {
    const key = req.get(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || key === '') {
      throw new DomainError(
        'invalid',
        'idempotency_key_required',
        `The ${IDEMPOTENCY_KEY_HEADER} header is required (a new random key per send, reused only to retry that send)`,
      );
    }
    parse(idempotencyKeySchema, key, `${IDEMPOTENCY_KEY_HEADER} header`);
    const body = parse(sendRequestSchema, req.body, 'request body');
    res.json(await deps.service.send(body, key, actorOf(res)));
  });

  r.get('/sends', async (req, res) => {
    const q = parse(sendListQuerySchema, req.query, 'query');
    res.json(await deps.store.list(q));
  });

  // While POST /api/sends is open the client knows only its Idempotency-Key: progress is by key.
  r.get('/sends/progress/:key', async (req, res) => {
    const key = parse(idempotencyKeySchema, String(req.params.key), 'Idempotency-Key');
    // The client starts asking as soon as it posts, so a key the server has not seen yet is a
    // send that has not started: 'queued', not a 404 (which every browser logs as an error).
    res.json((await deps.service.progressOf(key)) ?? { state: 'queued', attempts: 0, nextAttemptAt: null, lastStatus: null });
  });

  r.get('/sends/stats', async (_req, res) => {
    res.json(await deps.store.stats());
  });

  r.get('/sends/:id', async (req, res) => {
    const id = String(req.params.id);
    res.json(found(await deps.store.get(id), sendNotFound(`No send ${id}`)));
  });
  return r;
}
