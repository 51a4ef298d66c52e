#!/usr/bin/env node
// `node dist/src/toolchains/setup-cli.js [--only <lang> | --lang a,b] [--cache DIR] [--force] [--quiet]`
// Installs the official SDKs for each language into the cache. Exit 0 when every present toolchain
// is ready (a missing JDK or Go is reported, not fatal), 1 when an install failed, 2 on bad usage.
import { pathToFileURL } from 'node:url';
import { defaultCacheDir } from './cache-dir.js';
import { ensureToolchain } from './index.js';
import { ensureNeovim } from './neovim.js';
import { TOOL_LANGS, type Toolchain, type ToolLang } from './types.js';

interface SetupArgs {
  langs: ToolLang[];
  /** Also make Neovim ready (the editor end-to-end test): by default, and with `--only neovim`. */
  neovim: boolean;
  cacheDir: string;
  force: boolean;
  quiet: boolean;
}

export function parseSetupArgs(argv: readonly string[]): SetupArgs | string {
  let langs: ToolLang[] = [...TOOL_LANGS];
  let neovim = true;
  let cacheDir = defaultCacheDir();
  let force = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--only' || a === '--lang' || a.startsWith('--lang=') || a.startsWith('--only=')) {
        const list = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
        const picked = list
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s !== '');
        const bad = picked.filter((p) => !(TOOL_LANGS as readonly string[]).includes(p) && p !== 'neovim');
        if (bad.length > 0)
          return `unknown language '${bad.join(', ')}': use ${TOOL_LANGS.join(', ')} or neovim`;
        langs = picked.filter((p) => p !== 'neovim') as ToolLang[];
        neovim = picked.includes('neovim');
      } else if (a === '--cache') cacheDir = value();
      else if (a.startsWith('--cache=')) cacheDir = a.slice('--cache='.length);
      else if (a === '--force') force = true;
      else if (a === '--quiet' || a === '-q') quiet = true;
      else if (a === '--help' || a === '-h') return 'help';
      else process.stderr.write(`setup: ignoring unknown argument '${a}'\n`);
    } catch (err) {
      return (err as Error).message;
    }
  }
  return { langs, neovim, cacheDir, force, quiet };
}

function describe(tc: Toolchain): string {
  if (!tc.ok) return `${tc.lang}: ${tc.installFailed ? 'FAILED' : 'missing'}: ${tc.reason}`;
  switch (tc.lang) {
    case 'python':
      return `python: ready: ${tc.python}`;
    case 'java':
      return `java: ready: ${tc.classpath.split(/[:;]/).length} jars in ${tc.mavenRepo}`;
    case 'go':
      return `go: ready: module cache ${tc.env.GOMODCACHE}`;
    case 'node':
      return `node: ready: ${tc.nodePath}`;
  }
}

export async function runSetup(argv: readonly string[]): Promise<number> {
  const args = parseSetupArgs(argv);
  if (args === 'help' || typeof args === 'string') {
    const usage =
      'usage: setup-cli [--only <lang> | --lang python,java,go,node,neovim] [--cache DIR] [--force] [--quiet]';
    process.stderr.write(args === 'help' ? `${usage}\n` : `setup: ${args}\n${usage}\n`);
    return args === 'help' ? 0 : 2;
  }
  const started = Date.now();
  process.stderr.write(`setup: toolchains ${args.langs.join(', ')} in ${args.cacheDir}\n`);
  const onProgress = args.quiet ? undefined : (line: string) => process.stderr.write(`  ${line}\n`);
  // Installers are mostly network-bound, so the languages go in parallel.
  const results = await Promise.all(
    args.langs.map(async (lang) => {
      const t0 = Date.now();
      const tc = await ensureToolchain(lang, { cacheDir: args.cacheDir, force: args.force, onProgress });
      return { tc, ms: Date.now() - t0 };
    }),
  );
  for (const { tc, ms } of results)
    process.stderr.write(`setup: ${describe(tc)} (${(ms / 1000).toFixed(1)} s)\n`);
  if (args.neovim) {
    // Only the editor end-to-end test needs it: a failed install is reported, never fatal.
    const t0 = Date.now();
    const nv = await ensureNeovim(onProgress);
    const said = nv.ok
      ? `ready: ${nv.nvim} ${nv.version}`
      : `${nv.installFailed ? 'FAILED' : 'missing'}: ${nv.reason}`;
    process.stderr.write(`setup: neovim: ${said} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  process.stderr.write(`setup: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return results.some(({ tc }) => !tc.ok && tc.installFailed) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSetup(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`setup: internal error: ${(err as Error).message}\n`);
      process.exit(2);
    },
  );
}
