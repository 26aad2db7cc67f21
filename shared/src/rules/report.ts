/**
 * What every rule module shares: the issue collector (capped, so a hostile file cannot make
 * millions of issues), the context a rule reads, and the words rules use to describe what
 * they found.
 */
import type { Issue, Severity } from '../model/issues.ts';
import { kindLabel } from '../model/kinds.ts';
import { VALIDATE_MAX_ISSUES } from '../model/limits.ts';
import { bindText } from '../model/variables.ts';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Thrown by the collector once VALIDATE_MAX_ISSUES is reached; validate() catches it. */
export class StopCollecting extends Error {}

export class Collector {
  readonly issues: Issue[] = [];
  add(severity: Severity, code: string, message: string, path: string, nodeId?: string): void {
    if (this.issues.length >= VALIDATE_MAX_ISSUES) {
      this.issues.push({
        severity: 'info',
        code: 'validate.truncated',
        message: `Validation stopped after ${VALIDATE_MAX_ISSUES} issues (VALIDATE_MAX_ISSUES); fix these and validate again to see the rest.`,
        path: '',
      });
      throw new StopCollecting();
    }
    const issue: Issue = { severity, code, message, path };
    if (typeof nodeId === 'string') issue.nodeId = nodeId;
    this.issues.push(issue);
  }
  addIssue(i: Issue): void {
    this.add(i.severity, i.code, i.message, i.path, i.nodeId);
  }
}

export type RuleContext = {
  out: Collector;
  /** Values for binding (samples overridden by the values given at send time). */
  values: Record<string, string>;
  /** Names a placeholder may use: declared variables plus names given at send time. */
  known: Set<string>;
  /** Names some text, URL or payload uses. */
  used: Set<string>;
  /** Node id → path where it was first seen. */
  ids: Map<string, string>;
};

/** A child of the node being checked, read defensively, with its export path. */
export type Child = { value: unknown; kind: string | undefined; props: Json; id: string | undefined; path: string; allowed: boolean };

/** The string with the variables bound (lengths are measured on what is sent). */
export function boundString(v: unknown, ctx: Pick<RuleContext, 'values'>): string | undefined {
  return typeof v === 'string' ? bindText(v, ctx.values) : undefined;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'text';
  return `a ${typeof v}`;
}

export function quote(s: string, max = 40): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** Where a message names a location: "at content[0].card" or "on the message". */
export function where(path: string): string {
  return path ? `at ${path}` : 'on the message';
}

/** A kind's label, or the unknown kind quoted. */
export const label = kindLabel;
