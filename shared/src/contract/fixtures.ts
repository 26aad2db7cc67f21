import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJson } from '../import/import.ts';
import type { Design } from '../model/design.ts';
import { EXAMPLES_DIR } from '../testing/reference.ts';
import { TEMPLATES } from '../templates.ts';

/** The reference examples that are messages or bot replies (the request example is not a design). */
export const MESSAGE_EXAMPLES = [
  'structured-card.json',
  'structured-carousel.json',
  'structured-datepicker.json',
  'structured-quick-replies.json',
  'openmessaging-outbound-carousel.json',
  'botconnector-v2-messages-response.json',
] as const;

/** Every design the contract suites export: each gallery template and each reference example, imported. */
export function contractDesigns(): { name: string; design: Design }[] {
  const examples = MESSAGE_EXAMPLES.map((file) => {
    const { design } = importJson(JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')));
    if (!design) throw new Error(`${file} did not import`);
    return { name: file, design };
  });
  return [...TEMPLATES.map((t) => ({ name: `template ${t.id}`, design: t.build() })), ...examples];
}

/** Every message a guest would see from one export: the message itself, or a bot reply's replyMessages. */
export function messagesOf(output: unknown): unknown[] {
  const o = output as { replyMessages?: unknown[] };
  return Array.isArray(o.replyMessages) ? o.replyMessages : [output];
}
