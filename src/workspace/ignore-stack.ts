import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Level {
  /** Directory of the .gitignore, relative to the scan root ('' for the root). */
  base: string;
  ig: Ignore;
}

/**
 * .gitignore files at every level plus user globs (`--ignore`, config `ignores`), all with git's
 * semantics, so `dist`, `*.gen.ts` and `src/legacy/**` mean what they mean in a .gitignore.
 */
export class IgnoreStack {
  private readonly levels: Level[] = [];
  /** User globs always win: a nested `!pattern` cannot re-include what the user left out. */
  private user: Ignore | undefined;

  constructor(userGlobs: readonly string[]) {
    if (userGlobs.length) this.user = ignore().add([...userGlobs]);
  }

  /** Reads `<dir>/.gitignore` if there is one; returns a stack for that directory's children. */
  enter(absDir: string, relDir: string): IgnoreStack {
    let text: string;
    try {
      text = readFileSync(join(absDir, '.gitignore'), 'utf8');
    } catch {
      return this;
    }
    const next = new IgnoreStack([]);
    next.user = this.user;
    next.levels.push(...this.levels, { base: relDir, ig: ignore().add(text) });
    return next;
  }

  /** As git decides: the deepest .gitignore with an opinion (a match or a `!` re-include) wins. */
  ignores(relPath: string, isDir: boolean): boolean {
    if (this.user?.ignores(isDir ? `${relPath}/` : relPath)) return true;
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const { base, ig } = this.levels[i];
      const sub = base === '' ? relPath : relPath.slice(base.length + 1);
      if (!sub) continue;
      const r = ig.test(isDir ? `${sub}/` : sub);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  }
}
