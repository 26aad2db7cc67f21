/**
 * Issue paths: the JSON path of a value in the input, written the way a reader of the JSON
 * would (`content[0].card.actions[1].type`, '' for the whole document). Import writes them
 * and the JSON view reads them back to highlight the value, so both directions live here.
 */
export type PathPart = string | number;

/** `['content', 0, 'card', 'actions', 1, 'type']` → `content[0].card.actions[1].type`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** The inverse of formatPath: `content[1].carousel.cards[0]` → `['content', 1, 'carousel', 'cards', 0]`. */
export function parsePath(path: string): PathPart[] {
  const out: PathPart[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The value at `parts` inside `root`, or undefined when the path leads nowhere. */
export function valueAt(root: unknown, parts: readonly PathPart[]): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
