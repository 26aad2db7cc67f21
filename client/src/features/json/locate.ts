/**
 * Finds where a value sits in JSON text, by an Issue-style path (`content[0].card.actions[1]`,
 * '' for the whole document). A small scanner rather than JSON.parse because we need offsets;
 * it tolerates trailing garbage and returns null for a path it cannot find.
 */
export type Range = { from: number; to: number };

export function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (const m of path.matchAll(re)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

export function locate(text: string, path: string): Range | null {
  const want = pathSegments(path);
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return text.slice(start + 1, i - 1);
    }
  };
  /** Parses one value starting at i; when depth < want.length it looks for the next segment inside. */
  const value = (depth: number): Range | null | 'skip' => {
    ws();
    const start = i;
    const c = text[i];
    const target = depth === want.length;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return target ? { from: start, to: i } : 'skip';
      }
      while (i < text.length) {
        ws();
        if (text[i] !== '"') return null;
        const key = readString();
        ws();
        if (text[i] !== ':') return null;
        i++;
        const hit = !target && want[depth] === key;
        const r = value(hit ? depth + 1 : Number.POSITIVE_INFINITY);
        if (r === null) return null;
        if (hit && r !== 'skip') return r;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return target ? { from: start, to: i } : 'skip';
        }
        return null;
      }
      return null;
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return target ? { from: start, to: i } : 'skip';
      }
      let index = 0;
      while (i < text.length) {
        const hit = !target && want[depth] === index;
        const r = value(hit ? depth + 1 : Number.POSITIVE_INFINITY);
        if (r === null) return null;
        if (hit && r !== 'skip') return r;
        index++;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return target ? { from: start, to: i } : 'skip';
        }
        return null;
      }
      return null;
    }
    if (c === '"') skipString();
    else {
      while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
      if (i === start) return null;
    }
    return target ? { from: start, to: i } : 'skip';
  };
  const r = value(0);
  return r === 'skip' ? null : r;
}
