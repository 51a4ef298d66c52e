import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uriOfPath } from './uri.js';

/** The installed package's directory (`src/rules/<id>/README.md` ship in it, see package.json `files`). */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    try {
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'kms-codemod')
        return dir;
    } catch {
      // not ours; keep looking
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const ROOT = packageRoot();
const cache = new Map<string, string | undefined>();

/** A `file:` URI of the rule's README in the installed package, for `Diagnostic.codeDescription`. */
export function ruleDocUri(ruleId: string): string | undefined {
  if (!cache.has(ruleId)) {
    const readme = ROOT && join(ROOT, 'src', 'rules', ruleId, 'README.md');
    cache.set(ruleId, readme && existsSync(readme) ? uriOfPath(readme) : undefined);
  }
  return cache.get(ruleId);
}
