import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goGrammar } from '../../../src/languages/go/parser.js';
import type { LoadedGrammar, Tree } from '../../../src/languages/tree-sitter/grammar.js';
import { kindCaptures } from '../../../src/languages/tree-sitter/kind-query.js';
import { sourcesUnder } from '../../support/sites-agree.js';

const ROOT = join(import.meta.dirname, '../../..');

const shape = (captures: { name: string; node: Tree['rootNode'] }[]) =>
  captures.map((c) => `${c.name} ${c.node.type} ${c.node.startIndex}-${c.node.endIndex}`);

/** Truncations and stray brackets: the broken trees the fast path must also read like the engine. */
function broken(text: string): string[] {
  return [text.slice(0, Math.floor(text.length / 2)), text.replace(/\)/, ''), `${text}\n{{[(`];
}

const LANGUAGES: [string, string, () => LoadedGrammar][] = [['go', '.go', goGrammar]];

describe('fact queries run as a node-kind walk', () => {
  it('reads the one-alternation shape and refuses richer queries', () => {
    expect(kindCaptures('; a comment\n[\n  (call) @call ; trailing\n  (assignment) @assign\n]\n')).toEqual(
      new Map([
        ['call', 'call'],
        ['assignment', 'assign'],
      ]),
    );
    expect(kindCaptures('(call function: (identifier) @fn)')).toBeUndefined();
    expect(kindCaptures('((call) @c (#eq? @c "x"))')).toBeUndefined();
    expect(kindCaptures('[(call) @a (call) @b]')).toBeUndefined();
    expect(kindCaptures('(call)+ @c')).toBeUndefined();
  });

  for (const [lang, ext, grammar] of LANGUAGES) {
    it(`${lang}: the walk yields exactly the query engine's captures on every fixture, whole and broken`, () => {
      const g = grammar();
      const files = [...sourcesUnder(join(ROOT, 'fixtures'), ext), ...sourcesUnder(join(ROOT, 'test'), ext)];
      expect(files.length).toBeGreaterThan(10);
      let compared = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const input of [text, ...broken(text)]) {
          const tree = g.parse(input);
          const engine = shape(g.query.captures(tree.rootNode));
          const walked = g.capture(tree, input.length);
          expect(walked.halted).toBe(false);
          expect(shape(walked.captures), `${file} (${input.length} chars)`).toEqual(engine);
          compared += engine.length;
        }
      }
      expect(compared).toBeGreaterThan(100);
    });
  }
});
