/**
 * A JSON reader that remembers the line each object and array starts on, so an inventory error can
 * name the line to fix (JSON.parse only gives a position for syntax errors, and none for a missing
 * field). It also reads several top-level values one after another, which is what a shell loop of
 * `aliyun kms ...` commands appends to a file.
 *
 * Kept hand-written after trying the maintained parsers with locations (jsonc-parser 3.3.1,
 * @humanwhocodes/momoa 3.3.13): neither reads concatenated values (jsonc-parser stops with
 * EndOfFileExpected, momoa throws "Unexpected token LBrace"), so each would need a loop that re-parses
 * the rest of the file; momoa overflows the stack at 5,000 nested arrays and jsonc-parser at 50,000,
 * so the depth guard stays ours; jsonc-parser gives offsets, not lines, and accepts comments unless
 * told not to. Wrapping either comes to as much code as this reader, with a dependency more.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

export interface ParsedJson {
  /** Every top-level value in order (usually one). */
  values: JsonValue[];
  /** Start line (1-based) of each object and array. */
  lines: WeakMap<object, number>;
}

export function parseJsonWithLines(text: string): ParsedJson {
  const lines = new WeakMap<object, number>();
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (msg: string): never => {
    throw new JsonSyntaxError(i >= text.length ? 'unexpected end of file' : msg, line, i - lineStart + 1);
  };
  const skipWs = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      i++;
    }
  };
  const readString = (): string => {
    const start = ++i;
    let out = '';
    let chunk = start;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c === '\n') fail('unterminated string');
      if (c === '\\') {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('bad escape in string');
        }
        chunk = i;
        continue;
      }
      i++;
    }
    return fail('unterminated string');
  };
  const readValue = (depth: number): JsonValue => {
    if (depth > 200) fail('nesting too deep');
    skipWs();
    const c = text[i];
    if (c === '{') {
      const obj: { [k: string]: JsonValue } = {};
      lines.set(obj, line);
      i++;
      skipWs();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const k = readString();
        skipWs();
        if (text[i] !== ':') fail(`expected ':' after "${k}"`);
        i++;
        obj[k] = readValue(depth + 1);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      const arr: JsonValue[] = [];
      lines.set(arr, line);
      i++;
      skipWs();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(readValue(depth + 1));
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return readString();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail(i >= text.length ? 'unexpected end of file' : `unexpected character '${c}'`);
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return Number(m[0]);
  };

  const values: JsonValue[] = [];
  skipWs();
  while (i < text.length) {
    values.push(readValue(0));
    skipWs();
  }
  if (values.length === 0) fail('the file holds no JSON value');
  return { values, lines };
}
