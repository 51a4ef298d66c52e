import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { staleAgainst } from '../splice.js';
import type { Declared, Extraction, ManifestModule } from '../types.js';
import { pep440Clauses } from '../version-range.js';
import { addToLists } from './list-manifest.js';
import { dictOfLists, stringList } from './literal-scan.js';
import { requirementAt, requirementText } from './names.js';

interface SetupPy extends Extraction {
  main?: number;
  extras: Map<string, number>;
}

/** `keyword=` (or `"keyword":` in a dict passed as **kwargs) outside comments, with the offset after it. */
function keywordAt(text: string, keyword: string, open: '[' | '{'): number | undefined {
  const re = new RegExp(`(^|[^\\w.])(?:${keyword}\\s*=|["']${keyword}["']\\s*:)\\s*`, 'gm');
  for (const m of text.matchAll(re)) {
    const at = (m.index ?? 0) + m[0].length;
    const lineStart = text.lastIndexOf('\n', m.index ?? 0) + 1;
    if (text.slice(lineStart, m.index ?? 0).includes('#')) continue;
    if (text[at] === open) return at;
  }
  return undefined;
}

/**
 * setup.py, text-based (running it is not an option, and its arguments can be any expression): the
 * literal `install_requires=[...]`, `extras_require={...: [...]}` and `tests_require=[...]` lists.
 * A list built by code (read from a file, concatenated) is not read: that is reported.
 */
function readSetupPy(text: string): SetupPy {
  const out: SetupPy = { declared: [], problems: [], extras: new Map() };
  const take = (open: number | undefined, scope: Declared['scope'], group?: string) => {
    const list = open === undefined ? undefined : stringList(text, open);
    for (const s of list?.items ?? []) {
      const d = requirementAt(s.text, s.start, scope, group);
      if (d) out.declared.push(d);
    }
  };
  out.main = keywordAt(text, 'install_requires', '[');
  take(out.main, 'main');
  take(keywordAt(text, 'tests_require', '['), 'test');
  const extrasOpen = keywordAt(text, 'extras_require', '{');
  const extras = extrasOpen === undefined ? undefined : dictOfLists(text, extrasOpen);
  for (const e of extras?.entries ?? []) {
    out.extras.set(e.key, e.open);
    take(e.open, 'optional', e.key);
  }
  return out;
}

export const setupPy: ManifestModule = {
  id: 'setup-py',
  ecosystem: 'pypi',
  filePatterns: MANIFEST_FILE_PATTERNS.setupPy,
  extract(text) {
    const { declared, problems } = readSetupPy(text);
    return { declared, problems };
  },
  add(text, deps, options = {}) {
    const stale = staleAgainst(text, options.seen);
    if (stale) return { edits: [], problems: [stale] };
    const s = readSetupPy(text);
    const r = addToLists(
      text,
      { ...s, mainLabel: 'install_requires', extraLabel: 'extras_require' },
      deps,
      options,
      pep440Clauses,
    );
    if (r.missingMain.length === 0) return { edits: r.edits, problems: r.problems };
    const names = r.missingMain.map((d) => requirementText(d.name, d.version, options.library)).join(', ');
    return {
      edits: r.edits,
      problems: [
        ...r.problems,
        {
          code: 'no-dependency-list',
          message: `no literal install_requires=[...] list; add ${names} by hand`,
        },
      ],
    };
  },
};
