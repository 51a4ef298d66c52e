import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract as extractGo } from '../../../src/languages/go/extract.js';
import { extract as extractJava } from '../../../src/languages/java/extract.js';
import { extract as extractPython } from '../../../src/languages/python/extract.js';
import {
  changedSpan,
  keepTreesForIncrementalParsing,
} from '../../../src/languages/tree-sitter/incremental.js';
import type { FileFacts } from '../../../src/model/facts.js';

afterAll(() => keepTreesForIncrementalParsing(0));

const EXTRACT: Record<string, (file: string, text: string) => FileFacts> = {
  '.java': extractJava,
  '.py': extractPython,
  '.go': extractGo,
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (Object.keys(EXTRACT).some((ext) => name.endsWith(ext))) out.push(p);
  }
  return out;
}

/** A deterministic sequence of edits: insertions and deletions of ASCII, CJK and astral characters, and line breaks. */
function* edits(text: string, n: number): Generator<string> {
  let seed = 7;
  const next = (m: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % m;
  };
  const pieces = ['x', ' ', '\n', '密', '😀', '"', '(', 'client', '// note\n'];
  let cur = text;
  for (let i = 0; i < n; i++) {
    const at = next(cur.length + 1);
    if (next(3) === 0 && cur.length > 0) {
      const end = Math.min(cur.length, at + 1 + next(4));
      cur = cur.slice(0, at) + cur.slice(end);
    } else cur = cur.slice(0, at) + pieces[next(pieces.length)] + cur.slice(at);
    yield cur;
  }
}

describe('incremental parsing', () => {
  const files = sources('fixtures/rules/legacy-kms-client').filter((f) => f.includes('/before/'));

  it('finds Java, Python and Go sources to edit', () => {
    for (const ext of Object.keys(EXTRACT))
      expect(
        files.some((f) => f.endsWith(ext)),
        ext,
      ).toBe(true);
  });

  it('gives the facts a fresh parse gives, edit after edit, on every fixture source', () => {
    let compared = 0;
    for (const path of files) {
      const extract = EXTRACT[Object.keys(EXTRACT).find((e) => path.endsWith(e))!];
      const versions = [readFileSync(path, 'utf8'), ...edits(readFileSync(path, 'utf8'), 6)];
      keepTreesForIncrementalParsing(0);
      const fresh = versions.map((v) => extract(path, v));
      // Each version parsed from the tree of the one before it.
      keepTreesForIncrementalParsing(4);
      versions.forEach((v, i) => {
        expect(extract(path, v), `${path}, version ${i}`).toEqual(fresh[i]);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('finds the one changed span without splitting a surrogate pair', () => {
    expect(changedSpan('abcdef', 'abXdef')).toEqual({ start: 2, oldEnd: 3, newEnd: 3 });
    expect(changedSpan('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
    // '😀' and '😁' share their high surrogate: the span starts at the pair, not inside it.
    expect(changedSpan('a😀b', 'a😁b')).toEqual({ start: 1, oldEnd: 3, newEnd: 3 });
  });
});
