/**
 * runPipeline: the one path every message takes before it is shown as "ready", exported by
 * the CLI or sent by the server (sandbox or real org): import → sanitize → validate → bind
 * variables → sanitize the bound values → compile for the channel → Bot Connector reply
 * messages and text fallback.
 *
 * Why sanitize before validate: validation should judge the text Genesys will show (a
 * title's length without its stripped markup). Why sanitize again after binding: variable
 * values are the seed's "dynamic fields", i.e. untrusted data, and can bring their own
 * markup or dangerous patterns. The second pass only touches fields the binding changed
 * (sanitizing already-plain text is a no-op), so it costs almost nothing.
 *
 * Never throws. `valid` is false as soon as any stage reports an error; the message, reply
 * messages and text are still computed when possible (so the editor can preview an invalid
 * design) but callers must not send them.
 */
import { CHANNELS, type ChannelId } from './model/channels.ts';
import { compile } from './transform/compile.ts';
import type { Design } from './model/design.ts';
import { replyMessagesFor } from './transform/export.ts';
import { messageToText, truncateText } from './transform/fallback.ts';
import { forChannel } from './transform/forChannel.ts';
import type { GenesysMessage, ReplyMessage } from './model/genesys.ts';
import { importJson } from './import/import.ts';
import { hasErrors, mergeIssues, type Issue } from './model/issues.ts';
import { sanitizeDesign, type Purifier } from './transform/sanitize.ts';
import { validate } from './rules/validate.ts';
import { bindDesign, resolveVariables } from './model/variables.ts';

export type PipelineOptions = {
  purify: Purifier;
  /** The channel to compile for; defaults to the design's own channel. */
  channel?: ChannelId;
  /** Variable values; they override the design's samples. */
  variables?: Record<string, string>;
};

export type PipelineResult = {
  /** No error issue from any stage: the message may be sent. */
  valid: boolean;
  /** Every stage's issues, errors first, without duplicates. */
  issues: Issue[];
  /** The sanitized design, placeholders kept (a template, as the user saves it). */
  design: Design | null;
  /** The sanitized design with the variables bound (what the message is compiled from). */
  boundDesign: Design | null;
  /** What the channel gets: variables bound, sanitized, adapted to the channel. */
  message: GenesysMessage | null;
  /** The Bot Connector replyMessages for that message. */
  replyMessages: ReplyMessage[] | null;
  /** Plain-text fallback (what an SMS customer gets, or an agent-send text). */
  text: string | null;
  /** The input format importJson recognised. */
  format: ReturnType<typeof importJson>['format'];
};

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
export { mergeIssues };

/**
 * forChannel codes that restate one of validate's channel rules for the same place (validate
 * judges the design for a channel; forChannel says what the channel then does with it).
 * A code not listed restates the rule of the same code.
 */
const RESTATES: Readonly<Record<string, string>> = {
  'channel.link_button_dropped': 'channel.link_buttons',
  'channel.carousel_unconfirmed': 'channel.carousel_unsupported',
  'channel.card_unconfirmed': 'channel.support_unconfirmed',
  'channel.quick_reply_unconfirmed': 'channel.support_unconfirmed',
};

/**
 * One issue per concern and place: where a forChannel issue restates a validate rule at the
 * same path, the forChannel one stays (it says what happens, e.g. "so it is dropped") with
 * the graver of the two severities, and the rule's copy goes.
 */
export function withoutRestatedRules(rules: readonly Issue[], adapted: readonly Issue[]): { rules: Issue[]; adapted: Issue[] } {
  const restated = new Map<string, Issue>();
  for (const a of adapted) {
    if (!a.code.startsWith('channel.')) continue;
    restated.set(`${RESTATES[a.code] ?? a.code}\u0000${a.path}`, a);
  }
  const graver = new Map<Issue, Issue['severity']>();
  const keptRules = rules.filter((r) => {
    const a = restated.get(`${r.code}\u0000${r.path}`);
    if (!a) return true;
    if (SEVERITY_RANK[r.severity] < SEVERITY_RANK[graver.get(a) ?? a.severity]) graver.set(a, r.severity);
    return false;
  });
  return { rules: keptRules, adapted: adapted.map((a) => (graver.has(a) ? { ...a, severity: graver.get(a)! } : a)) };
}

function internal(stage: string, e: unknown): Issue {
  return {
    severity: 'error',
    code: `pipeline.${stage}_failed`,
    path: '',
    message: `The ${stage} step failed unexpectedly (${e instanceof Error ? e.message : String(e)}); nothing may be sent.`,
  };
}

export function runPipeline(input: unknown, opts: PipelineOptions): PipelineResult {
  const imported = importJson(input);
  const format = imported.format;
  if (!imported.design) {
    return { valid: false, issues: mergeIssues(imported.issues), design: null, boundDesign: null, message: null, replyMessages: null, text: null, format };
  }
  const stages: Issue[][] = [imported.issues];
  const channel: ChannelId = opts.channel ?? imported.design.channel ?? 'webmessaging';

  let design = imported.design;
  try {
    const s = sanitizeDesign(design, opts.purify);
    design = s.design;
    stages.push(s.issues);
  } catch (e) {
    stages.push([internal('sanitize', e)]);
  }

  let values: Record<string, string> = {};
  let rules: Issue[] = [];
  try {
    values = resolveVariables(design, opts.variables);
    rules = validate(design, { channel, variables: values });
  } catch (e) {
    rules = [internal('validate', e)];
  }
  const rulesAt = stages.push(rules) - 1;

  let message: GenesysMessage | null = null;
  let replyMessages: ReplyMessage[] | null = null;
  let text: string | null = null;
  let boundDesign: Design | null = null;
  try {
    let bound = bindDesign(design, values);
    if (bound !== design) {
      const s = sanitizeDesign(bound, opts.purify);
      bound = s.design;
      stages.push(s.issues);
    }
    boundDesign = bound;
    const caps = CHANNELS[channel] ?? CHANNELS.webmessaging;
    const adapted = forChannel(bound, channel);
    const merged = withoutRestatedRules(rules, adapted.issues);
    stages[rulesAt] = merged.rules;
    stages.push(merged.adapted);
    message = adapted.message;
    if (adapted.text !== null) text = adapted.text;
    else {
      // The text fallback of the whole design (what the agent-send fallback would carry).
      const full = bound === adapted.design ? message : compile(bound);
      text = truncateText(messageToText(full), caps.textMax);
    }
    const replies = replyMessagesFor(message);
    replyMessages = replies.messages;
    stages.push(replies.issues);
  } catch (e) {
    stages.push([internal('compile', e)]);
  }

  const issues = mergeIssues(...stages);
  return { valid: !hasErrors(issues), issues, design, boundDesign, message, replyMessages, text, format };
}
