import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GO_DIRECTIVE, type ReadyToolchain } from '../../src/toolchains/index.js';
import { filesUnder, scenarios } from './fixture-scenarios.js';
import { loadToolchain, requireToolchain, type ToolchainGate } from './toolchain-gate.js';

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
    let output = '';
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    p.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// github.com/aliyun/alibabacloud-kms-go-sdk is not served by the module proxy reachable here
// (src/toolchains/sdk-versions.ts UNAVAILABLE_PACKAGES): its V2 scenario is checked by the harness only.
const goScenarios = scenarios().filter(
  (s) =>
    s.lang === 'go' &&
    !filesUnder(s.after).some((f) =>
      readFileSync(join(s.after, f), 'utf8').includes('alibabacloud-kms-go-sdk'),
    ),
);
/**
 * A scenario of several packages that import each other by its own module path (a go.mod and Go code
 * below the top directory) builds as its own module; the others share one.
 */
const ownModule = (dir: string): boolean =>
  existsSync(join(dir, 'go.mod')) && filesUnder(dir).some((f) => f.includes('/') && f.endsWith('.go'));
const shared = goScenarios.filter((s) => !ownModule(s.after));
const modules = goScenarios.filter((s) => ownModule(s.after));

let gate: ToolchainGate<'go'>;
let work: string;

/** go build ./... and go vet ./... (vet type-checks the _test.go files too), then gofmt -l. */
async function buildAndVet(dir: string, go: ReadyToolchain<'go'>): Promise<void> {
  const build = await run(go.go, ['build', './...'], dir, go.env);
  expect(build.code, build.output).toBe(0);
  const vet = await run(go.go, ['vet', './...'], dir, go.env);
  expect(vet.code, vet.output).toBe(0);
  // The rewrite leaves gofmt nothing to do (CRLF files excepted: gofmt turns them into LF).
  const lfFiles = filesUnder(dir).filter(
    (f) => f.endsWith('.go') && !readFileSync(join(dir, f), 'utf8').includes('\r\n'),
  );
  const gofmtBin = isAbsolute(go.go) ? join(dirname(go.go), 'gofmt') : 'gofmt';
  const gofmt = await run(gofmtBin, ['-l', ...lfFiles], dir, go.env);
  expect(gofmt.code, gofmt.output).toBe(0);
  expect(gofmt.output.trim(), 'files gofmt would change').toBe('');
}

/** The scenario's go.mod with its module path kept and the toolchain's requirements. */
function moduleFile(after: string, go: ReadyToolchain<'go'>): string {
  const path = /^module\s+(\S+)/m.exec(readFileSync(join(after, 'go.mod'), 'utf8'))?.[1];
  return `module ${path}\n\ngo ${GO_DIRECTIVE}\n\n${go.goModRequires}\n`;
}

describe('rewritten Go builds and vets against the real modules', () => {
  beforeAll(async () => {
    gate = await loadToolchain('go');
    work = mkdtempSync(join(tmpdir(), 'kms-gobuild-'));
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // One module, one package directory per scenario: a single `go build ./...` and `go vet ./...`.
  it('every after/ scenario passes go build and go vet', async (ctx) => {
    const tc = requireToolchain(gate, 'go', ctx);
    // The loop below must have something to build: a filter or a moved fixture root would empty it.
    expect(goScenarios.length, 'Go rewrite scenarios found').toBeGreaterThan(10);
    for (const s of shared)
      cpSync(s.after, join(work, s.name), { recursive: true, filter: (src) => !src.endsWith('go.mod') });
    writeFileSync(
      join(work, 'go.mod'),
      `module example.com/fixtures\n\ngo ${GO_DIRECTIVE}\n\n${tc.goModRequires}\n`,
    );
    if (tc.replaceOrSum) writeFileSync(join(work, 'go.sum'), tc.replaceOrSum);
    await buildAndVet(work, tc);
  });

  it.for(modules.map((s) => [s.name, s] as const))(
    'multi-package module %s builds and vets as its own module, tests included',
    async ([, s], ctx) => {
      const tc = requireToolchain(gate, 'go', ctx);
      expect(modules.length).toBeGreaterThan(0);
      const dir = join(work, '..', `${work.split('/').pop()}-${s.name}`);
      cpSync(s.after, dir, { recursive: true });
      writeFileSync(join(dir, 'go.mod'), moduleFile(s.after, tc));
      if (tc.replaceOrSum) writeFileSync(join(dir, 'go.sum'), tc.replaceOrSum);
      try {
        await buildAndVet(dir, tc);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
