import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importJson, importText } from './import.ts';
import { exportDesign, type ExportFormat } from '../transform/export.ts';
import { compile } from '../transform/compile.ts';
import { designSchema } from '../model/design.ts';
import { botConnectorRequestSchema } from '../model/genesys.ts';
import { createRng, randomDesign } from '../testing/index.ts';
import { EXAMPLES_DIR, examplePath } from '../testing/reference.ts';

// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

const load = (file: string): unknown => JSON.parse(readFileSync(examplePath(file), 'utf8'));

/** Every example that is a message or a bot reply, and the format it must export back to. */
const ROUND_TRIPS: Record<string, ExportFormat> = {
  'structured-card.json': 'message',
  'structured-carousel.json': 'message',
  'structured-datepicker.json': 'message',
  'structured-quick-replies.json': 'message',
  'botconnector-v2-messages-response.json': 'botconnector-v2',
};

describe('round trip of the reference examples', () => {
  it('covers every example file in the folder', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
    expect([...Object.keys(ROUND_TRIPS), 'openmessaging-outbound-carousel.json', 'botconnector-v2-messages-request.json'].sort()).toEqual(files.sort());
  });

  for (const [file, format] of Object.entries(ROUND_TRIPS)) {
    it(`imports ${file} as ${format} with no issue and exports it back unchanged`, () => {
      const input = load(file);
      const { design, issues, format: detected } = importJson(input);
      expect(detected).toBe(format);
      expect(issues).toEqual([]);
      expect(design).not.toBeNull();
      expect(designSchema.safeParse(design).success).toBe(true);
      const { output, text } = exportDesign(design!, format);
      // toStrictEqual ignores key order but not undefined keys; the text is what users copy.
      expect(output).toStrictEqual(input);
      expect(JSON.parse(text)).toStrictEqual(input);
    });
  }

  it('imports the Open Messaging carousel with a warning for its envelope conversationId, and exports the normalized message without it', () => {
    // conversationId belongs to the Open Messaging webhook body, not to a normalized message
    // (the official SDK's ConversationNormalizedMessage has no such field; the contract test
    // in shared/src/contract/sdkTypes.test.ts checks every export against it).
    const input = load('openmessaging-outbound-carousel.json') as Record<string, unknown>;
    const { design, issues, format } = importJson(input);
    expect(format).toBe('message');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'import.unknown_field', path: 'conversationId' })]);
    const { conversationId: _dropped, ...normalized } = input;
    expect(exportDesign(design!, 'message').output).toStrictEqual(normalized);
  });

  it('imports the same file to the same design twice (deterministic ids)', () => {
    const input = load('structured-carousel.json');
    expect(importJson(input).design).toStrictEqual(importJson(input).design);
    expect(importJson(input).design!.root.children[0]!.children.map((c) => c.id)).toEqual(['n3', 'n7', 'n11']);
  });

  it('answers the Bot Connector request example with a clear error and no design', () => {
    const r = importJson(load('botconnector-v2-messages-request.json'));
    expect(r.design).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'import.bot_connector_request', path: '' });
    expect(r.issues[0]!.message).toContain('what Genesys sends to a bot, not a message a bot sends');
  });

  it('parses the Bot Connector request example with the strict schema the bot uses, losing nothing', () => {
    const input = load('botconnector-v2-messages-request.json');
    const parsed = botConnectorRequestSchema.parse(input);
    expect(JSON.parse(JSON.stringify(parsed))).toStrictEqual(input);
  });

  it('round-trips a design file through importText', () => {
    const { design } = importJson(load('structured-card.json'));
    const text = exportDesign(design!, 'design').text;
    const back = importText(text);
    expect(back.format).toBe('design');
    expect(back.issues).toEqual([]);
    expect(back.design).toStrictEqual(design);
  });
});

describe('round trip of generated designs', () => {
  it('is stable: design → compile → import → compile gives the same message for 300 seeds', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const design = randomDesign(createRng(seed));
      const first = compile(design);
      const imported = importJson(first);
      expect(imported.format, `seed ${seed}`).toBe('message');
      expect(imported.issues.filter((i) => i.severity === 'error'), `seed ${seed}`).toEqual([]);
      const second = compile(imported.design!);
      expect(second, `seed ${seed}`).toStrictEqual(first);
      expect(exportDesign(imported.design!, 'message').output, `seed ${seed}`).toStrictEqual(first);
    }
  }, FUZZ_TIMEOUT);

  it('keeps the designed tree shape through a round trip (same kinds in the same order)', () => {
    const shape = (n: { kind: string; children: unknown[] }): unknown => [n.kind, (n.children as typeof n[]).map(shape)];
    for (let seed = 1; seed <= 100; seed++) {
      const design = randomDesign(createRng(seed));
      const imported = importJson(compile(design)).design!;
      expect(shape(imported.root), `seed ${seed}`).toEqual(shape(design.root));
    }
  }, FUZZ_TIMEOUT);

  it('is stable through the Bot Connector v2 export for designs a bot may send', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const design = randomDesign(createRng(seed));
      const reply = exportDesign(design, 'botconnector-v2').output as { replyMessages: unknown[] };
      const imported = importJson(reply);
      expect(imported.format).toBe('botconnector-v2');
      const again = exportDesign(imported.design!, 'botconnector-v2').output;
      expect(again, `seed ${seed}`).toStrictEqual(reply);
    }
  }, FUZZ_TIMEOUT);
});
