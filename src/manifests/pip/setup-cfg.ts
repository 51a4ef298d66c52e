import { endOfContentBefore, eolOf } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';
import { mentions } from './names.js';

/** setup.cfg: the `[options] install_requires =` multi-line value. */
export function editSetupCfg(text: string, deps: readonly Dependency[]): ManifestEdit {
  const missing = deps.filter((d) => !mentions(text, d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const options = /^\[options\][ \t]*\r?$/m.exec(text);
  if (!options)
    return { edits: [], problems: ['setup.cfg: no [options] section; add the dependencies by hand'] };
  const next = /^\[/m.exec(text.slice(options.index + options[0].length));
  const end = next ? options.index + options[0].length + next.index : text.length;
  const body = text.slice(options.index, end);
  const key = /^install_requires\s*=[^\n]*\n((?:[ \t]+[^\n]*\n?|[ \t]*\r?\n(?=[ \t]))*)/m.exec(body);
  if (!key) {
    const at = endOfContentBefore(text, end);
    const lines = missing.map((d) => `    ${d.name}==${d.version}`).join(eol);
    return { edits: [{ start: at, end: at, text: `${eol}install_requires =${eol}${lines}` }], problems: [] };
  }
  const valueLines = key[1].split('\n').filter((l) => l.trim() !== '');
  const indent = /^[\t ]*/.exec(valueLines[0] ?? '    ')?.[0] || '    ';
  const at = endOfContentBefore(text, options.index + key.index + key[0].length);
  const lines = missing.map((d) => `${indent}${d.name}==${d.version}`).join(eol);
  return { edits: [{ start: at, end: at, text: eol + lines }], problems: [] };
}
