import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, staleAgainst } from '../splice.js';
import { eolOf } from '../text.js';
import type { Dependency, Extraction, ManifestModule, ManifestProblem } from '../types.js';
import { pep440Clauses } from '../version-range.js';
import { requirementAt, requirementText, sameProject } from './names.js';
import { optionalElsewhere, optionalNote } from './optional.js';

interface Requirements extends Extraction {
  /** Hash-checking mode: pip then refuses any line without `--hash`. */
  hashes: boolean;
  /** Written by pip-compile (its header), so the `.in` beside it is the file to edit. */
  compiled: boolean;
}

/** requirements*.txt / requirements*.in: logical lines (`\` continued), `#` comments, pip options skipped. */
function readRequirements(text: string): Requirements {
  const out: Requirements = {
    declared: [],
    problems: [],
    hashes: false,
    compiled: /^#.*\bpip-compile\b/m.test(text),
  };
  const re = /(?:[^\n\\]|\\(?!\r?\n)|\\\r?\n)*(?:\n|$)/g;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') break;
    const start = m.index ?? 0;
    const logical = m[0].replace(/\r?\n$/, '');
    const hash = logical.search(/(^|\s)#/);
    const code = hash < 0 ? logical : logical.slice(0, hash);
    if (/--hash[=\s]/.test(code)) out.hashes = true;
    const trimmed = code.trimStart();
    if (trimmed === '' || trimmed.startsWith('-')) continue;
    // Options after the requirement (`--hash=...`) are not part of it.
    const req = trimmed.replace(/\s+--?[a-z][\s\S]*$/, '').replace(/\s*\\\s*$/, '');
    const d = requirementAt(req, start + (code.length - trimmed.length), 'main');
    if (d) out.declared.push(d);
  }
  return out;
}

/**
 * requirements*.txt and requirements*.in. A file in hash-checking mode takes no unhashed line: when
 * pip-compile wrote it, its `.in` is edited instead and the `.txt` is to be compiled again;
 * otherwise the edit is refused.
 */
export const requirementsTxt: ManifestModule = {
  id: 'pip-requirements',
  ecosystem: 'pypi',
  filePatterns: MANIFEST_FILE_PATTERNS.requirements,
  related: () => [],
  extract(text) {
    const { declared, problems } = readRequirements(text);
    return { declared, problems };
  },
  add(text, deps, options = {}) {
    const stale = staleAgainst(text, options.seen);
    if (stale) return { edits: [], problems: [stale] };
    const req = readRequirements(text);
    const edits: TextEdit[] = [];
    const problems: ManifestProblem[] = [];
    const missing: Dependency[] = [];
    if (optionalElsewhere(req.declared, options)) return { edits, problems: [optionalNote(deps)] };
    for (const dep of deps) {
      const d = req.declared.find((x) => sameProject(x.name, dep.name));
      if (d) {
        const r = checkVersion(text, dep, d, pep440Clauses);
        edits.push(...r.edits);
        problems.push(...r.problems);
      } else missing.push(dep);
    }
    if (missing.length === 0) return { edits, problems };
    if (req.hashes) {
      const names = missing.map((d) => requirementText(d.name, d.version, options.library)).join(', ');
      if (req.compiled)
        return {
          edits,
          problems: [
            ...problems,
            {
              code: 'regenerate-lock',
              message: `written by pip-compile with hashes: add ${names} to its source (requirements.in, pyproject.toml) and compile it again`,
            },
          ],
        };
      return {
        edits: [],
        problems: [
          {
            code: 'hash-checking',
            message: `uses --hash (hash-checking mode), where pip refuses a line without hashes: add ${names} with their hashes by hand`,
          },
        ],
      };
    }
    const eol = eolOf(text);
    const lead = text === '' || text.endsWith('\n') ? '' : eol;
    const lines = missing.map((d) => `${requirementText(d.name, d.version, options.library)}${eol}`).join('');
    edits.push({ start: text.length, end: text.length, text: lead + lines });
    return { edits, problems };
  },
};
