import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuildOptions, migrate } from '../../src/migrate/index.js';
import { loadToolchain, requireToolchain } from '../migrate/toolchain-gate.js';
import { type CorpusCase, type CorpusExpect, corpusCases } from './corpus.js';

/**
 * Every rewrite of the corpus builds with the real toolchain and the real dependencies, checked by
 * `migrate --write --build` itself (src/migrate/build-check/): `go build` + `go vet` against the real
 * modules, `mvn compile` against Maven Central, the Python imports against the venv's packages, and
 * `tsc --noEmit` (or `node --check`) against the npm packages. A case without a `build` field is one
 * whose rewrite needs a vendor KMS SDK the registries here do not serve (harness-only).
 */
const REPO = resolve(import.meta.dirname, '../..');
const cases = corpusCases();
const withBuild = cases.filter((c) => c.expect.build);
const work = mkdtempSync(join(tmpdir(), 'kms-corpus-build-'));
const compiled = new Map<string, number>();
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const total = [...compiled.values()].reduce((a, b) => a + b, 0);
  const per = [...compiled.entries()].map(([l, n]) => `${l} ${n}`).join(', ');
  process.stderr.write(`corpus build: ${total} rewritten applications compiled (${per})\n`);
});

/** Packages a rewrite may need that the registries reachable here do not serve (sdk-versions.ts). */
const UNSERVED = /com\.aliyun\.kms\.kms20160120|github\.com\/aliyun\/alibabacloud-kms-go-sdk/;

type Lang = NonNullable<CorpusExpect['build']>;

/** The toolchain's environment for one language: its module cache, Maven repository or venv. */
async function buildOptions(lang: Lang, ctx: { skip: (note?: string) => void }): Promise<BuildOptions> {
  if (lang === 'typescript') return { tools: { tsc: join(REPO, 'node_modules/.bin/tsc') } };
  const tc = requireToolchain(await loadToolchain(lang), lang, ctx);
  if (tc.lang === 'go') return { env: tc.env, tools: { go: tc.go } };
  if (tc.lang === 'python') return { env: tc.env, tools: { python: tc.python } };
  return { env: { ...tc.env, MAVEN_OPTS: `-Dmaven.repo.local=${tc.mavenRepo}` } };
}

/** A TS/JS application's node_modules: the real npm packages, and our transfer package (built). */
function linkNodeModules(app: string): void {
  const nm = join(app, 'node_modules');
  mkdirSync(join(nm, '@types'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules/@alicloud'), join(nm, '@alicloud'));
  symlinkSync(join(REPO, 'node_modules/@types/node'), join(nm, '@types/node'));
  mkdirSync(join(nm, '@kms-codemod'));
  symlinkSync(join(REPO, 'packages/transfer'), join(nm, '@kms-codemod/transfer'));
}

function copyCase(c: CorpusCase): string {
  const dir = join(work, c.name);
  cpSync(c.dir, dir, { recursive: true, filter: (p) => !p.endsWith('expect.json') });
  if (c.expect.build === 'typescript')
    for (const [app] of Object.entries(c.expect.apps)) linkNodeModules(join(dir, app));
  return dir;
}

describe('every rewrite of the corpus builds with the real toolchain (migrate --write --build)', () => {
  it('every case that migrate changes declares its build, unless its rewrite needs an unserved vendor SDK', async () => {
    for (const c of cases.filter((x) => !x.expect.build)) {
      const result = await migrate({ paths: [c.dir] });
      const sources = result.changes.filter((ch) => ch.kind === 'source');
      const unserved = sources.some((ch) => UNSERVED.test(ch.after));
      expect(sources.length === 0 || unserved, `${c.name} changes but declares no build`).toBe(true);
    }
  });

  it('the transfer package is built, so rewritten TS resolves @kms-codemod/transfer with its types', () => {
    expect(existsSync(join(REPO, 'packages/transfer/dist/transfer/index.d.ts')), 'run npm run build').toBe(
      true,
    );
  });

  it.for(withBuild.map((c) => [c.name, c] as const))(
    '%s',
    async ([, c], ctx) => {
      const lang = c.expect.build as Lang;
      const options = await buildOptions(lang, ctx);
      const dir = copyCase(c);
      // A library's client is rewritten too (with the environment look-ups), so that rewrite compiles as well.
      const result = await migrate({ paths: [dir], write: true, build: options, allowLibraryEnv: true });
      const failed = result.unrewritten.filter((u) => u.ruleId === 'migrate/build-failed');
      expect(failed.map((f) => f.message)).toEqual([]);
      const ready = Object.entries(c.expect.apps).filter(([, v]) => v === 'ready');
      // Nothing to migrate (an already migrated application): nothing is written, so nothing to build.
      if (ready.length === 0) expect(result.changes.filter((x) => x.kind === 'source')).toEqual([]);
      for (const [app] of ready) {
        const builds = (result.builds ?? []).filter((b) => b.app === join(dir, app));
        expect(
          builds.map((b) => `${b.status}${b.detail ? `: ${b.detail}` : ''}`),
          `${c.name}/${app}`,
        ).toEqual(['passed']);
        // The build ran on the rewritten sources, which stay on disk as migrate wrote them (a Go build
        // may add indirect requirements to go.mod, as go mod tidy would).
        for (const ch of result.changes.filter((x) => x.app === join(dir, app) && x.kind === 'source'))
          expect(readFileSync(ch.path, 'utf8')).toBe(ch.after);
      }
      if (ready.length > 0) compiled.set(lang, (compiled.get(lang) ?? 0) + ready.length);
    },
    600_000,
  );
});
