import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, staleAgainst } from '../splice.js';
import { eolOf } from '../text.js';
import type { AddOptions, Dependency, ManifestEdit, ManifestModule, ManifestProblem } from '../types.js';
import { extractGoMod, readGoMod } from './read-go-mod.js';

const goVersion = (v: string) => (v.startsWith('v') ? v : `v${v}`);

/**
 * go.mod. A require is a minimum under minimal version selection, so applications and libraries get
 * the same line; an older require is raised in place, a replaced module is reported (the replacement
 * decides what code it is), and a new require joins the block of direct requirements.
 */
export const goMod: ManifestModule = {
  id: 'gomod',
  ecosystem: 'go',
  filePatterns: MANIFEST_FILE_PATTERNS.goMod,
  extract: extractGoMod,
  add: addToGoMod,
};

function addToGoMod(text: string, deps: readonly Dependency[], options: AddOptions = {}): ManifestEdit {
  const stale = staleAgainst(text, options.seen);
  if (stale) return { edits: [], problems: [stale] };
  const mod = readGoMod(text);
  const edits: TextEdit[] = [];
  const problems: ManifestProblem[] = [];
  const missing: Dependency[] = [];
  for (const dep of deps) {
    const min = goVersion(dep.version);
    const replaced = mod.declared.find((d) => d.name === dep.name && d.group === 'replace');
    const required = mod.declared.find((d) => d.name === dep.name && d.scope === 'main');
    if (!required) {
      missing.push(dep);
      continue;
    }
    if (replaced) {
      problems.push({
        code: 'version-unjudged',
        message: `${dep.name} is replaced by ${replaced.version}: make sure that code is ${min} or newer`,
      });
      continue;
    }
    const r = checkVersion(text, { ...dep, version: min }, required, (v) => [
      { op: 'soft', version: v, at: 0 },
    ]);
    edits.push(...r.edits);
    problems.push(...r.problems);
  }
  if (missing.length > 0) edits.push(requireLines(text, mod.blocks, missing));
  return { edits, problems };
}

function requireLines(
  text: string,
  blocks: ReturnType<typeof readGoMod>['blocks'],
  missing: Dependency[],
): TextEdit {
  const eol = eolOf(text);
  const lines = missing.map((d) => `\t${d.name} ${goVersion(d.version)}${eol}`).join('');
  const requires = blocks.filter((b) => b.directive === 'require');
  const block = requires.find((b) => !b.indirectOnly) ?? requires[requires.length - 1];
  if (block) return { start: block.closeLine, end: block.closeLine, text: lines };
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  return { start: text.length, end: text.length, text: `${lead}${eol}require (${eol}${lines})${eol}` };
}
