/**
 * npm run bench:send
 *
 * 1. Upstream rate use: a batch of sends against the embedded sandbox limited to L calls per
 *    minute. Prints the share of the allowed upstream rate the send path actually used,
 *    taking the most any client could do in the batch's span as L (one window's burst) plus
 *    L per minute of the span (target ≥ 95%), and checks there were no 429s and no duplicates.
 * 2. /api/validate overhead at 50 concurrent requests: the server's own time per request (body
 *    parse → response written, excluding time spent queued behind other requests) p50/p99
 *    (target p99 ≤ 10 ms), plus the client-observed latency for context.
 *
 * Env: BENCH_RATE (default 300/min), BENCH_SENDS (default 3 × rate: three windows, so the batch reaches steady state), BENCH_VALIDATE (requests, default 3000).
 *
 * `npm run bench:send -- --instances 2`: the same batch through two app servers on one
 * throwaway PostgreSQL (e2e/scripts/postgres.mjs) in live mode against one standalone sandbox
 * that counts every token of the OAuth client together (rateLimitScope 'client', the stricter
 * reading of Genesys' per-client limit). Sends alternate between the instances into one bot
 * session Genesys opened on the first. Prints the share of the allowed rate the two used
 * together (goal ≥ 90 %), duplicates (goal 0) and 429s per minute window (goal ≤ 1).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/compose.ts';
import { liveEnv, openGuest, routeBotTo, type LiveOrg } from '../src/testing/harness.ts';
import { tempDir } from '../src/testing/tmp.ts';
import { percentile } from '../src/store/errors.ts';
import { createSandbox, type Sandbox } from '../src/sandbox/index.ts';
import type { RunningServer } from '../src/compose.ts';

const RATE = Number(process.env.BENCH_RATE ?? 300);
const SENDS = Number(process.env.BENCH_SENDS ?? RATE * 3);
const VALIDATE_REQUESTS = Number(process.env.BENCH_VALIDATE ?? 3000);
const CONCURRENCY = 50;

const card = (i: number) => ({
  title: `Offer ${i}: 50% off Flights to Norway`,
  description: 'Valid September to November only',
  image: `https://www.example.com/photo/${i}.jpg`,
  actions: [
    { type: 'Link', text: 'View Details', url: `https://www.example.com/flights/${i}` },
    { type: 'Postback', text: 'Book Now', payload: `book-${i}` },
  ],
});
const MESSAGE = {
  type: 'Structured',
  text: 'Pick an offer',
  content: [
    { contentType: 'Carousel', carousel: { cards: [card(1), card(2), card(3)] } },
    { contentType: 'QuickReply', quickReply: { text: 'More offers', payload: 'more' } },
    { contentType: 'QuickReply', quickReply: { text: 'Talk to an agent', payload: 'agent' } },
  ],
};

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : null }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const fmt = (n: number | null, d = 2) => (n === null ? 'n/a' : n.toFixed(d));

type BatchSandbox = Pick<Sandbox, 'requests' | 'deliveries'>;

/**
 * Sends the batch into one bot session, request i to `urlFor(i)`, and reads what reached
 * Genesys (the sandbox's request log and deliveries): the figures both modes print.
 */
async function sendBatch(urlFor: (i: number) => string, sandbox: BatchSandbox, botSessionId: string) {
  const started = performance.now();
  const results = await pool(SENDS, 200, (i) =>
    post(
      `${urlFor(i)}/api/sends`,
      { message: { ...MESSAGE, text: `Batch ${i}` }, target: { kind: 'botSession', botSessionId } },
      { 'Idempotency-Key': `bench-${randomUUID()}` },
    ),
  );
  const wall = performance.now() - started;
  const calls = sandbox.requests().filter((r) => r.route === 'outgoing');
  if (calls.length < SENDS) console.warn(`  (the sandbox request log is capped; only ${calls.length} of ${SENDS} calls are visible — lower BENCH_SENDS)`);
  const stamps = calls.map((r) => Date.parse(r.at)).sort((x, y) => x - y);
  const first = stamps[0]!;
  const spanMs = stamps.at(-1)! - first;
  const allowed = RATE + (RATE * spanMs) / 60_000;
  const isSent = (r: { json: unknown }) => (r.json as { status?: string }).status === 'sent';
  const deliveries = sandbox.deliveries({ botSessionId }).filter((d) => d.kind === 'outgoing');
  const unique = new Set(deliveries.map((d) => d.outgoingMessageId)).size;
  const rejected = calls.filter((r) => r.status === 429).map((r) => Date.parse(r.at));
  const perWindow = new Map<number, number>();
  for (const at of rejected) {
    const w = Math.floor((at - first) / 60_000);
    perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
  }
  return {
    sent: results.filter(isSent).length,
    sentWhere: (pick: (i: number) => boolean) => results.filter((r, i) => pick(i) && isSent(r)).length,
    calls: calls.length,
    accepted: calls.length - rejected.length,
    rejected: rejected.length,
    worstWindow: Math.max(0, ...perWindow.values()),
    delivered: deliveries.length,
    unique,
    spanMs,
    wall,
    allowed,
  };
}

async function main() {
  const t = tempDir('grmd-bench-');
  const timings: number[] = [];
  const pipelineTimings: number[] = [];
  let recording = false;
  const config = loadConfig(
    { DATA_DIR: t.dir, PORT: '0', HOST: '127.0.0.1', GENESYS_RATE_LIMIT_PER_MINUTE: String(RATE) },
    { clientDist: null, requestRateLimit: false },
  );
  const server = await startServer(config, {
    log: { level: 'silent' },
    onTiming: (name, ms) => {
      if (!recording) return;
      if (name === 'validate') timings.push(ms);
      else if (name === 'validate.pipeline') pipelineTimings.push(ms);
    },
  });
  try {
    // ---- 2. validate overhead first (short) ----
    const vurl = `${server.url}/api/validate`;
    await pool(300, CONCURRENCY, () => post(vurl, { message: MESSAGE })); // warm-up (JIT, purifier)
    recording = true;
    const client: number[] = [];
    await pool(VALIDATE_REQUESTS, CONCURRENCY, async () => {
      const t0 = performance.now();
      const r = await post(vurl, { message: MESSAGE });
      client.push(performance.now() - t0);
      if (r.status !== 200 || !(r.json as { valid?: boolean }).valid) throw new Error(`validate answered ${r.status}`);
    });
    recording = false;
    timings.sort((a, b) => a - b);
    pipelineTimings.sort((a, b) => a - b);
    client.sort((a, b) => a - b);

    const validateLines = [
      `  /api/validate overhead    p50 ${fmt(percentile(timings, 50))} ms, p99 ${fmt(percentile(timings, 99))} ms over ${timings.length} requests at ${CONCURRENCY} concurrent (target p99 ≤ 10 ms)`,
      `    of which check()        p50 ${fmt(percentile(pipelineTimings, 50))} ms, p99 ${fmt(percentile(pipelineTimings, 99))} ms (shared check(): import → sanitize → validate → bind → compile → measure)`,
      `  /api/validate client rtt  p50 ${fmt(percentile(client, 50))} ms, p99 ${fmt(percentile(client, 99))} ms (includes queueing behind the other ${CONCURRENCY - 1} requests on one event loop)`,
    ];
    if (SENDS <= 0) {
      console.log('bench:send (sends skipped: BENCH_SENDS=0)');
      console.log(validateLines.join('\n'));
      return;
    }

    // ---- 1. upstream rate use ----
    const guest = await openGuest(server);
    const botSessionId = guest.session.botSessionId;
    const m = await sendBatch(() => server.url, server.sandbox!, botSessionId);
    guest.close();

    console.log('bench:send');
    console.log(`  upstream limit            ${RATE}/min (sandbox enforces it per token; the send path paces to it)`);
    console.log(`  batch                     ${SENDS} sends, ${m.sent} sent, ${m.delivered} delivered, ${m.unique} unique, ${m.delivered - m.unique} duplicates, ${m.rejected} × 429`);
    console.log(`  upstream span             ${(m.spanMs / 1000).toFixed(2)} s (wall ${(m.wall / 1000).toFixed(2)} s)`);
    console.log(`  allowed in span           ${m.allowed.toFixed(1)} calls (burst ${RATE} + ${RATE}/min × span)`);
    console.log(`  upstream rate used        ${((m.calls / m.allowed) * 100).toFixed(1)} %  (target ≥ 95 %)`);
    console.log(validateLines.join('\n'));
    if (m.sent !== SENDS || m.unique !== m.delivered) process.exitCode = 1;
  } finally {
    agent.destroy();
    await server.close();
    t.cleanup();
  }
}

interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Two live-mode instances on one PostgreSQL database and one standalone sandbox. */
async function twoInstances() {
  const pgScript = new URL('../../e2e/scripts/postgres.mjs', import.meta.url).href;
  const { startPostgres } = (await import(pgScript)) as { startPostgres(o?: { log?: (m: string) => void }): Promise<ThrowawayPostgres> };
  const db = await startPostgres();
  const sandbox = createSandbox({ rateLimitPerMinute: RATE, rateLimitScope: 'client', botRetryDelayMs: 10 });
  const instances: RunningServer[] = [];
  const dirs: { cleanup(): void }[] = [];
  try {
    const s = await sandbox.listen(0, '127.0.0.1');
    const org: LiveOrg = {
      sandbox,
      listening: s,
      secret: 'bench-two-instances-connection-secret',
      deploymentId: 'b0b0b0b0-0000-4000-8000-000000000002',
      origin: 'http://127.0.0.1:3000',
      bot: { botId: 'designer-bot', botVersion: '1.0' },
    };
    const env = { ...liveEnv(org), PORT: '0', HOST: '127.0.0.1', GENESYS_RATE_LIMIT_PER_MINUTE: String(RATE), DATABASE_URL: db.url };
    for (let i = 0; i < 2; i++) {
      const t = tempDir('grmd-bench-');
      dirs.push(t);
      const config = loadConfig({ ...env, DATA_DIR: t.dir }, { clientDist: null, requestRateLimit: false });
      // One after the other: the first runs the migrations, as a rolling deploy would.
      instances.push(await startServer(config, { log: { level: 'silent' } }));
    }
    const [a, b] = instances as [RunningServer, RunningServer];
    routeBotTo(org, a);
    const guest = await openGuest(a);
    const botSessionId = guest.session.botSessionId;
    const m = await sendBatch((i) => (i % 2 ? b : a).url, sandbox, botSessionId);
    guest.close();
    const share = (m.accepted / m.allowed) * 100;

    console.log('bench:send --instances 2 (PostgreSQL, live mode against a standalone sandbox)');
    console.log(`  upstream limit            ${RATE}/min per OAuth client (sandbox counts both instances' tokens together)`);
    console.log(`  batch                     ${SENDS} sends alternating A/B, ${m.sent} sent (${m.sentWhere((i) => i % 2 === 1)} through B), ${m.delivered} delivered, ${m.unique} unique, ${m.delivered - m.unique} duplicates`);
    console.log(`  429s                      ${m.rejected} in all, at most ${m.worstWindow} in one minute window (goal ≤ 1)`);
    console.log(`  upstream span             ${(m.spanMs / 1000).toFixed(2)} s (wall ${(m.wall / 1000).toFixed(2)} s)`);
    console.log(`  allowed in span           ${m.allowed.toFixed(1)} calls (burst ${RATE} + ${RATE}/min × span)`);
    console.log(`  upstream rate used        ${share.toFixed(1)} %  (two instances together; goal ≥ 90 %)`);
    if (m.sent !== SENDS || m.unique !== m.delivered || m.worstWindow > 1 || share < 90) process.exitCode = 1;
  } finally {
    agent.destroy();
    for (const i of instances) await i.close().catch(() => {});
    await sandbox.close();
    for (const d of dirs) d.cleanup();
    await db.stop();
  }
}

const instancesArg = process.argv.indexOf('--instances');
const INSTANCES = instancesArg >= 0 ? Number(process.argv[instancesArg + 1]) : 1;
if (INSTANCES !== 1 && INSTANCES !== 2) {
  console.error(`bench:send: --instances takes 1 or 2, got ${process.argv[instancesArg + 1] ?? 'nothing'}`);
  process.exit(2);
}

(INSTANCES === 2 ? twoInstances() : main()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
