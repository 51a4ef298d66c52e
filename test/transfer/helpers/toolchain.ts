import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { skipOrFail } from '../../support/gate.js';
import { repoRoot } from './node-package.js';

/**
 * The toolchains engineer's `ensureToolchain` (src/toolchains/index.ts), loaded lazily so that this
 * suite still runs and reports clearly while that module is missing. Outside CI an unavailable
 * toolchain skips the cross-language tests with the reason; with CI=true it fails them.
 */
export type PythonToolchain = { ok: true; python: string; env: Record<string, string> };
export type GoToolchain = {
  ok: true;
  go: string;
  env: Record<string, string>;
  goModRequires: string;
  replaceOrSum?: string;
  goDirective: string;
};
export type JavaToolchain = {
  ok: true;
  java: string;
  javac: string;
  classpath: string;
  env: Record<string, string>;
};
export type Unavailable = { ok: false; reason: string };

type Loaded = {
  ensureToolchain(
    lang: string,
    opts?: { onProgress?: (l: string) => void },
  ): Promise<Record<string, unknown> & { ok: boolean; reason?: string }>;
  GO_DIRECTIVE?: string;
};

async function load(): Promise<Loaded | string> {
  const file = join(repoRoot, 'src', 'toolchains', 'index.ts');
  if (!existsSync(file)) return 'src/toolchains/index.ts does not exist yet (toolchains engineer)';
  try {
    return (await import(/* @vite-ignore */ file)) as Loaded;
  } catch (err) {
    return `src/toolchains/index.ts does not load: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function ensure(lang: string): Promise<{ mod: Loaded; tc: Record<string, unknown> } | Unavailable> {
  const mod = await load();
  if (typeof mod === 'string') return { ok: false, reason: mod };
  try {
    const tc = await mod.ensureToolchain(lang, {
      onProgress: (l) => process.stderr.write(`[toolchain] ${l}\n`),
    });
    if (!tc.ok) return { ok: false, reason: tc.reason ?? `${lang} toolchain not ok` };
    return { mod, tc };
  } catch (err) {
    return {
      ok: false,
      reason: `ensureToolchain('${lang}') failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

export async function pythonToolchain(): Promise<PythonToolchain | Unavailable> {
  const r = await ensure('python');
  if ('ok' in r) return r;
  return { ok: true, python: r.tc.python as string, env: (r.tc.env as Record<string, string>) ?? {} };
}

export async function goToolchain(): Promise<GoToolchain | Unavailable> {
  const r = await ensure('go');
  if ('ok' in r) return r;
  return {
    ok: true,
    go: r.tc.go as string,
    env: (r.tc.env as Record<string, string>) ?? {},
    goModRequires: r.tc.goModRequires as string,
    replaceOrSum: r.tc.replaceOrSum as string | undefined,
    goDirective: r.mod.GO_DIRECTIVE ?? '1.21',
  };
}

export async function javaToolchain(): Promise<JavaToolchain | Unavailable> {
  const r = await ensure('java');
  if ('ok' in r) return r;
  return {
    ok: true,
    java: r.tc.java as string,
    javac: r.tc.javac as string,
    classpath: r.tc.classpath as string,
    env: (r.tc.env as Record<string, string>) ?? {},
  };
}

/** Skips (outside CI) or fails (under CI) a test whose toolchain is unavailable. */
export function requireToolchain<T extends { ok: true }>(
  tc: T | Unavailable,
  what: string,
  ctx: { skip: (note?: string) => void },
): T {
  if (tc.ok) return tc;
  return skipOrFail(ctx, `${what} unavailable: ${tc.reason}. Run "npm run setup" to install the toolchains`);
}
