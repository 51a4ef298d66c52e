import { describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '../../src/model/index.js';
import { applySuggestion, fence, isSuggestion, suggestionFor } from '../../src/review/suggestion.js';

const anywhere = () => true as const;
const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`no ${needle}`);
  return i;
};

describe('suggestionFor', () => {
  const text = 'import a\n\nfun main() {\n  client = Legacy(x)\n  use(client)\n}\n';

  it('rewrites the lines an edit touches, whole', () => {
    const s = at(text, 'Legacy');
    const edits: TextEdit[] = [{ start: s, end: s + 'Legacy'.length, text: 'Transfer' }];
    const r = suggestionFor(text, edits, anywhere);
    expect(r).toEqual({ first: 4, last: 4, lines: ['  client = Transfer(x)'] });
    if (isSuggestion(r)) expect(applySuggestion(text, r)).toBe(applyEdits(text, edits));
  });

  it('spans from the first edit to the last, lines in between kept', () => {
    const s = at(text, 'Legacy');
    const edits: TextEdit[] = [
      { start: 0, end: 0, text: 'import t\n' },
      { start: s, end: s + 6, text: 'Transfer' },
    ];
    const r = suggestionFor(text, edits, anywhere);
    expect(r).toMatchObject({ first: 1, last: 4 });
    if (!isSuggestion(r)) throw new Error('expected a suggestion');
    expect(r.lines).toEqual(['import t', 'import a', '', 'fun main() {', '  client = Transfer(x)']);
    expect(applySuggestion(text, r)).toBe(applyEdits(text, edits));
  });

  it('tells a deleted line from a line emptied', () => {
    const s = at(text, '  use(client)\n');
    const deleted = suggestionFor(
      text,
      [{ start: s, end: s + '  use(client)\n'.length, text: '' }],
      anywhere,
    );
    expect(deleted).toEqual({ first: 5, last: 5, lines: [] });
    const emptied = suggestionFor(text, [{ start: s, end: s + '  use(client)'.length, text: '' }], anywhere);
    expect(emptied).toEqual({ first: 5, last: 5, lines: [''] });
    for (const r of [deleted, emptied]) if (!isSuggestion(r)) throw new Error('expected suggestions');
  });

  it('keeps CRLF line endings and the missing final newline', () => {
    const crlf = 'a\r\nold\r\nc';
    const s = at(crlf, 'old');
    const r = suggestionFor(crlf, [{ start: s, end: s + 3, text: 'new\r\nline' }], anywhere);
    expect(r).toEqual({ first: 2, last: 2, lines: ['new', 'line'] });
    if (isSuggestion(r)) expect(applySuggestion(crlf, r)).toBe('a\r\nnew\r\nline\r\nc');
    const last = suggestionFor(crlf, [{ start: crlf.length - 1, end: crlf.length, text: 'C' }], anywhere);
    expect(last).toEqual({ first: 3, last: 3, lines: ['C'] });
    if (isSuggestion(last)) expect(applySuggestion(crlf, last)).toBe('a\r\nold\r\nC');
  });

  it('refuses what whole-line replacement cannot say, and says why', () => {
    const nl = at(text, '\n\nfun');
    expect(suggestionFor(text, [{ start: nl, end: nl + 1, text: ' ' }], anywhere)).toEqual({
      reason: 'line-ending',
    });
    expect(suggestionFor(text, [], anywhere)).toEqual({ reason: 'no-edits' });
    expect(suggestionFor(text, [{ start: 0, end: 6, text: 'import' }], anywhere)).toEqual({
      reason: 'no-change',
    });
    expect(suggestionFor(text, [{ start: 0, end: 1, text: 'I' }], () => 'outside the hunk')).toEqual({
      reason: 'outside-range',
      first: 1,
      last: 1,
      why: 'outside the hunk',
    });
  });

  it('whenever it gives a suggestion, applying it equals applying the edits (random edits)', () => {
    // mulberry32: a fixed sequence, so a failure reproduces.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    let suggested = 0;
    for (let round = 0; round < 2000; round++) {
      // One line ending per file, as a rewrite keeps the file's own.
      const alphabet = ['a', 'b', round % 2 ? '\n' : '\r\n', ' ', 'é', '😀', '`'];
      const text = Array.from({ length: 3 + rand(30) }, () => alphabet[rand(alphabet.length)]).join('');
      const edits: TextEdit[] = [];
      let pos = 0;
      for (let k = 0; k < 1 + rand(3) && pos < text.length; k++) {
        const start = pos + rand(text.length - pos);
        const end = Math.min(text.length, start + rand(4));
        edits.push({
          start,
          end,
          text: Array.from({ length: rand(4) }, () => alphabet[rand(alphabet.length)]).join(''),
        });
        pos = end + 1;
      }
      const r = suggestionFor(text, edits, anywhere);
      if (!isSuggestion(r)) continue;
      suggested++;
      expect(applySuggestion(text, r)).toBe(applyEdits(text, edits));
    }
    expect(suggested).toBeGreaterThan(500);
  });
});

describe('fence', () => {
  it('is longer than any run of backticks in the text', () => {
    expect(fence('no ticks')).toBe('```');
    expect(fence('a ```` b ` c')).toBe('`````');
  });
});
