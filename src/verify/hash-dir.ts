import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIP = new Set(['node_modules', 'classes', '.git', '__pycache__']);

/** A content hash of a sample copy (names and bytes), so unchanged sources reuse their build. */
export function hashDir(dir: string, extra = ''): string {
  const h = createHash('sha256').update(extra);
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) h.update(relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 24);
}
