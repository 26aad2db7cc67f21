/**
 * Test helper: our Bot Connector router on a real HTTP server (127.0.0.1:0) with a real
 * SQLite file, mounted at /botconnector as http/app.ts mounts it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createBotConnectorRouter, SessionStore, type SessionChange } from '../botconnector/index.ts';
import { openSqliteStores } from '../store/sqlite/index.ts';
import { tempDir } from './tmp.ts';

export const BOT_SECRET = 'loop-connection-secret-0123456789';

export async function startBotServer(bot: { botId: string; botVersion: string }) {
  const t = tempDir('grmd-bot-');
  const stores = openSqliteStores(t.dir);
  const store = new SessionStore(stores.botSessions);
  const identity = { ...bot, botName: 'LoopTester', secretHeader: 'X-Bot-Connector-Secret', secret: BOT_SECRET };
  const app = express();
  app.use('/botconnector', createBotConnectorRouter({ store, bot: identity }));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    store,
    identity,
    botConnectorUri: `${url}/botconnector`,
    /** Resolves with the first change matching the predicate (including ones already past, via `check`). */
    nextChange(pred: (c: SessionChange) => boolean, timeoutMs = 10_000): Promise<SessionChange> {
      return new Promise((resolve, reject) => {
        const on = (c: SessionChange) => {
          if (pred(c)) {
            clearTimeout(t);
            store.off('change', on);
            resolve(c);
          }
        };
        const t = setTimeout(() => {
          store.off('change', on);
          reject(new Error('no matching session change'));
        }, timeoutMs);
        store.on('change', on);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      stores.db.close();
      t.cleanup();
    },
  };
}
