/**
 * The command line: the same pipeline as the server (import → sanitize → validate → bind →
 * compile), so a design that passes here passes a send. Results go to stdout (JSON, or plain
 * text for `--to text` and for `validate` without --json); everything meant for people
 * (summaries, warnings, usage errors) goes to stderr, so stdout can be piped.
 *
 * Exit codes: 0 success / no errors, 1 the input has errors (nothing exported),
 * 2 unreadable input or bad usage.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  CHANNEL_IDS,
  EXPORT_FORMATS,
  designSchema,
  genesysMessageSchema,
  hasErrors,
  importText,
  mergeIssues,
  check,
  sanitizeDesign,
  type ChannelId,
  type ExportFormat,
  type Issue,
  type Purifier,
} from '@grmd/shared';

export type CliIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  /** Directory relative paths are resolved against (the caller's, not npm's). */
  cwd: string;
  purifier: () => Purifier;
};

export const USAGE = `Usage: npm run -s cli -- <command> [options]

Commands:
  validate <file|->  [--channel C] [--json]
      Check a design or Genesys JSON. Prints "severity code path: message" lines
      (or {"valid":bool,"issues":[...]} with --json). Exit 0 no errors, 1 errors.
  export <file|-> --to ${EXPORT_FORMATS.join('|')} [--vars F] [--channel C]
      Print the sanitized export. --vars F: a JSON file {"name": "value"} overriding the
      design's variable samples (without it, {{placeholders}} stay in the output).
      --channel C: what that channel really gets. On errors nothing is exported: the
      issues are printed as with validate --json and the exit code is 1.
  import <file|->
      Convert Genesys JSON (message, Bot Connector v1/v2 reply) to a design file.
  schema
      Print the JSON Schema of the design file and of the Genesys message:
      {"design": ..., "message": ...}.

<file> may be a design file, a Genesys message or a Bot Connector reply; "-" reads stdin.
Channels: ${CHANNEL_IDS.join(', ')}.
Exit codes: 0 ok, 1 the input has errors, 2 unreadable input or bad usage.`;

class UsageError extends Error {}
/** Unreadable input: exit 2, with an optional located issue for --json output. */
class InputError extends Error {
  constructor(
    message: string,
    readonly issue?: Issue,
  ) {
    super(message);
  }
}

type Parsed = { command: string | undefined; positional: string[]; flags: Map<string, string | true> };

const VALUE_FLAGS = new Set(['channel', 'to', 'vars']);
const BOOL_FLAGS = new Set(['json', 'help']);

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      flags.set('help', true);
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      if (VALUE_FLAGS.has(name)) {
        const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`);
        flags.set(name, value);
      } else if (BOOL_FLAGS.has(name) && eq < 0) {
        flags.set(name, true);
      } else throw new UsageError(`Unknown option ${arg}.`);
    } else positional.push(arg);
  }
  return { command: positional.shift(), positional, flags };
}

function allowOnly(p: Parsed, allowed: string[], command: string) {
  for (const k of p.flags.keys()) {
    if (k !== 'help' && !allowed.includes(k)) throw new UsageError(`${command} does not take --${k}.`);
  }
}

function oneFile(p: Parsed, command: string): string {
  if (p.positional.length !== 1) throw new UsageError(`${command} needs exactly one <file> (or - for stdin).`);
  return p.positional[0]!;
}

function channelFlag(p: Parsed): ChannelId | undefined {
  const c = p.flags.get('channel');
  if (c === undefined) return undefined;
  if (!(CHANNEL_IDS as readonly string[]).includes(c as string)) {
    throw new UsageError(`Unknown channel "${String(c)}"; use one of ${CHANNEL_IDS.join(', ')}.`);
  }
  return c as ChannelId;
}

async function readSource(file: string, io: CliIo): Promise<{ text: string; name: string }> {
  if (file === '-') return { text: await io.readStdin(), name: 'stdin' };
  const path = resolve(io.cwd, file);
  try {
    return { text: await readFile(path, 'utf8'), name: file };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'unreadable';
    throw new InputError(`Cannot read ${file} (${path}): ${why}.`);
  }
}

/** Parses JSON; bad JSON is unreadable input, reported with its line and column. */
function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const issue = importText(text).issues[0];
    throw new InputError(`${name}: ${issue?.message ?? 'not valid JSON.'}`, issue);
  }
}

function issueLine(i: Issue): string {
  return `${i.severity} ${i.code} ${i.path === '' ? '(message)' : i.path}: ${i.message}`;
}

function summary(issues: readonly Issue[]): string {
  const n = (s: Issue['severity']) => issues.filter((i) => i.severity === s).length;
  const e = n('error');
  const w = n('warning');
  return `${e === 0 ? 'valid' : 'invalid'}: ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function validateCommand(p: Parsed, io: CliIo): Promise<number> {
  allowOnly(p, ['channel', 'json'], 'validate');
  const file = oneFile(p, 'validate');
  const channel = channelFlag(p);
  const src = await readSource(file, io);
  const input = parseJson(src.text, src.name);
  const r = check(input, { purify: io.purifier(), ...(channel ? { channel } : {}) });
  if (p.flags.has('json')) io.stdout(json({ valid: r.valid, issues: r.issues }));
  else for (const i of r.issues) io.stdout(`${issueLine(i)}\n`);
  io.stderr(`${src.name}: ${summary(r.issues)}\n`);
  return r.valid ? 0 : 1;
}

async function readVars(file: string, io: CliIo): Promise<Record<string, string>> {
  const src = await readSource(file, io);
  const v = parseJson(src.text, src.name);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new InputError(`${src.name}: --vars must be a JSON object of variable values, e.g. {"firstName": "Ann"}.`);
  }
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string') throw new InputError(`${src.name}: the value of "${k}" must be text, not ${value === null ? 'null' : typeof value}.`);
    out[k] = value;
  }
  return out;
}

async function exportCommand(p: Parsed, io: CliIo): Promise<number> {
  allowOnly(p, ['to', 'vars', 'channel'], 'export');
  const file = oneFile(p, 'export');
  const to = p.flags.get('to');
  if (to === undefined) throw new UsageError(`export needs --to ${EXPORT_FORMATS.join('|')}.`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(to as string)) {
    throw new UsageError(`Unknown export format "${String(to)}"; use one of ${EXPORT_FORMATS.join(', ')}.`);
  }
  const format = to as ExportFormat;
  const channel = channelFlag(p);
  const varsFile = p.flags.get('vars');
  if (file === '-' && varsFile === '-') throw new UsageError('Only one of <file> and --vars can read stdin.');
  const variables = typeof varsFile === 'string' ? await readVars(varsFile, io) : undefined;
  const src = await readSource(file, io);
  const input = parseJson(src.text, src.name);

  // check() exports too: the design file keeps its {{placeholders}}; other formats carry the
  // bound, sanitized values when --vars is given, and the placeholders (a template) otherwise.
  const r = check(input, { purify: io.purifier(), format, ...(channel ? { channel } : {}), ...(variables ? { variables } : {}) });
  const { issues, exported: ex } = r;
  if (!r.valid || !ex) {
    io.stdout(json({ valid: false, issues }));
    io.stderr(`${src.name}: ${summary(issues)}; nothing exported.\n`);
    return 1;
  }
  io.stdout(ex.text.endsWith('\n') ? ex.text : `${ex.text}\n`);
  for (const i of issues) io.stderr(`${issueLine(i)}\n`);
  return 0;
}

async function importCommand(p: Parsed, io: CliIo): Promise<number> {
  allowOnly(p, [], 'import');
  const file = oneFile(p, 'import');
  const src = await readSource(file, io);
  parseJson(src.text, src.name);
  const r = importText(src.text);
  if (!r.design || hasErrors(r.issues)) {
    io.stdout(json({ valid: false, issues: r.issues }));
    io.stderr(`${src.name}: could not import (${summary(r.issues)}).\n`);
    return 1;
  }
  // The design keeps the texts as they were (an import must round-trip); what a send would
  // strip or block is said now, on stderr, by the same sanitize policy the server runs.
  const sanitized = sanitizeDesign(r.design, io.purifier());
  io.stdout(json(r.design));
  for (const i of mergeIssues(r.issues, sanitized.issues)) io.stderr(`${issueLine(i)}\n`);
  io.stderr(`${src.name}: imported (${r.format}).\n`);
  return 0;
}

function schemaCommand(p: Parsed, io: CliIo): number {
  allowOnly(p, [], 'schema');
  if (p.positional.length > 0) throw new UsageError('schema takes no arguments.');
  // io: 'input' describes what a file may contain (defaults make fields optional).
  const opts = { unrepresentable: 'any', io: 'input' } as const;
  io.stdout(json({ design: z.toJSONSchema(designSchema, opts), message: z.toJSONSchema(genesysMessageSchema, opts) }));
  return 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const p = parseArgs(argv);
    if (p.flags.has('help') || p.command === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    switch (p.command) {
      case 'validate':
        return await validateCommand(p, io);
      case 'export':
        return await exportCommand(p, io);
      case 'import':
        return await importCommand(p, io);
      case 'schema':
        return schemaCommand(p, io);
      case undefined:
        throw new UsageError('No command given.');
      default:
        throw new UsageError(`Unknown command "${p.command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\nRun with --help for usage.\n`);
      return 2;
    }
    if (e instanceof InputError) {
      if (argv.includes('--json') && e.issue) io.stdout(json({ valid: false, issues: [e.issue] }));
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    // A bug of ours: say so without a stack trace.
    io.stderr(`error: internal failure (${e instanceof Error ? e.message : String(e)}).\n`);
    return 2;
  }
}
