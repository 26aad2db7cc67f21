/**
 * The one hand-written JSON scanner. JSON.parse says whether text is JSON, but not where it
 * breaks (V8's messages do not always carry a position: "Unexpected token '}', … is not
 * valid JSON") nor where a value sits in the text. Users need both: the line and column of a
 * syntax error, and the JSON view highlights the value an issue path names. So the text is
 * walked once by the JSON grammar (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259) and
 * the walk answers either question.
 */
import { parsePath, type PathPart } from '../model/paths.ts';

/** A value's place in the text: `text.slice(from, to)` is the value. */
export type TextRange = { from: number; to: number };

/** Thrown to stop the walk as soon as the wanted value has been read. */
class Found {
  constructor(readonly range: TextRange) {}
}

/**
 * Walks one JSON document strictly. Throws the offset (a number) of the first syntax error,
 * or a Found once the value at `want` has been read completely (before anything after it is
 * checked, so a document that breaks later still locates what comes first).
 */
function scan(text: string, want: readonly PathPart[] | null): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (true) {
      if (i >= text.length) fail();
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c.charCodeAt(0) < 0x20) fail();
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e === undefined) fail();
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(e!)) i++;
        else fail();
      } else i++;
    }
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  /** `depth` = how much of `want` leads here, or -1 off the wanted path. */
  const inner = (depth: number, step: PathPart): number =>
    want !== null && depth >= 0 && depth < want.length && want[depth] === step ? depth + 1 : -1;
  /** An object's or array's items up to `close`, after its opening bracket; `item(index)` reads one. */
  const items = (close: string, item: (index: number) => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      item(index);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail();
    }
  };
  const value = (depth: number): void => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      items('}', () => {
        ws();
        const keyStart = i;
        str();
        const key = depth >= 0 ? (JSON.parse(text.slice(keyStart, i)) as string) : '';
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(inner(depth, key));
      });
    } else if (c === '[') {
      items(']', (index) => value(inner(depth, index)));
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else fail();
    if (want !== null && depth === want.length) throw new Found({ from: start, to: i });
  };
  value(want === null ? -1 : 0);
  ws();
  if (i < text.length) fail();
}

/** The offset of the first JSON syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  try {
    scan(text, null);
    return -1;
  } catch (at) {
    // Anything but an offset is the scanner's own limit (a nesting deeper than the stack).
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

/**
 * Where the value at an issue path (`content[0].card.actions[1]`, '' for the whole document)
 * sits in JSON text, or null when the path is not there or the text breaks before it.
 */
export function locateJson(text: string, path: string): TextRange | null {
  try {
    scan(text, parsePath(path));
    return null;
  } catch (e) {
    return e instanceof Found ? e.range : null;
  }
}

/** 1-based line and column of an offset, as editors count them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}
