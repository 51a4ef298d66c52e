import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Lays out `<dir>/node_modules/@kms-codemod/transfer` and `<dir>/node_modules/kms-codemod`
 * (transpiled from the current sources of src/transfer, src/protocol and src/model, exported as the
 * real packages export them) next to symlinks of the runtime dependencies, so a plain `node app.mjs`
 * in <dir> resolves `import ... from '@kms-codemod/transfer'` (and the older `kms-codemod/transfer`)
 * without a prior `npm run build`.
 */
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const AREAS = ['src/transfer', 'src/protocol', 'src/model'];
const LINKED = ['@alicloud', 'protobufjs', 'node-forge', 'long', '@protobufjs'];

function transpileTree(srcDir: string, outDir: string): void {
  for (const entry of readdirSync(srcDir, { withFileTypes: true })) {
    const from = join(srcDir, entry.name);
    if (entry.isDirectory()) {
      transpileTree(from, join(outDir, entry.name));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const out = ts.transpileModule(readFileSync(from, 'utf8'), {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
        fileName: from,
      });
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, entry.name.replace(/\.ts$/, '.js')), out.outputText);
    }
  }
}

export function installTransferPackage(dir: string, opts: { withPopCore?: boolean } = {}): void {
  const pkg = join(dir, 'node_modules', 'kms-codemod');
  for (const area of AREAS) transpileTree(join(repo, area), join(pkg, 'dist', area));
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'kms-codemod',
      type: 'module',
      exports: { './transfer': './dist/src/transfer/index.js' },
    }),
  );
  // packages/transfer's layout: the same sources compiled under dist/ without the src/ level.
  const slim = join(dir, 'node_modules', '@kms-codemod', 'transfer');
  for (const area of AREAS) transpileTree(join(repo, area), join(slim, 'dist', area.replace(/^src\//, '')));
  writeFileSync(
    join(slim, 'package.json'),
    JSON.stringify({
      name: '@kms-codemod/transfer',
      type: 'module',
      exports: { '.': './dist/transfer/index.js' },
    }),
  );
  for (const name of LINKED.filter((n) => opts.withPopCore !== false || n !== '@alicloud')) {
    const target = join(repo, 'node_modules', name);
    const link = join(dir, 'node_modules', name);
    if (existsSync(target) && !existsSync(link)) symlinkSync(relative(dirname(link), target), link);
  }
}

export const repoRoot = repo;
