import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NODE_TRANSFER_PACKAGE } from '../../model/node-transfer.js';
import type { NodeToolchain } from '../../toolchains/index.js';
import { packageRoot } from '../package-root.js';
import type { BuildContext, BuildOutcome, LanguageRunner } from './types.js';

type TsModule = typeof import('typescript');
let tsPromise: Promise<TsModule> | undefined;

/** The TypeScript compiler that ts-morph (a runtime dependency) bundles, loaded once. */
function loadTs(): Promise<TsModule> {
  tsPromise ??= import('ts-morph').then((m) => m.ts as unknown as TsModule);
  return tsPromise;
}

/**
 * Transpiles the sample's .ts files to ES modules next to them and links its dependencies into a
 * local node_modules: npm packages from the toolchain, `kms-codemod` (the transfer client a migrated
 * sample imports) from this package. ESM ignores NODE_PATH, hence the links.
 */
export function nodeRunner(tc: NodeToolchain): LanguageRunner {
  return {
    toolLang: 'node',
    async build(ctx: BuildContext): Promise<BuildOutcome> {
      const problem = await prepareNodeApp(ctx.dir, tc.nodePath);
      if (problem) return { ok: false, message: problem };
      const entry = ctx.manifest.entry.replace(/\.([mc]?)ts$/, '.$1js');
      return {
        ok: true,
        cached: false,
        program: { command: process.execPath, args: [entry], cwd: ctx.dir, env: {} },
      };
    },
  };
}

/**
 * What `npm install && tsc` would do for a TS/JS app, offline: each .ts file transpiled to an ES
 * module next to it, and the dependencies of its package.json linked into its node_modules from the
 * toolchain (`nodePath`) or, for our transfer client, from this package. Returns the problem, if any.
 */
export async function prepareNodeApp(dir: string, nodePath: string): Promise<string | undefined> {
  const ts = await loadTs();
  for (const file of readdirSync(dir)) {
    if (!/\.[mc]?ts$/.test(file) || file.endsWith('.d.ts')) continue;
    const source = readFileSync(join(dir, file), 'utf8');
    const out = ts.transpileModule(source, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      const first = errors[0];
      const where =
        first.file && first.start !== undefined
          ? first.file.getLineAndCharacterOfPosition(first.start).line + 1
          : 0;
      return `${join(dir, file)}:${where}: ${ts.flattenDiagnosticMessageText(first.messageText, '\n')}`;
    }
    writeFileSync(join(dir, file.replace(/\.([mc]?)ts$/, '.$1js')), out.outputText);
  }
  return linkDependencies(dir, nodePath);
}

/** Our own packages a migrated sample may depend on: linked from this checkout, not the toolchain. */
const OWN_PACKAGES: Record<string, { dir: string; entry: string }> = {
  [NODE_TRANSFER_PACKAGE]: { dir: 'packages/transfer', entry: 'dist/transfer/index.js' },
  'kms-codemod': { dir: '.', entry: 'dist/src/transfer/index.js' },
};

function linkDependencies(dir: string, nodePath: string): string | undefined {
  let deps: Record<string, string> = {};
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    deps = pkg.dependencies ?? {};
  } catch (err) {
    return `${join(dir, 'package.json')}: cannot read (${(err as Error).message}); a TS sample needs a package.json`;
  }
  // The transfer client loads pop-core for the actions the instance does not serve.
  const names = new Set([...Object.keys(deps), '@alicloud/pop-core']);
  for (const name of names) {
    const own = OWN_PACKAGES[name];
    const target = own ? join(packageRoot(), own.dir) : join(nodePath, name);
    if (own && !existsSync(join(target, own.entry))) {
      return `${join(target, own.entry)} is missing: run "npm run build" in ${packageRoot()} so that migrated TS samples can import ${name}`;
    }
    if (!existsSync(target))
      return `${dir}: dependency ${name} is not in the toolchain (${nodePath}); add it to src/toolchains/sdk-versions.ts`;
    const link = join(dir, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  return undefined;
}
