/**
 * Builders and checks shared by the rule tests: small designs, and the shape every issue
 * must have.
 */
import { expect } from 'vitest';
import type { DesignNode } from '../model/design.ts';
import type { Issue } from '../model/issues.ts';
import { validate, type ValidateOptions } from './validate.ts';

let seq = 0;
export function node(kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = [], id?: string): DesignNode {
  return { id: id ?? `${kind}-${++seq}`, kind, props, children };
}
export const postback = (text = 'Book', payload = `p-${++seq}`) => node('action', { type: 'Postback', text, payload });
export const link = (url = 'https://example.com/x', text = 'More') => node('action', { type: 'Link', text, url });
export const card = (actions: DesignNode[] = [postback()], props: Record<string, unknown> = {}) =>
  node('card', { title: 'Title', description: '', ...props }, actions);
export const carousel = (cards: DesignNode[]) => node('carousel', {}, cards);
export const qr = (text = 'Yes', payload = `q-${++seq}`) => node('quickReply', { text, payload });
export const attachment = () => node('attachment', { id: 'a', mediaType: 'Image', url: 'https://example.com/a.png', filename: 'a.png' });

export function design(children: DesignNode[], extra: { text?: string; variables?: unknown; channel?: string } = {}): Record<string, unknown> {
  const d: Record<string, unknown> = {
    formatVersion: 1,
    id: 'd1',
    name: 'Test',
    variables: extra.variables ?? [],
    root: node('message', { text: extra.text ?? 'Hello' }, children, 'root'),
  };
  if (extra.channel) d.channel = extra.channel;
  return d;
}

export function run(input: unknown, opts?: ValidateOptions): Issue[] {
  const issues = validate(input, opts);
  for (const i of issues) expectWellFormed(i);
  return issues;
}
export function withCode(issues: Issue[], code: string): Issue[] {
  return issues.filter((i) => i.code === code);
}
export function one(issues: Issue[], code: string): Issue {
  const found = withCode(issues, code);
  expect(found, `expected one ${code} in ${JSON.stringify(issues.map((i) => i.code))}`).toHaveLength(1);
  return found[0]!;
}
export function errors(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error');
}

export const ISSUE_KEYS = new Set(['severity', 'code', 'message', 'path', 'nodeId']);
/** Plain check (no expect per field) so the 10,000-input fuzz stays quick. */
export function isWellFormed(i: unknown): boolean {
  if (typeof i !== 'object' || i === null) return false;
  const issue = i as Record<string, unknown>;
  return (
    (issue.severity === 'error' || issue.severity === 'warning' || issue.severity === 'info') &&
    typeof issue.code === 'string' &&
    /^[a-z][A-Za-z_]*(\.[a-z][A-Za-z_]*)+$/.test(issue.code) &&
    typeof issue.message === 'string' &&
    issue.message.length > 10 &&
    typeof issue.path === 'string' &&
    (!('nodeId' in issue) || typeof issue.nodeId === 'string') &&
    Object.keys(issue).every((k) => ISSUE_KEYS.has(k))
  );
}

export function expectWellFormed(i: unknown): void {
  expect(i).toBeTypeOf('object');
  const issue = i as Issue;
  expect(['error', 'warning', 'info']).toContain(issue.severity);
  expect(issue.code).toMatch(/^[a-z][A-Za-z_]*(\.[a-z][A-Za-z_]*)+$/);
  expect(typeof issue.message).toBe('string');
  expect(issue.message.length).toBeGreaterThan(10);
  expect(typeof issue.path).toBe('string');
  if ('nodeId' in issue) expect(typeof issue.nodeId).toBe('string');
  const keys = Object.keys(issue).filter((k) => !['severity', 'code', 'message', 'path', 'nodeId'].includes(k));
  expect(keys).toEqual([]);
}
