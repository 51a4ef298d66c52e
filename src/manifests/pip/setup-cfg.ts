import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, staleAgainst } from '../splice.js';
import { endOfContentBefore, eolOf } from '../text.js';
import type { Declared, Dependency, Extraction, ManifestModule, ManifestProblem } from '../types.js';
import { pep440Clauses } from '../version-range.js';
import { requirementAt, requirementText, sameProject } from './names.js';
import { optionalNote, targetOf } from './optional.js';

interface Key {
  section: string;
  key: string;
  /** Offset just after the last non-blank character of the value. */
  end: number;
  indent: string;
}

interface SetupCfg extends Extraction {
  keys: Key[];
  sections: { name: string; end: number }[];
}

/**
 * setup.cfg, text-based (configparser's grammar: `[section]`, `key =` with indented continuation
 * lines, `#`/`;` comments): `[options] install_requires`, `tests_require`, and each key of
 * `[options.extras_require]`.
 */
function readSetupCfg(text: string): SetupCfg {
  const out: SetupCfg = { declared: [], problems: [], keys: [], sections: [] };
  let section = '';
  let current: (Key & { scope?: Declared['scope']; group?: string }) | undefined;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const head = /^\[([^\]]+)\]\s*$/.exec(line);
    if (head) {
      if (out.sections.length > 0) out.sections[out.sections.length - 1].end = start;
      section = head[1].trim();
      out.sections.push({ name: section, end: text.length });
      current = undefined;
      continue;
    }
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
    const kv = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(line);
    const continuation = /^\s/.test(line);
    if (kv && !continuation) {
      const scope = scopeOf(section, kv[1]);
      current = { section, key: kv[1], end: start + line.trimEnd().length, indent: '    ', ...(scope ?? {}) };
      out.keys.push(current);
      if (scope && kv[2].trim() !== '') declare(out, kv[2], start + line.length - kv[2].length, current);
      continue;
    }
    if (current && continuation) {
      current.end = start + line.trimEnd().length;
      current.indent = /^[\t ]*/.exec(line)?.[0] ?? '    ';
      if (current.scope)
        declare(out, line.trimStart(), start + line.length - line.trimStart().length, current);
    }
  }
  return out;
}

function scopeOf(section: string, key: string): { scope: Declared['scope']; group?: string } | undefined {
  if (section === 'options' && key === 'install_requires') return { scope: 'main' };
  if (section === 'options' && key === 'tests_require') return { scope: 'test' };
  if (section === 'options.extras_require') return { scope: 'optional', group: key };
  return undefined;
}

function declare(
  out: SetupCfg,
  value: string,
  at: number,
  key: { scope?: Declared['scope']; group?: string },
): void {
  const req = value.replace(/\s+[#;].*$/, '').trimEnd();
  if (req === '' || !key.scope) return;
  const d = requirementAt(req, at, key.scope, key.group);
  if (d) out.declared.push(d);
}

export const setupCfg: ManifestModule = {
  id: 'setup-cfg',
  ecosystem: 'pypi',
  filePatterns: MANIFEST_FILE_PATTERNS.setupCfg,
  extract(text) {
    const { declared, problems } = readSetupCfg(text);
    return { declared, problems };
  },
  add(text, deps, options = {}) {
    const stale = staleAgainst(text, options.seen);
    if (stale) return { edits: [], problems: [stale] };
    const cfg = readSetupCfg(text);
    const eol = eolOf(text);
    const edits: TextEdit[] = [];
    const problems: ManifestProblem[] = [];
    const byKey = new Map<string, Dependency[]>();
    const target = targetOf(cfg.declared, options);
    if (target.kind === 'none') return { edits, problems: [optionalNote(deps)] };
    for (const dep of deps) {
      const group = target.kind === 'extra' ? target.extra : undefined;
      const present = cfg.declared.find(
        (d) =>
          sameProject(d.name, dep.name) && (d.scope === 'main' || (group !== undefined && d.group === group)),
      );
      if (present) {
        const r = checkVersion(text, dep, present, pep440Clauses);
        edits.push(...r.edits);
        problems.push(...r.problems);
      } else byKey.set(group ?? '', [...(byKey.get(group ?? '') ?? []), dep]);
    }
    for (const [group, missing] of byKey) {
      const key = cfg.keys.find((k) =>
        group
          ? k.section === 'options.extras_require' && k.key === group
          : k.section === 'options' && k.key === 'install_requires',
      );
      const lines = (indent: string) =>
        missing.map((d) => `${indent}${requirementText(d.name, d.version, options.library)}`).join(eol);
      if (key) {
        edits.push({ start: key.end, end: key.end, text: eol + lines(key.indent) });
        continue;
      }
      const section = !group && cfg.sections.find((s) => s.name === 'options');
      if (!section) {
        problems.push({
          code: 'no-dependency-list',
          message: `no [options] install_requires${group ? ` extra "${group}"` : ''}; add ${missing.map((d) => d.name).join(', ')} by hand`,
        });
        continue;
      }
      const at = endOfContentBefore(text, section.end);
      edits.push({ start: at, end: at, text: `${eol}install_requires =${eol}${lines('    ')}` });
    }
    return { edits, problems };
  },
};
