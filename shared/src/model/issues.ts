/**
 * Validation reports problems instead of throwing, so an invalid design still previews.
 * `path` is written in the shape of the exported Genesys message wherever the node maps
 * there (e.g. `content[0].carousel.cards[10].actions[1].url`), so a user can find it in the
 * JSON they export; structure that cannot be exported (a node the grammar forbids) is named
 * through `children[i]` (e.g. `content[0].card.children[3]`). Design-level fields use the
 * design file's own names (e.g. `variables[2].name`).
 */
export type Severity = 'error' | 'warning' | 'info';

export type Issue = {
  severity: Severity;
  /** Stable machine code, e.g. `carousel.too_many_cards`. */
  code: string;
  /** A sentence for people: what is wrong, where, and the limit it breaks. */
  message: string;
  path: string;
  nodeId?: string;
};

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** Issues from several checks, de-duplicated on (severity, code, path, node), errors first. */
export function mergeIssues(...lists: readonly (readonly Issue[])[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const list of lists) {
    for (const i of list) {
      const key = `${i.severity}\u0000${i.code}\u0000${i.path}\u0000${i.nodeId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(i);
    }
  }
  // Array.prototype.sort is stable: within a severity, the checks keep their order.
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
