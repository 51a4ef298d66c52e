// Copies the non-TypeScript assets the compiled code reads at run time (tree-sitter queries,
// rule docs, protobuf schemas) next to the compiled files in dist/.
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ASSET = /\.(scm|md|proto|json)$/;
const root = 'src';
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (ASSET.test(name)) {
      const out = join('dist', 'src', relative(root, p));
      mkdirSync(dirname(out), { recursive: true });
      cpSync(p, out);
    }
  }
}
walk(root);
