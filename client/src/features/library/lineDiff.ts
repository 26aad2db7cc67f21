/** A line diff (LCS) of two JSON texts, for comparing two saved versions of a design. */
export type DiffLine = { op: 'same' | 'add' | 'del'; text: string };

export function lineDiff(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  // Trim the common head and tail so the quadratic table only covers the changed middle.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xm = x.slice(head, x.length - tail);
  const ym = y.slice(head, y.length - tail);
  const n = xm.length;
  const m = ym.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i]![j] = xm[i] === ym[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const mid: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (xm[i] === ym[j]) {
      mid.push({ op: 'same', text: xm[i]! });
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) mid.push({ op: 'del', text: xm[i++]! });
    else mid.push({ op: 'add', text: ym[j++]! });
  }
  while (i < n) mid.push({ op: 'del', text: xm[i++]! });
  while (j < m) mid.push({ op: 'add', text: ym[j++]! });
  return [...x.slice(0, head).map((text) => ({ op: 'same' as const, text })), ...mid, ...x.slice(x.length - tail).map((text) => ({ op: 'same' as const, text }))];
}
