import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBuilds, restoreOriginals } from '../../src/migrate/build-check/index.js';
import { type FileChange, migrate } from '../../src/migrate/index.js';
import { GO_DIRECTIVE } from '../../src/toolchains/index.js';
import { loadToolchain, requireToolchain } from './toolchain-gate.js';

const REPO = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'kms-build-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An application on disk as migrate left it: `files` written with their new text, `before` kept for rollback. */
function app(
  name: string,
  files: Record<string, { before?: string; after: string }>,
): { dir: string; changes: FileChange[] } {
  const dir = join(work, name);
  const changes: FileChange[] = [];
  for (const [rel, { before, after }] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, after);
    if (before !== undefined)
      changes.push({ file: rel, path, before, after, edits: [], app: dir, kind: 'source' });
  }
  return { dir, changes };
}

describe('restoreOriginals', () => {
  it('writes each original back and removes files that did not exist', () => {
    const dir = join(work, 'restore');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.txt'), 'after');
    writeFileSync(join(dir, 'go.sum'), 'written by the build');
    const restored = restoreOriginals([
      { path: join(dir, 'a.txt'), text: 'before' },
      { path: join(dir, 'go.sum'), text: undefined },
    ]);
    expect(restored).toHaveLength(2);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('before');
    expect(existsSync(join(dir, 'go.sum'))).toBe(false);
  });
});

describe('checkBuilds with the real toolchains', () => {
  it('Go: a rewrite that does not compile is put back, with the compiler message; go.sum as it was', async (ctx) => {
    const tc = requireToolchain(await loadToolchain('go'), 'go', ctx);
    const good = 'package main\n\nfunc main() {}\n';
    const { dir, changes } = app('go-broken', {
      'go.mod': { after: `module example.com/broken\n\ngo ${GO_DIRECTIVE}\n` },
      'main.go': { before: good, after: 'package main\n\nfunc main() { undefinedCall() }\n' },
    });
    const [build] = await checkBuilds(changes, { env: tc.env, tools: { go: tc.go } });
    expect(build.status).toBe('failed');
    expect(build.commands).toEqual(['go build -mod=mod ./...']);
    expect(build.detail).toMatch(/undefined: undefinedCall/);
    expect(build.detail).not.toMatch(/does not build without the rewrite/);
    expect(readFileSync(join(dir, 'main.go'), 'utf8')).toBe(good);
    expect(existsSync(join(dir, 'go.sum'))).toBe(false);
  }, 300_000);

  it('Go: says so when the application did not build before the rewrite either', async (ctx) => {
    const tc = requireToolchain(await loadToolchain('go'), 'go', ctx);
    const { changes } = app('go-was-broken', {
      'go.mod': { after: `module example.com/wasbroken\n\ngo ${GO_DIRECTIVE}\n` },
      'main.go': {
        before: 'package main\n\nfunc main() { a() }\n',
        after: 'package main\n\nfunc main() { b() }\n',
      },
    });
    const [build] = await checkBuilds(changes, { env: tc.env, tools: { go: tc.go } });
    expect(build.status).toBe('failed');
    expect(build.detail).toMatch(/^it does not build without the rewrite either/);
  }, 300_000);

  it('Python: an import the installed SDK cannot satisfy fails; local and optional imports are not run', async (ctx) => {
    const tc = requireToolchain(await loadToolchain('python'), 'python', ctx);
    const after = [
      'import os',
      'from alibabacloud_dkms_transfer.kms_transfer_acs_client import NoSuchClient',
      'from .sibling import helper',
      'from app_local import thing',
      'try:',
      '    import not_installed_optional',
      'except ImportError:',
      '    not_installed_optional = None',
      'client = NoSuchClient(os.environ["MISSING"])',
      '',
    ].join('\n');
    const { dir, changes } = app('py-broken', {
      'app_local.py': { after: 'raise SystemExit("a project module must not run")\n' },
      'svc/kms.py': { before: 'import os\n', after },
    });
    const [build] = await checkBuilds(changes, { env: tc.env, tools: { python: tc.python } });
    expect(build.status).toBe('failed');
    expect(build.detail).toMatch(/svc\/kms\.py:2: .*NoSuchClient.*ImportError/);
    expect(build.detail).not.toMatch(/sibling|app_local|not_installed_optional|MISSING/);
    expect(readFileSync(join(dir, 'svc/kms.py'), 'utf8')).toBe('import os\n');
    expect(existsSync(join(dir, 'svc/__pycache__'))).toBe(false);
  }, 300_000);

  it('Python: a syntax error fails at byte-compilation', async (ctx) => {
    const tc = requireToolchain(await loadToolchain('python'), 'python', ctx);
    const { changes } = app('py-syntax', { 'main.py': { before: 'x = 1\n', after: 'x = (1\n' } });
    const [build] = await checkBuilds(changes, { env: tc.env, tools: { python: tc.python } });
    expect(build.status).toBe('failed');
    expect(build.detail).toMatch(/main\.py/);
  }, 300_000);

  it('TypeScript: tsc --noEmit with the project tsconfig; a type error puts the files back', async () => {
    const tsconfig = JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, types: [] } });
    const { dir, changes } = app('ts-broken', {
      'tsconfig.json': { after: tsconfig },
      'src/a.ts': { before: 'export const n: number = 1;\n', after: "export const n: number = 'one';\n" },
    });
    const [build] = await checkBuilds(changes, { tools: { tsc: join(REPO, 'node_modules/.bin/tsc') } });
    expect(build.status).toBe('failed');
    expect(build.detail).toMatch(/TS2322/);
    expect(readFileSync(join(dir, 'src/a.ts'), 'utf8')).toBe('export const n: number = 1;\n');
  }, 120_000);

  it('JavaScript without a tsconfig: node --check; TypeScript without one is not checked, and says why', async () => {
    const js = app('js-ok', {
      'index.js': { before: 'module.exports = 1;\n', after: 'module.exports = 2;\n' },
    });
    expect((await checkBuilds(js.changes)).map((b) => [b.status, b.commands])).toEqual([
      ['passed', ['node --check index.js']],
    ]);
    const ts = app('ts-no-config', { 'a.ts': { before: 'let a = 1;\n', after: 'let a = 2;\n' } });
    const [build] = await checkBuilds(ts.changes);
    expect(build.status).toBe('skipped');
    expect(build.detail).toMatch(/no tsconfig\.json/);
  });

  it('Java: mvn when there is a pom.xml, a note when there is no build file', async () => {
    const bare = app('java-bare', { 'A.java': { before: 'class A {}\n', after: 'class A { }\n' } });
    const [build] = await checkBuilds(bare.changes);
    expect(build.status).toBe('skipped');
    expect(build.detail).toMatch(/no pom\.xml or build\.gradle/);
  });
});

describe('migrate --write --build', () => {
  it('puts back an application whose rewrite does not build, and reports it', async () => {
    // The dynamic import's binding is left unused by the rewrite: fine for most projects, an error
    // under noUnusedLocals, which only the project's own build can tell.
    const dir = join(work, 'ts-unused');
    cpSync(join(REPO, 'fixtures/realworld/typescript/popcore-dynamic-import'), dir, { recursive: true });
    rmSync(join(dir, 'expect.json'));
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    tsconfig.compilerOptions.noUnusedLocals = true;
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules/@alicloud'), join(dir, 'node_modules/@alicloud'));
    symlinkSync(join(REPO, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'));
    mkdirSync(join(dir, 'node_modules/@kms-codemod'));
    symlinkSync(join(REPO, 'packages/transfer'), join(dir, 'node_modules/@kms-codemod/transfer'));
    const before = readFileSync(join(dir, 'src/sign.ts'), 'utf8');
    const result = await migrate({
      paths: [dir],
      write: true,
      build: { tools: { tsc: join(REPO, 'node_modules/.bin/tsc') } },
    });
    expect(result.changes.map((c) => c.path).sort()).toEqual([
      join(dir, 'package.json'),
      join(dir, 'src/sign.ts'),
    ]);
    expect(result.written).toEqual([]);
    expect(result.builds?.map((b) => b.status)).toEqual(['failed']);
    const note = result.unrewritten.find((u) => u.ruleId === 'migrate/build-failed');
    expect(note?.severity).toBe('error');
    expect(note?.message).toMatch(/TS6133: 'RPCClient' is declared but its value is never read/);
    expect(readFileSync(join(dir, 'src/sign.ts'), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).not.toMatch(/@kms-codemod\/transfer/);
  }, 120_000);
});

describe('migrate --build on the command line', () => {
  it('reports the check of each application after what it wrote', () => {
    const dir = join(work, 'cli-js');
    cpSync(join(REPO, 'fixtures/realworld/typescript/popcore-factory-return'), dir, { recursive: true });
    rmSync(join(dir, 'expect.json'));
    const r = spawnSync(
      process.execPath,
      [join(REPO, 'dist/src/cli/main.js'), 'migrate', '--write', '--build', '.'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^build \. \(typescript\): ok: node --check lib\/clients\.js$/m);
    expect(r.stdout).toMatch(/2 file\(s\) changed/);
  });

  it('needs --write', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist/src/cli/main.js'), 'migrate', '--build', work], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--build checks what --write wrote/);
  });
});
