/**
 * The earlier names of the one verdict, kept for importers: runPipeline is check()
 * (check.ts), with the same options and result.
 */
import { check, type CheckOptions, type CheckResult } from './check.ts';
import { mergeIssues, type Issue } from './model/issues.ts';

export type PipelineOptions = CheckOptions;
export type PipelineResult = CheckResult;
export const runPipeline: (input: unknown, opts: PipelineOptions) => PipelineResult = check;
export { mergeIssues };

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Before the channel rules had one source, validate and forChannel said some channel
 * findings in different words and this reconciled them. They are now the same issues and
 * mergeIssues joins them; this keeps its old contract for any caller left: a rule repeated
 * by an adapted issue (same code and path) goes, and the adapted one keeps the graver severity.
 * @deprecated check() no longer needs it.
 */
export function withoutRestatedRules(rules: readonly Issue[], adapted: readonly Issue[]): { rules: Issue[]; adapted: Issue[] } {
  const byPlace = new Map(adapted.map((a) => [`${a.code}\u0000${a.path}`, a] as const));
  const graver = new Map<Issue, Issue['severity']>();
  const kept = rules.filter((r) => {
    const a = byPlace.get(`${r.code}\u0000${r.path}`);
    if (!a) return true;
    if (SEVERITY_RANK[r.severity] < SEVERITY_RANK[graver.get(a) ?? a.severity]) graver.set(a, r.severity);
    return false;
  });
  return { rules: kept, adapted: adapted.map((a) => (graver.has(a) ? { ...a, severity: graver.get(a)! } : a)) };
}
