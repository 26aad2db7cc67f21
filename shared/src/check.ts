/**
 * check(): the one verdict on a message, the same for the editor (Problems, limit meters,
 * preview), the server (/api/validate, sends, armed replies) and the CLI. It runs the
 * stages in STAGES, in that order, and every "ready", "sent" or "exported" is decided on its
 * result.
 *
 * Why sanitize before validate: validation should judge the text Genesys will show (a
 * title's length without its stripped markup). Why sanitize again after binding: variable
 * values are dynamic fields, i.e. untrusted data, and can bring their own
 * markup or dangerous patterns. The second pass only touches fields the binding changed
 * (sanitizing already-plain text is a no-op), so it costs almost nothing. The channel rules
 * (rules/channel.ts) speak in validate and in the channel stage alike; their findings are
 * the same issues, so they merge into one.
 *
 * Never throws. `valid` is false as soon as any stage reports an error; the message, reply
 * messages and text are still computed when possible (so the editor can preview an invalid
 * design) but callers must not send them.
 */
import type { ChannelId } from './model/channels.ts';
import type { Design } from './model/design.ts';
import type { GenesysMessage, ReplyMessage } from './model/genesys.ts';
import { hasErrors, mergeIssues, type Issue } from './model/issues.ts';
import { bindDesign, resolveVariables } from './model/variables.ts';
import { importJson, type ImportFormat } from './import/import.ts';
import { channelCaps } from './rules/channel.ts';
import { checkMessageSize, limitMeters, meterSeverities, type Meter } from './rules/meters.ts';
import { validate } from './rules/validate.ts';
import { compile } from './transform/compile.ts';
import { exportDesign, NOTHING_TO_SEND, nothingToSend, replyMessagesFor, type ExportFormat } from './transform/export.ts';
import { messageToText, truncateText } from './transform/fallback.ts';
import { forChannel } from './transform/forChannel.ts';
import { sanitizeDesign } from './transform/sanitize.ts';
import type { Purifier } from './transform/markup.ts';

export type CheckOptions = {
  purify: Purifier;
  /** The channel to judge and compile for; defaults to the design's own channel. */
  channel?: ChannelId;
  /** Variable values; they override the design's samples. */
  variables?: Record<string, string>;
  /** Also produce this export (the design file keeps its placeholders; other formats carry the given values). */
  format?: ExportFormat;
};

export type CheckResult = {
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
  format: ImportFormat;
  /** The channel judged for. */
  channel: ChannelId;
  /** The bound design as the channel gets it (what the preview draws). */
  channelDesign: Design | null;
  /** The plain text a text-only channel (SMS) gets instead of a structured message; null when it gets the message. */
  channelText: string | null;
  /** What the channel changes ("What WhatsApp changes"); each is also in `issues`. */
  channelChanges: Issue[];
  /** The limit meters, each with the severity of the issues that state its limit. */
  meters: Meter[];
  /** The export asked for with `format`. */
  exported: { format: ExportFormat; output: unknown; text: string } | null;
};

type State = Omit<CheckResult, 'valid' | 'issues'> & { input: unknown; values: Record<string, string>; found: Issue[][] };
type Stage = { name: string; run: (s: State, opts: CheckOptions) => void };

/** The stages, in order. A stage that throws is reported and the next one still runs. */
const STAGES: readonly Stage[] = [
  { name: 'import', run: importStage },
  { name: 'sanitize', run: (s, opts) => sanitizeStage(s, 'design', opts) },
  { name: 'validate', run: validateStage },
  // bind → sanitize the bound values → adapt to the channel → Bot Connector reply messages
  { name: 'compile', run: compileStage },
  { name: 'export', run: exportStage },
  { name: 'measure', run: measureStage },
];

export function check(input: unknown, opts: CheckOptions): CheckResult {
  const s: State = {
    input, values: {}, found: [], format: 'unknown', channel: opts.channel ?? 'webmessaging',
    design: null, boundDesign: null, message: null, replyMessages: null, text: null,
    channelDesign: null, channelText: null, channelChanges: [], meters: [], exported: null,
  };
  for (const stage of STAGES) {
    if (stage.name !== 'import' && !s.design) break;
    try {
      stage.run(s, opts);
    } catch (e) {
      s.found.push([internal(stage.name, e)]);
    }
  }
  const { input: _input, values: _values, found, ...result } = s;
  const issues = mergeIssues(...found);
  return { valid: !hasErrors(issues), issues, ...result, meters: meterSeverities(result.meters, issues) };
}

function internal(stage: string, e: unknown): Issue {
  return {
    severity: 'error',
    code: `pipeline.${stage}_failed`,
    path: '',
    message: `The ${stage} step failed unexpectedly (${e instanceof Error ? e.message : String(e)}); nothing may be sent.`,
  };
}

function importStage(s: State, opts: CheckOptions): void {
  const imported = importJson(s.input);
  s.format = imported.format;
  s.found.push(imported.issues);
  // A design file that parsed to the same value keeps its identity, so the editor's
  // preview can skip unchanged nodes.
  s.design = imported.format === 'design' && imported.design && sameJson(imported.design, s.input) ? (s.input as Design) : imported.design;
  s.channel = opts.channel ?? s.design?.channel ?? 'webmessaging';
}

function sanitizeStage(s: State, which: 'design' | 'boundDesign', opts: CheckOptions): void {
  const r = sanitizeDesign(s[which]!, opts.purify);
  s[which] = r.design;
  s.found.push(r.issues);
}

function validateStage(s: State, opts: CheckOptions): void {
  s.values = resolveVariables(s.design!, opts.variables);
  s.found.push(validate(s.design, { channel: s.channel, variables: s.values }));
}

function compileStage(s: State, opts: CheckOptions): void {
  s.boundDesign = bindDesign(s.design!, s.values);
  if (s.boundDesign !== s.design) sanitizeStage(s, 'boundDesign', opts);
  const bound = s.boundDesign!;
  const adapted = forChannel(bound, s.channel);
  s.channelDesign = adapted.design;
  s.channelText = adapted.text;
  s.channelChanges = adapted.issues;
  s.found.push(adapted.issues);
  s.message = adapted.message;
  const whole = bound === adapted.design ? adapted.message : compile(bound);
  // The text fallback of the whole design (what the agent-send fallback would carry).
  s.text = adapted.text ?? truncateText(messageToText(whole), channelCaps(s.channel)!.textMax);
  const replies = replyMessagesFor(adapted.message);
  s.replyMessages = replies.messages;
  // An empty reply names what the design had, also what the channel already dropped.
  s.found.push(replies.issues.map((i) => (i.code === NOTHING_TO_SEND ? nothingToSend(whole) : i)));
}

function exportStage(s: State, opts: CheckOptions): void {
  if (!opts.format) return;
  const source = opts.format === 'design' || !opts.variables ? s.design! : (s.boundDesign ?? s.design!);
  const ex = exportDesign(source, opts.format, opts.channel ? { channel: opts.channel } : {});
  s.exported = { format: opts.format, output: ex.output, text: ex.text };
  // A Bot Connector export refuses an empty reply: its error replaces the compile stage's warning.
  if (ex.issues.some((i) => i.code === NOTHING_TO_SEND)) s.found = s.found.map((list) => list.filter((i) => i.code !== NOTHING_TO_SEND));
  s.found.push(ex.issues);
}

function measureStage(s: State): void {
  const message = s.message ?? compile(s.design!);
  s.meters = limitMeters(s.design!, s.channel, message);
  s.found.push(checkMessageSize(s.meters.find((m) => m.id === 'bytes')!.value));
}

/** Deep equality of two JSON values, without recursion (a design may be deep). */
function sameJson(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}
