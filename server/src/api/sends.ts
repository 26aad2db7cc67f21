import { Router } from 'express';
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  sendListQuerySchema,
  sendRequestSchema,
} from '@grmd/shared';
import { HttpError } from '../security/errors.ts';
import type { SendService } from '../send/service.ts';
import { InvalidCursorError, type SendStore } from '../store/sends.ts';
import { h, notWired, parse } from './util.ts';

export function sendsRouter(deps: { store?: SendStore; service?: SendService }): Router {
  const r = Router();

  r.post(
    '/sends',
    h(async (req, res) => {
      const key = req.get(IDEMPOTENCY_KEY_HEADER);
      if (key === undefined || key === '') {
        throw new HttpError(
          400,
          'idempotency_key_required',
          `The ${IDEMPOTENCY_KEY_HEADER} header is required (a new random key per send, reused only to retry that send)`,
        );
      }
      parse(idempotencyKeySchema, key, `${IDEMPOTENCY_KEY_HEADER} header`);
      const body = parse(sendRequestSchema, req.body, 'request body');
      if (!deps.service) notWired('Sending');
      const out = await deps.service.send(body, key);
      res.status(out.httpStatus).json(out.body);
    }),
  );

  r.get(
    '/sends',
    h((req, res) => {
      const q = parse(sendListQuerySchema, req.query, 'query');
      if (!deps.store) notWired('The send log');
      try {
        res.json(deps.store.list(q));
      } catch (e) {
        if (e instanceof InvalidCursorError) throw new HttpError(400, 'invalid_cursor', e.message);
        throw e;
      }
    }),
  );

  // While POST /api/sends is open the client knows only its Idempotency-Key: progress is by key.
  r.get(
    '/sends/progress/:key',
    h((req, res) => {
      const key = parse(idempotencyKeySchema, String(req.params.key), 'Idempotency-Key');
      if (!deps.service) notWired('Sending');
      const p = deps.service.progressOf(key);
      if (!p) throw new HttpError(404, 'send_not_found', 'No send with this Idempotency-Key has started');
      res.json(p);
    }),
  );

  r.get(
    '/sends/stats',
    h((_req, res) => {
      if (!deps.store) notWired('The send log');
      res.json(deps.store.stats());
    }),
  );

  r.get(
    '/sends/:id',
    h((req, res) => {
      if (!deps.store) notWired('The send log');
      const rec = deps.store.get(String(req.params.id));
      if (!rec) throw new HttpError(404, 'send_not_found', `No send ${String(req.params.id)}`);
      res.json(rec);
    }),
  );
  return r;
}
