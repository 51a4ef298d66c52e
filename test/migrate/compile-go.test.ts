import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GO_DIRECTIVE } from '../../src/toolchains/index.js';
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
let gate: ToolchainGate<'go'>;
let work: string;

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
    for (const s of goScenarios)
      cpSync(s.after, join(work, s.name), { recursive: true, filter: (src) => !src.endsWith('go.mod') });
    writeFileSync(
      join(work, 'go.mod'),
      `module example.com/fixtures\n\ngo ${GO_DIRECTIVE}\n\n${tc.goModRequires}\n`,
    );
    if (tc.replaceOrSum) writeFileSync(join(work, 'go.sum'), tc.replaceOrSum);
    const build = await run(tc.go, ['build', './...'], work, tc.env);
    expect(build.code, build.output).toBe(0);
    const vet = await run(tc.go, ['vet', './...'], work, tc.env);
    expect(vet.code, vet.output).toBe(0);
    // The rewrite leaves gofmt nothing to do (CRLF files excepted: gofmt turns them into LF).
    const lfFiles = filesUnder(work).filter(
      (f) => f.endsWith('.go') && !readFileSync(join(work, f), 'utf8').includes('\r\n'),
    );
    const gofmtBin = isAbsolute(tc.go) ? join(dirname(tc.go), 'gofmt') : 'gofmt';
    const gofmt = await run(gofmtBin, ['-l', ...lfFiles], work, tc.env);
    expect(gofmt.code, gofmt.output).toBe(0);
    expect(gofmt.output.trim(), 'files gofmt would change').toBe('');
  });
});
