/**
 * importJson(): any JSON the designer reads (a Genesys message, a Bot Connector reply v2 or
 * v1, a design file) → a design. This module only recognises the format and hands the input
 * to its reader; each reader reports every problem at its JSON path in the input and still
 * returns the design whenever the tree can be recovered.
 *
 *   message.ts     Genesys normalized messages (Structured, Text, Open Messaging)
 *   botReply.ts    Bot Connector replies and outgoing-messages pushes
 *   designFile.ts  the designer's own file format
 *   jsonText.ts    text → JSON with a located syntax error (and issue path → text range)
 */
import { importBotReply, botReplyVersion } from './botReply.ts';
import { isObject, refused, type ImportResult } from './common.ts';
import { importDesignFile } from './designFile.ts';
import { jsonErrorOffset, lineColumn } from './jsonText.ts';
import { importMessage } from './message.ts';
import { describe } from './schemaIssues.ts';

export type { ImportFormat, ImportResult } from './common.ts';

/** Genesys's request to a bot, which people paste by mistake for the bot's answer. */
function looksLikeBotRequest(v: Record<string, unknown>): boolean {
  return 'botSessionId' in v && 'inputMessage' in v;
}

export function importJson(input: unknown): ImportResult {
  try {
    if (!isObject(input)) {
      return refused('import.not_an_object', `Expected a JSON object (a Genesys message, a Bot Connector reply or a design file), got ${describe(input)}.`);
    }
    if (looksLikeBotRequest(input)) {
      return refused(
        'import.bot_connector_request',
        'This is a Bot Connector request (botSessionId + inputMessage): this is what Genesys sends to a bot, not a message a bot sends. Import the bot\'s reply ({botState, replyMessages}) or a message ({type, text, content}) instead.',
      );
    }
    if ('formatVersion' in input || ('root' in input && !('type' in input))) return importDesignFile(input);
    if ('replyMessages' in input || 'replymessages' in input || 'botState' in input) return importBotReply(input, botReplyVersion(input));
    if ('type' in input || 'content' in input || 'text' in input) return importMessage(input);
    return refused(
      'import.unknown_format',
      'Not recognised: expected a Genesys message ({type, text, content}), a Bot Connector reply ({botState, replyMessages}) or a design file ({formatVersion, root}).',
    );
  } catch (e) {
    // importJson never throws; an internal failure is reported, not raised.
    return refused('import.internal', `Import failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function importText(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const at = offset < 0 ? text.length : offset;
    const { line, column } = lineColumn(text, at);
    const what = at >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[at])}`;
    return refused('import.invalid_json', `Not valid JSON: ${what} at line ${line}, column ${column}${e instanceof Error ? ` (${e.message})` : ''}.`);
  }
  return importJson(parsed);
}
