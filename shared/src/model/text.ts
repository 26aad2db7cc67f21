/**
 * Length in characters as people count them (code points, so an emoji is one). Limits are
 * checked on the text with its variables bound; the editor's counters use the same count.
 */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
