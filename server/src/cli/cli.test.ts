import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR as EXAMPLES } from '@grmd/shared/testing/reference';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx/cli');
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'grmd-cli-'));

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI as a child process, as a user would (tsx, real stdio, real exit code). */
function cli(args: string[], opts: { stdin?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env };
    delete env.INIT_CWD;
    if (opts.cwd) env.INIT_CWD = opts.cwd;
    const child = spawn(process.execPath, [TSX, MAIN, ...args], { env, cwd: tmp, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

function file(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const card = (i: number) => ({
  id: `c${i}`,
  kind: 'card',
  props: { title: `Card ${i}`, description: '' },
  children: [{ id: `a${i}`, kind: 'action', props: { type: 'Postback', text: 'Pick', payload: `p${i}` }, children: [] }],
});
const elevenCardDesign = {
  formatVersion: 1,
  id: 'eleven',
  name: 'Eleven cards',
  root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'car', kind: 'carousel', props: {}, children: Array.from({ length: 11 }, (_, i) => card(i)) }] },
};
const markupDesign = {
  formatVersion: 1,
  id: 'markup',
  name: 'Markup',
  variables: [{ name: 'first', sample: 'Sam' }],
  root: {
    id: 'm',
    kind: 'message',
    props: { text: '<p>Hello {{first}} &amp; <b>welcome</b></p>' },
    children: [card(0)],
  },
};

describe('cli validate', { timeout: 120_000 }, () => {
  it('exits 0 on the real structured-carousel example', async () => {
    const r = await cli(['validate', join(EXAMPLES, 'structured-carousel.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^error/m);
    expect(r.stderr).toContain('valid: 0 errors');
  });

  it('exits 1 on a design with 11 carousel cards, naming CAROUSEL_MAX_CARDS and the path', async () => {
    const r = await cli(['validate', file('eleven.json', elevenCardDesign)]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('CAROUSEL_MAX_CARDS'));
    expect(line).toMatch(/^error carousel\.too_many_cards content\[0\]\.carousel: /);
  });

  it('exits 1 on a Genesys message with 11 cards read from stdin, with --json', async () => {
    const carousel = JSON.parse(readFileSync(join(EXAMPLES, 'structured-carousel.json'), 'utf8'));
    const cards = carousel.content[0].carousel.cards;
    carousel.content[0].carousel.cards = Array.from({ length: 11 }, (_, i) => ({ ...cards[i % cards.length], title: `Card ${i}` }));
    const r = await cli(['validate', '-', '--json'], { stdin: JSON.stringify(carousel) });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; issues: Array<{ severity: string; message: string; path: string }> };
    expect(out.valid).toBe(false);
    expect(out.issues).toContainEqual(expect.objectContaining({ severity: 'error', path: 'content[0].carousel', message: expect.stringContaining('CAROUSEL_MAX_CARDS') }));
  });

  it('exits 2 on bad JSON, naming the line and column', async () => {
    const r = await cli(['validate', file('bad.json', '{\n  "type": "Structured",\n  "content": [,]\n}')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3, column 15/);
    expect(r.stdout).toBe('');
  });

  it('checks channel rules with --channel', async () => {
    const r = await cli(['validate', join(EXAMPLES, 'structured-carousel.json'), '--channel', 'whatsapp', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues.some((i: { code: string; severity: string }) => i.severity === 'error' && i.code.includes('carousel'))).toBe(true);
  });

  it('resolves a relative path against the directory the command was typed in (INIT_CWD)', async () => {
    const r = await cli(['validate', 'structured-card.json'], { cwd: EXAMPLES });
    expect(r.code).toBe(0);
  });
});

describe('cli usage errors', { timeout: 120_000 }, () => {
  it('exits 2 on an unknown command', async () => {
    const r = await cli(['frobnicate', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
  });

  it('exits 2 on a missing file, an unknown option, an unknown channel and no command', async () => {
    // One after another: the machine's cores are shared with other test suites.
    const runs = [
      await cli(['validate', join(tmp, 'nope.json')]),
      await cli(['validate', join(EXAMPLES, 'structured-card.json'), '--frob']),
      await cli(['validate', join(EXAMPLES, 'structured-card.json'), '--channel', 'telegram']),
      await cli([]),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]!.stderr).toContain('no such file');
    expect(runs[2]!.stderr).toContain('whatsapp');
  });

  it('prints usage with --help and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('export <file|->');
  });
});

describe('cli export', { timeout: 120_000 }, () => {
  it('prints the sanitized message: markup stripped to text, placeholders kept without --vars', async () => {
    const r = await cli(['export', file('markup.json', markupDesign), '--to', 'message']);
    expect(r.code).toBe(0);
    const msg = JSON.parse(r.stdout);
    expect(msg.text).toBe('Hello {{first}} & welcome');
    expect(msg.content[0].contentType).toBe('Card');
    expect(r.stderr).toContain('sanitize.markup_stripped');
  });

  it('binds --vars values, sanitized, into a Bot Connector v2 reply', async () => {
    const vars = file('vars.json', { first: '<i>Ann</i>' });
    const r = await cli(['export', file('markup2.json', markupDesign), '--to', 'botconnector-v2', '--vars', vars]);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout);
    expect(reply.botState).toBe('MoreData');
    expect(reply.replyMessages[0].text).toBe('Hello Ann & welcome');
  });

  it('prints plain text for --to text', async () => {
    const r = await cli(['export', join(EXAMPLES, 'structured-quick-replies.json'), '--to', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Do you want to proceed?');
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('exports nothing when the input has errors: the issues as JSON and exit 1', async () => {
    const r = await cli(['export', file('eleven2.json', elevenCardDesign), '--to', 'message']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.issues.some((i: { message: string }) => i.message.includes('CAROUSEL_MAX_CARDS'))).toBe(true);
    expect(out.content).toBeUndefined();
  });

  it('blocks a dangerous pattern with exit 1', async () => {
    const evil = { ...markupDesign, root: { ...markupDesign.root, props: { text: 'see javascript:alert(1)' } } };
    const r = await cli(['export', '-', '--to', 'message'], { stdin: JSON.stringify(evil) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues[0]).toMatchObject({ severity: 'error', code: 'sanitize.script_url_blocked', path: 'text' });
  });

  it('exits 2 when --to is missing or unknown', async () => {
    const a = await cli(['export', join(EXAMPLES, 'structured-card.json')]);
    const b = await cli(['export', join(EXAMPLES, 'structured-card.json'), '--to', 'xml']);
    expect([a.code, b.code]).toEqual([2, 2]);
  });
});

describe('cli import and schema', { timeout: 120_000 }, () => {
  it('imports a Genesys message into a design that validates and exports back to the same content', async () => {
    const src = join(EXAMPLES, 'structured-carousel.json');
    const imported = await cli(['import', src]);
    expect(imported.code).toBe(0);
    const design = JSON.parse(imported.stdout);
    expect(design.formatVersion).toBe(1);
    const back = await cli(['export', '-', '--to', 'message'], { stdin: imported.stdout });
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).content).toEqual(JSON.parse(readFileSync(src, 'utf8')).content);
  });

  it('imports markup as typed and says on stderr what a send would strip', async () => {
    const src = file('markup-message.json', { type: 'Structured', text: 'Hi', content: [{ contentType: 'Card', card: { title: '<b>Big</b> sale', description: '', actions: [{ type: 'Postback', text: 'Go', payload: 'go' }] } }] });
    const r = await cli(['import', src]);
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('<b>Big</b> sale');
    expect(r.stderr).toMatch(/warning.*content\[0\]\.card\.title/);
  });

  it('prints the JSON Schema of the design file and of the Genesys message', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s).sort()).toEqual(['design', 'message']);
    expect(s.design.properties.root).toBeDefined();
    expect(s.message.properties.content.type).toBe('array');
  });
});
