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

  constructor(userGlobs: readonly string[]) {
    if (userGlobs.length) this.levels.push({ base: '', ig: ignore().add([...userGlobs]) });
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
    next.levels.push(...this.levels, { base: relDir, ig: ignore().add(text) });
    return next;
  }

  ignores(relPath: string, isDir: boolean): boolean {
    for (const { base, ig } of this.levels) {
      const sub = base === '' ? relPath : relPath.slice(base.length + 1);
      if (sub && ig.ignores(isDir ? `${sub}/` : sub)) return true;
    }
    return false;
  }
}
