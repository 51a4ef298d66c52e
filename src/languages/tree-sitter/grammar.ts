import { readFileSync } from 'node:fs';
import Parser from 'tree-sitter';
import { parseKept } from './incremental.js';
import { kindCaptures } from './kind-query.js';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;
export type Grammar = Parser.Language;

/**
 * One parser and one compiled query per grammar, created on first use. Module state is per
 * worker thread (each worker has its own module instance), so no locking is needed.
 */
export interface LoadedGrammar {
  /** With `file`, the parse is incremental when the caller asked for that (tree-sitter/incremental.ts). */
  parse(text: string, file?: string): Tree;
  query: Parser.Query;
  /** All captures of the fact query, under a time budget (see captureBudgetMicros). */
  capture(tree: Tree, textLength: number): { captures: Parser.QueryCapture[]; halted: boolean };
}

/**
 * Query matching is quadratic on some broken, deeply nested inputs (20,000 unclosed braces take
 * seconds). Real files finish far below this budget; past it we stop and report the file.
 */
export function captureBudgetMicros(textLength: number): number {
  return 3_000_000 + textLength * 2;
}

/** Parses and reads the grammar's .scm files (next to the compiled module in dist, next to the source in tests). */
export function loadGrammar(grammar: Grammar, queryDir: URL, queryFiles: string[]): () => LoadedGrammar {
  let loaded: LoadedGrammar | undefined;
  return () => {
    if (loaded) return loaded;
    const parser = new Parser();
    parser.setLanguage(grammar);
    const grammarName = queryDir.href;
    const source = queryFiles.map((f) => readFileSync(new URL(f, queryDir), 'utf8')).join('\n');
    // Compiled even on the fast path below: it checks the .scm against the grammar's node kinds.
    const query = new Parser.Query(grammar, source);
    const kinds = kindCaptures(source);
    const kindList = kinds ? [...kinds.keys()] : [];
    loaded = {
      // bufferSize: older bindings refused strings longer than their default buffer (spike-npm.md §1).
      parse: (text, file) => {
        const run = (t: string, old: Tree | null) =>
          parser.parse(t, old, { bufferSize: Math.max(32 * 1024, t.length + 1) });
        return file === undefined ? run(text, null) : parseKept(`${grammarName}:${file}`, text, run);
      },
      query,
      capture(tree, textLength) {
        if (kinds) {
          // A linear walk: none of the query engine's quadratic cases, so no budget is needed.
          const nodes = tree.rootNode.descendantsOfType(kindList);
          const captures = nodes.map((node) => ({ name: kinds.get(node.type) as string, node }));
          return { captures, halted: false };
        }
        const budget = captureBudgetMicros(textLength);
        const started = process.hrtime.bigint();
        const captures = query.captures(tree.rootNode, { timeoutMicros: budget });
        const spent = Number((process.hrtime.bigint() - started) / 1000n);
        return { captures, halted: spent >= budget };
      },
    };
    return loaded;
  };
}
