#!/usr/bin/env node
/**
 * npm run bench:preview — editor speed figures on the built client in real Chromium.
 *
 * 1. Keystroke → preview: on the largest legal design (a 10-card carousel, every card with
 *    the channel's maximum buttons, plus the maximum quick replies), 200 keystrokes in a card
 *    title. Inside the page, a capture-phase keydown listener stamps performance.now() and a
 *    MutationObserver on the Messenger preview stamps the first DOM change after it.
 *    Target: p95 ≤ 16 ms.
 * 1b. The same with Chromium's CPU throttled 4× (CDP Emulation.setCPUThrottlingRate).
 * 2. Startup JS (gzip): the entry chunk, everything it imports statically and the chunks
 *    index.html preloads, as one figure; and, measured on the wire, all JS a cold editor
 *    load fetches (CodeMirror is lazy and must not be among it). Target ≤ 150 kB.
 *    Cross-check on the wire: every script a cold load asks for before the page is usable
 *    (gallery: a template button; editor: outline, form and preview drawn) must be in that
 *    figure; chunks loaded after (checks, drag and drop, server panels) are listed apart.
 * 3. Cold load to interactive on localhost (new browser context, empty cache): navigation
 *    start → the first interactive control rendered (gallery), and → the editor with a saved
 *    draft fully rendered, Problems panel included. Target ≤ 1 s.
 *
 * The built app (client/dist, `npm run build -w client` first when missing) is served by a
 * tiny static server on 127.0.0.1 with SPA fallback, the same files the real server serves.
 * Prints figures; asserts nothing (speed goals are checked by reading them).
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'client/dist');
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CARD_BUTTONS_MAX = 3; // Web Messenger's maximum (shared limits CARD_BUTTONS_MAX)
const QUICK_REPLIES_MAX = 10; // shared limits QUICK_REPLIES_MAX
const CAROUSEL_MAX_CARDS = 10;

if (!existsSync(path.join(DIST, 'index.html')) || process.env.BENCH_BUILD === '1') {
  console.log('Building the client…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// ---- static server ----
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let file = path.join(DIST, decodeURIComponent(url.pathname));
  if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(DIST, 'index.html');
  const body = readFileSync(file);
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}`;

// ---- the largest legal design ----
let seq = 0;
const id = () => `n${++seq}`;
function largestDesign() {
  const cards = Array.from({ length: CAROUSEL_MAX_CARDS }, (_, c) => ({
    id: id(),
    kind: 'card',
    props: { title: `Product ${c + 1}`, description: `Description of product ${c + 1}`, image: `https://www.example.com/p${c + 1}.png` },
    children: Array.from({ length: CARD_BUTTONS_MAX }, (_, a) => ({
      id: id(),
      kind: 'action',
      props: a === 2 ? { type: 'Link', text: `More ${c + 1}`, url: `https://www.example.com/p/${c + 1}` } : { type: 'Postback', text: `Buy ${c + 1}.${a}`, payload: `buy-${c + 1}-${a}` },
      children: [],
    })),
  }));
  const quickReplies = Array.from({ length: QUICK_REPLIES_MAX }, (_, q) => ({ id: id(), kind: 'quickReply', props: { text: `Reply ${q + 1}`, payload: `r${q + 1}` }, children: [] }));
  return {
    formatVersion: 1,
    id: 'bench',
    name: 'Largest legal design',
    channel: 'webmessaging',
    variables: [],
    root: { id: 'root', kind: 'message', props: { text: 'Pick a product' }, children: [{ id: 'carousel', kind: 'carousel', props: {}, children: cards }, ...quickReplies] },
  };
}
const DESIGN = largestDesign();

// No network here: the cards' https images are answered locally with a 1×1 PNG, as a nearby
// CDN would, so the figures measure the editor, not a DNS lookup that cannot succeed.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
async function newContext() {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await ctx.route('https://www.example.com/**', (route) => route.fulfill({ contentType: 'image/png', body: PNG }));
  return ctx;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
const ms = (n) => `${n.toFixed(2)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;


/** Keystroke → preview DOM samples (sorted), with Chromium's CPU slowed `rate`× through CDP. */
async function keystrokes(rate) {
  const ctx = await newContext();
  const page = await ctx.newPage();
  if (rate !== 1) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }
  await page.addInitScript((draft) => localStorage.setItem('grmd.draft.v1', draft), JSON.stringify(DESIGN));
  await page.goto(BASE + '/');
  await page.getByRole('treeitem', { name: /^Card: Product 5/ }).click();
  const field = page.getByLabel('Title', { exact: true });
  await field.waitFor();
  await field.click();
  await field.press('End');
  await page.evaluate(() => {
    const target = document.querySelector('[data-testid="messenger"]');
    window.__samples = [];
    window.__t0 = null;
    window.addEventListener('keydown', () => {
      window.__t0 = performance.now();
    }, true);
    new MutationObserver(() => {
      if (window.__t0 === null) return;
      window.__samples.push(performance.now() - window.__t0);
      window.__t0 = null;
    }).observe(target, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  // Warm-up (JIT, lazy chunks) is not measured.
  for (let i = 0; i < 10; i++) await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    window.__samples = [];
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(i % 2 ? 'Backspace' : String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => window.__samples.length >= n, i + 1, { timeout: 5000, polling: 'raf' });
  }
  const samples = (await page.evaluate(() => window.__samples)).sort((a, b) => a - b);
  const title = await page.locator('[data-testid="messenger"] .card-title').nth(4).textContent();
  await ctx.close();
  return { samples, title };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  // ---- 2a. static: entry chunk + static imports ----
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...entry];
  const preloaded = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
  let staticGzip = 0;
  while (queue.length) {
    const rel = queue.shift().replace(/^\//, '');
    if (seen.has(rel)) continue;
    seen.add(rel);
    const code = readFileSync(path.join(DIST, rel));
    staticGzip += zlib.gzipSync(code, { level: 9 }).length;
    // Static imports only (`import … from "./x.js"` / `import "./x.js"`), not import().
    for (const m of code.toString('utf8').matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(rel), m[1]));
    }
  }
  const preloadGzip = preloaded
    .filter((rel) => !seen.has(rel))
    .reduce((n, rel) => n + zlib.gzipSync(readFileSync(path.join(DIST, rel)), { level: 9 }).length, 0);
  const chunks = readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = chunks
    .filter((f) => !seen.has(`assets/${f}`))
    .map((f) => [f, zlib.gzipSync(readFileSync(path.join(DIST, 'assets', f)), { level: 9 }).length]);

  // ---- 3 + 2b. cold loads ----
  const galleryTimes = [];
  const editorTimes = [];
  const editorUsableTimes = [];
  const galleryEarly = new Set();
  const editorEarly = new Set();
  let wireJs = 0;
  let wireFiles = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    for (const withDraft of [false, true]) {
      const ctx = await newContext();
      const page = await ctx.newPage();
      const js = [];
      page.on('response', async (r) => {
        if (r.request().resourceType() === 'script') js.push(r);
      });
      await page.addInitScript(
        ({ draft, withDraft }) => {
          if (withDraft) localStorage.setItem('grmd.draft.v1', draft);
          // Stamp the moment the page is usable: a template button (gallery) or, with a draft,
          // the selected tree item, the properties form and the preview; and the moment it is
          // fully rendered: with a draft, also the Problems panel (the cold-load figure).
          const done = () => {
            if (window.__ready) return true;
            const usable = withDraft
              ? document.querySelector('[role="treeitem"][aria-selected="true"]') && document.querySelector('form.node-form input, form.node-form textarea') && document.querySelector('[data-testid="messenger"] .card-title')
              : document.querySelector('.template');
            if (usable && window.__usable === undefined) window.__usable = performance.now();
            const ok = usable && (!withDraft || document.querySelector('.problems'));
            if (ok) window.__ready = performance.now();
            return Boolean(ok);
          };
          new MutationObserver(() => done()).observe(document, { childList: true, subtree: true });
        },
        { draft: JSON.stringify(DESIGN), withDraft },
      );
      await page.goto(BASE + '/', { waitUntil: 'load' });
      await page.waitForFunction(() => window.__ready !== undefined, undefined, { timeout: 15000 });
      const t = await page.evaluate(() => window.__ready);
      (withDraft ? editorTimes : galleryTimes).push(t);
      if (withDraft) editorUsableTimes.push(await page.evaluate(() => window.__usable));
      // Every script the page asked for before it was usable, as the browser records them:
      // the check that the static figure below leaves nothing out.
      const early = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => /\.js$/.test(new URL(e.name).pathname) && e.startTime <= window.__usable)
          .map((e) => new URL(e.name).pathname.replace(/^\//, '')),
      );
      for (const rel of early) (withDraft ? editorEarly : galleryEarly).add(rel);
      if (withDraft && run === 0) {
        await page.waitForLoadState('networkidle');
        for (const r of js) {
          const body = await r.body().catch(() => null);
          if (body) {
            wireJs += zlib.gzipSync(body, { level: 9 }).length;
            wireFiles.push(new URL(r.url()).pathname.split('/').pop());
          }
        }
      }
      await ctx.close();
    }
  }

  // ---- 1. keystroke → preview, as is and with the CPU throttled 4× (a slow laptop) ----
  const typing = await keystrokes(1);
  const throttled = await keystrokes(4);

  const median = (a) => percentile([...a].sort((x, y) => x - y), 50);
  console.log('\nbench:preview (built client, Chromium, 127.0.0.1)\n');
  console.log(`Design: carousel of ${CAROUSEL_MAX_CARDS} cards × ${CARD_BUTTONS_MAX} buttons + ${QUICK_REPLIES_MAX} quick replies (${seq + 2} nodes)`);
  for (const [label, { samples, title }] of [['CPU as is', typing], ['CPU throttled 4× (CDP Emulation.setCPUThrottlingRate)', throttled]]) {
    const p95 = percentile(samples, 95);
    console.log(`Keystroke → preview DOM updated, ${label} (${samples.length} keystrokes, card 5 title now "${title}")`);
    console.log(`  p50 ${ms(percentile(samples, 50))}   p95 ${ms(p95)}   max ${ms(samples[samples.length - 1])}   target p95 ≤ 16 ms: ${p95 <= 16 ? 'MET' : 'NOT MET'}`);
  }
  // Startup JS is all the page downloads before it is usable: the entry with its static
  // imports (render-blocking) and the chunks index.html preloads. One figure, one target.
  const startup = staticGzip + preloadGzip;
  console.log(`Startup JS (gzip -9): ${kb(startup)}   target ≤ 150 kB: ${startup <= 150 * 1024 ? 'MET' : 'NOT MET'}`);
  console.log(`  of which render-blocking ${kb(staticGzip)} [${[...seen].map((s) => s.split('/').pop()).join(', ')}], preloaded ${kb(preloadGzip)} [${preloaded.filter((rel) => !seen.has(rel)).map((s) => s.split('/').pop()).join(', ')}]`);
  // The static figure must hold everything a cold load asks for before the page is usable.
  for (const [label, early] of [['gallery', galleryEarly], ['editor', editorEarly]]) {
    const files = [...early];
    const bytes = files.reduce((n, rel) => n + zlib.gzipSync(readFileSync(path.join(DIST, rel)), { level: 9 }).length, 0);
    const missing = files.filter((rel) => !seen.has(rel) && !preloaded.includes(rel));
    console.log(`  requested before the ${label} was usable (cold loads, wire): ${kb(bytes)}${missing.length ? `; NOT in the startup figure: ${missing.map((s) => s.split('/').pop()).join(', ')}` : ', all in the startup figure'}`);
  }
  console.log(`  JS fetched by a cold editor load (draft present, until network idle): ${kb(wireJs)} [${wireFiles.join(', ')}]`);
  console.log(`  CodeMirror in that load: ${wireFiles.some((f) => /JsonView/.test(f)) ? 'YES (bad)' : 'no (loads when the JSON view opens)'}`);
  console.log(`  lazy chunks: ${lazy.map(([f, n]) => `${f.replace(/-[\w-]{8}\.js$/, '')} ${kb(n)}`).join(', ')}`);
  console.log(`Cold load to interactive (median of ${LOAD_RUNS}, navigation start → controls rendered):`);
  console.log(`  editor usable (outline, form, preview) ${ms(median(editorUsableTimes))}; runs: gallery ${galleryTimes.map((t) => t.toFixed(0)).join(', ')}; editor ${editorTimes.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(`  gallery ${ms(median(galleryTimes))}   editor with the largest design ${ms(median(editorTimes))}   target ≤ 1 s: ${Math.max(median(galleryTimes), median(editorTimes)) <= 1000 ? 'MET' : 'NOT MET'}`);
} finally {
  await browser.close();
  server.close();
}
