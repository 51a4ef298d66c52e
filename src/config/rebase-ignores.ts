import { relative, sep } from 'node:path';
import picomatch from 'picomatch';

const hasGlob = (s: string) => /[*?[\]{}!]/.test(s);

/**
 * A config's `ignores` are gitignore patterns relative to the config's own directory, like a
 * .gitignore's; the walk matches paths relative to the scan root. This rewrites each pattern for
 * the root: unchanged when the two are the same directory; a pattern with no inner slash matches at
 * any depth and stays as it is; an anchored one is re-anchored, or dropped when it can only match
 * outside the root.
 */
export function rebaseIgnores(globs: readonly string[], configDir: string, root: string): string[] {
  if (relative(configDir, root) === '') return [...globs];
  const down = relative(configDir, root).split(sep).join('/');
  const rootBelowConfig = !down.startsWith('..');
  const up = relative(root, configDir).split(sep).join('/');
  const out: string[] = [];
  for (const glob of globs) {
    const negated = glob.startsWith('!');
    const body = negated ? glob.slice(1) : glob;
    const trimmed = body.replace(/\/+$/, '');
    const anchored = trimmed.replace(/^\//, '').includes('/') || trimmed.startsWith('/');
    const rebased = !anchored
      ? rootBelowConfig
        ? body
        : `/${up}/**/${body}`
      : rootBelowConfig
        ? stripPrefix(body.replace(/^\//, ''), down)
        : `/${up}/${body.replace(/^\//, '')}`;
    if (rebased !== undefined) out.push(negated ? `!${rebased}` : rebased);
  }
  return out;
}

/** `svc/legacy/**` seen from `svc` is `/legacy/**`; `other/x` cannot match under `svc`. */
function stripPrefix(pattern: string, prefix: string): string | undefined {
  const segs = pattern.split('/');
  const pre = prefix.split('/');
  let i = 0;
  for (const p of pre) {
    const s = segs[i];
    if (s === undefined || s === '') return '**';
    if (s === '**') return segs.slice(i).join('/');
    if (hasGlob(s) ? !picomatch.isMatch(p, s, { dot: true }) : s !== p) return undefined;
    i++;
  }
  const rest = segs.slice(i).join('/');
  return rest === '' ? '**' : `/${rest}`;
}
