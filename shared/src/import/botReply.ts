/**
 * Bot Connector replies ({botState, replyMessages} of v2, {botState, replymessages} of v1,
 * and the outgoing-messages push that adds a session address) → a design. One reply
 * message is designed (the first Structured one, else the first); the others and the
 * reply's own fields are kept in `design.botReply` so exporting gives the reply back.
 * Shapes: ../shared/reference/genesys-messaging.md, "Digital Bot Connector (v2)".
 */
import { botConnectorV1ReplySchema, botConnectorV2ReplySchema, replyMessageSchema } from '../model/genesys.ts';
import { botReplyMetaSchema, type BotReplyMeta, type DesignNode } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';
import { arr, isObject, nameFor, newDesign, node, without, withoutUnknownKeys, Ids, type ImportResult, type Json } from './common.ts';
import { replyFidelityIssue } from './fidelity.ts';
import { messageToRoot } from './message.ts';
import { describe, schemaIssues } from './schemaIssues.ts';

export type BotReplyFormat = 'botconnector-v2' | 'botconnector-v1';

const BOT_STATE_BY_LOWER: Record<string, BotReplyMeta['botState']> = {
  complete: 'Complete',
  moredata: 'MoreData',
  failed: 'Failed',
};

/** The outgoing messages API's request: a reply plus the session it is pushed into. */
const OUTGOING_ADDRESS_KEYS = ['botId', 'botVersion', 'botSessionId', 'languageCode'] as const;

/** Which Bot Connector version a reply without messages is: production v1 bots spell the state in capitals (MOREDATA). */
export function botReplyVersion(input: Json): BotReplyFormat {
  if ('replyMessages' in input) return 'botconnector-v2';
  if ('replymessages' in input) return 'botconnector-v1';
  const s = input.botState;
  return 'slotValues' in input || (typeof s === 'string' && /^[A-Z]+$/.test(s)) ? 'botconnector-v1' : 'botconnector-v2';
}

/** The reply's own fields (state, intent, …) that the design keeps, with what was wrong with them. */
function replyMeta(input: Json, format: BotReplyFormat, issues: Issue[]): Json {
  const meta: Json = {};
  const rawState = input.botState;
  const state =
    typeof rawState === 'string' && Object.hasOwn(BOT_STATE_BY_LOWER, rawState.toLowerCase()) ? BOT_STATE_BY_LOWER[rawState.toLowerCase()] : undefined;
  if (state) {
    meta.botState = state;
    if (rawState !== state) {
      issues.push({
        severity: 'info',
        code: 'import.bot_state_normalised',
        path: 'botState',
        message: `botState "${String(rawState)}" was read as "${state}", the spelling Bot Connector v2 expects.`,
      });
    }
  } else {
    meta.botState = 'MoreData';
    // v2 reports this through its schema; v1's loose schema accepts any string.
    if (format === 'botconnector-v1' || rawState === undefined) {
      issues.push({
        severity: 'error',
        code: 'import.invalid_value',
        path: 'botState',
        message: `botState is ${describe(rawState)}; expected one of "Complete", "MoreData", "Failed". It was set to "MoreData".`,
      });
    }
  }
  const info = input.errorInfo;
  if (isObject(info) && typeof info.code === 'string' && typeof info.message === 'string' && info.errorCode === undefined) {
    // The Platform model's spelling: kept in the one we send (model/botConnector.ts, errorInfoSchema).
    meta.errorInfo = { errorCode: info.code, errorMessage: info.message };
    issues.push({
      severity: 'info',
      code: 'import.error_info_spelling',
      path: 'errorInfo',
      message: 'errorInfo uses code/message (the Platform model\'s names); it is kept and exported as errorCode/errorMessage, the Bot Connector spec\'s names.',
    });
  }
  for (const k of ['intent', 'confidence', 'parameters', 'entities', 'errorInfo'] as const) {
    if (input[k] === undefined || (k === 'errorInfo' && meta.errorInfo)) continue;
    // Values the schema rejects are reported above and not kept, so the design stays valid.
    if (botReplyMetaSchema.shape[k].safeParse(input[k]).success) meta[k] = input[k];
  }
  if (format === 'botconnector-v1' && input.slotValues !== undefined) {
    issues.push({
      severity: 'warning',
      code: 'import.slot_values_dropped',
      path: 'slotValues',
      message: 'slotValues (Bot Connector v1) has no equivalent the designer keeps; it is not part of the imported design and will not be exported.',
    });
  }
  return meta;
}

export function importBotReply(raw: Json, format: BotReplyFormat): ImportResult {
  const issues: Issue[] = [];
  let input = raw;
  if (format === 'botconnector-v2' && 'botSessionId' in raw) {
    // A push through the outgoing messages API carries the same reply plus its session
    // address. The address belongs to one live session, so it is not part of a design.
    input = without(raw, OUTGOING_ADDRESS_KEYS);
    issues.push({
      severity: 'info',
      code: 'import.outgoing_request',
      path: '',
      message: `This is an outgoing message request (a push into bot session ${JSON.stringify(raw.botSessionId)}); its reply is imported, and ${OUTGOING_ADDRESS_KEYS.filter((k) => k in raw).join(', ')} are left out since they address one live session.`,
    });
  }
  const key = format === 'botconnector-v2' ? 'replyMessages' : 'replymessages';
  const messages = input[key];
  // Envelope first (with no messages, which are checked one by one below).
  const envelopeOnly = { ...input, [key]: Array.isArray(messages) ? [] : messages };
  const envelope = (format === 'botconnector-v2' ? botConnectorV2ReplySchema : botConnectorV1ReplySchema).safeParse(envelopeOnly);
  if (!envelope.success) issues.push(...schemaIssues(envelope.error, envelopeOnly, []));
  if (messages !== undefined && messages !== null && !Array.isArray(messages)) {
    return { design: null, issues, format };
  }
  const list = arr(messages).map((m, i) => {
    const r = replyMessageSchema.safeParse(m);
    if (r.success) return m;
    issues.push(...schemaIssues(r.error, m, [key, i], true));
    return withoutUnknownKeys(m, r.error);
  });

  const meta = replyMeta(input, format, issues);
  let designedIndex = list.findIndex((m) => isObject(m) && m.type === 'Structured');
  if (designedIndex < 0) designedIndex = list.findIndex(isObject);
  const ids = new Ids();
  let root: DesignNode;
  if (designedIndex >= 0) {
    const m = messageToRoot(list[designedIndex] as Json, ids, [key, designedIndex], false);
    root = m.root;
    // The reply schema already reported items a bot may not send; keep the designer's notes
    // only where they add something (the QuickReplyV2 conversion) or nothing was reported.
    const reported = new Set(issues.map((i) => i.path));
    issues.push(
      ...m.issues.filter(
        (i) =>
          i.code === 'import.quick_reply_v2_converted' ||
          !(reported.has(i.path) || reported.has(`${i.path}.contentType`) || reported.has(i.path.replace(/\.contentType$/, ''))),
      ),
    );
    const before = list.slice(0, designedIndex);
    const after = list.slice(designedIndex + 1);
    if (before.length > 0) meta.before = before;
    if (after.length > 0) meta.after = after;
  } else {
    root = node(ids, 'message', {});
  }
  const design = newDesign(raw, nameFor('Imported bot reply', root), root, { botReply: meta as BotReplyMeta });
  if (issues.filter((i) => i.severity !== 'info').length === 0 && designedIndex >= 0) {
    issues.push(...replyFidelityIssue(list[designedIndex], design, [key, designedIndex]));
  }
  return { design, issues, format };
}
