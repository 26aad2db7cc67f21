/**
 * validate(): every problem in a design, as Issues, never an exception. It runs on whatever
 * JSON arrives (the editor's state, an uploaded file, an API body), so it trusts nothing:
 * every value is type-checked before use and the number of issues is capped.
 *
 * The rules, by concern: the design file's own fields (here), structure and the walk
 * (structure.ts), fields against KINDS (fields.ts), URLs (urls.ts), variables
 * (variables.ts), each kind's own rules (perKind.ts) and the channel (channel.ts).
 *
 * Paths follow issues.ts: the shape of the exported Genesys message
 * (`content[0].carousel.cards[2].actions[1].url`), `children[i]` for a node the grammar
 * forbids, and the design file's own names for design-level fields (`variables[2].name`).
 */
import { CHANNEL_IDS, type ChannelId } from '../model/channels.ts';
import { FORMAT_VERSION, botReplyMetaSchema, envelopeSchema, type Design } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';
import { issuesFromZod } from '../model/schemaIssues.ts';
import { judgeChannel } from './channel.ts';
import { Collector, StopCollecting, isObject, typeName, type Json, type RuleContext } from './report.ts';
import { walkTree } from './structure.ts';
import { bindingValues, checkDeclarations, checkUnused } from './variables.ts';

export type ValidateOptions = {
  /** Check channel rules for this channel (else the design's own `channel`, if any). */
  channel?: ChannelId;
  /** Values given at send time; they override the design's samples. */
  variables?: Record<string, string>;
};

export function validate(input: unknown, opts: ValidateOptions = {}): Issue[] {
  const out = new Collector();
  try {
    run(input, isObject(opts) ? opts : {}, out);
  } catch (e) {
    if (!(e instanceof StopCollecting)) {
      out.issues.push({
        severity: 'error',
        code: 'validate.internal',
        message: `Validation stopped early on an unexpected problem (${e instanceof Error ? e.message : String(e)}); the list of issues is incomplete.`,
        path: '',
      });
    }
  }
  return out.issues;
}

function run(input: unknown, opts: ValidateOptions, out: Collector): void {
  if (!isObject(input)) {
    out.add('error', 'design.not_object', `A design must be a JSON object with formatVersion, id, name and root; this is ${typeName(input)}.`, '');
    return;
  }
  const design = input;
  checkFileFields(design, out);
  const channelId = checkChannelChoice(design, opts, out);
  const declarations = checkDeclarations(design.variables, out);
  const { values, known } = bindingValues(declarations.declared, opts.variables);

  if (!('root' in design) || design.root === undefined) {
    out.add('error', 'design.root_missing', 'The design has no root: it needs a root Message node.', 'root');
    return;
  }
  const ctx: RuleContext = { out, values, known, used: new Set(), ids: new Map() };
  walkTree(design.root, ctx);
  if (isObject(design.root)) {
    for (const f of judgeChannel(design as Design, channelId, { variables: values }).findings) out.addIssue(f.issue);
  }
  checkUnused(declarations, ctx);
}

function checkFileFields(design: Json, out: Collector): void {
  if (design.formatVersion !== FORMAT_VERSION) {
    out.add(
      'error',
      'design.format_version',
      design.formatVersion === undefined
        ? `The design has no formatVersion; this designer reads formatVersion ${FORMAT_VERSION}.`
        : `The design's formatVersion is ${JSON.stringify(design.formatVersion)}; this designer reads formatVersion ${FORMAT_VERSION}.`,
      'formatVersion',
    );
  }
  if (typeof design.id !== 'string' || design.id === '') {
    out.add('error', 'design.id', `The design needs an id (non-empty text); found ${typeName(design.id)}.`, 'id');
  }
  if (typeof design.name !== 'string') {
    out.add('error', 'design.name', `The design name must be text; found ${typeName(design.name)}.`, 'name');
  }
  // The envelope and Bot Connector fields kept from an import, so an export round-trips.
  for (const [key, schema] of [
    ['envelope', envelopeSchema],
    ['botReply', botReplyMetaSchema],
  ] as const) {
    if (design[key] === undefined) continue;
    const r = schema.safeParse(design[key]);
    if (!r.success) {
      const issues = issuesFromZod(r.error, { prefix: [key], max: 20, code: () => `design.${key}`, message: (zi) => `The kept ${key} field is invalid: ${zi.message}.` });
      for (const i of issues) out.addIssue(i);
    }
  }
}

/** The channel to judge for: the option, else the design's own; both must be channels. */
function checkChannelChoice(design: Json, opts: ValidateOptions, out: Collector): ChannelId | undefined {
  let channelId: ChannelId | undefined;
  if (design.channel !== undefined) {
    if (typeof design.channel === 'string' && (CHANNEL_IDS as readonly string[]).includes(design.channel)) {
      channelId = design.channel as ChannelId;
    } else {
      out.add('error', 'design.channel', `The design's channel ${JSON.stringify(design.channel)} is not one of ${CHANNEL_IDS.join(', ')}.`, 'channel');
    }
  }
  if (opts.channel !== undefined) {
    if ((CHANNEL_IDS as readonly string[]).includes(opts.channel)) channelId = opts.channel;
    else out.add('error', 'options.channel', `Channel ${JSON.stringify(opts.channel)} is not one of ${CHANNEL_IDS.join(', ')}.`, '');
  }
  return channelId;
}
