import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileOps, FS_OPS, migrate } from '../../src/migrate/index.js';
import { javaSource, POM, writeLegacyTree } from './support/legacy-tree.js';
import { chownRecursive, snapshot } from './support/tree-snapshot.js';

// Issue 13, point 2: `migrate --write` replaces every file of the run or none, for I/O errors too.

const CLI = join(import.meta.dirname, '../../dist/src/cli/main.js');

function expectUnchanged(dir: string, before: Map<string, Buffer>): void {
  const now = snapshot(dir);
  expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [k, v] of before) expect(now.get(k)?.equals(v), k).toBe(true);
}

/** A Java application with six sources and its pom.xml: the "six rewritten sources". */
function sixSourcesAndPom(dir: string): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), POM);
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `src/K${i}.java`), javaSource(`K${i}`));
}

/** File operations that fail at the n-th call of one kind (n from 1). */
function failingAt(kind: keyof FileOps, n: number, match: (path: string) => boolean = () => true): FileOps {
  let calls = 0;
  const fail = (path: string) => {
    if (match(path) && ++calls === n)
      throw Object.assign(new Error(`EIO: i/o error, ${kind} '${path}'`), { code: 'EIO' });
  };
  return {
    create(p, d, m) {
      if (kind === 'create') fail(p);
      FS_OPS.create(p, d, m);
    },
    rename(a, b) {
      if (kind === 'rename') fail(b);
      FS_OPS.rename(a, b);
    },
    keep(a, b) {
      if (kind === 'keep') fail(a);
      FS_OPS.keep(a, b);
    },
    remove: (p) => FS_OPS.remove(p),
  };
}

describe('migrate --write is all or nothing', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'kms-write-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('an I/O error on pom.xml after six replaced sources puts the six back: nothing changed', async () => {
    sixSourcesAndPom(work);
    const before = snapshot(work);
    const r = await migrate({
      paths: [work],
      write: true,
      fileOps: failingAt('rename', 1, (p) => p.endsWith('pom.xml')),
    });
    expect(r.changes.length).toBe(7);
    expect(r.written).toEqual([]);
    expect(r.writeFailed).toBe(true);
    expect(r.unrewritten.map((f) => f.ruleId)).toContain('migrate/write-failed');
    expectUnchanged(work, before);
  });

  it('a failure while the new files are being prepared writes nothing either', async () => {
    sixSourcesAndPom(work);
    const before = snapshot(work);
    for (const kind of ['create', 'keep'] as const) {
      const r = await migrate({ paths: [work], write: true, fileOps: failingAt(kind, 4) });
      expect(r.writeFailed).toBe(true);
      expectUnchanged(work, before);
    }
    const ok = await migrate({ paths: [work], write: true });
    expect(ok.written.length).toBe(7);
    expect([...snapshot(work).keys()].filter((k) => k.includes('kms-codemod'))).toEqual([]);
  });

  it('a read-only pom.xml is found before the first write: nothing written, and the summary says so', () => {
    sixSourcesAndPom(work);
    // Root writes anything: run the CLI as an unprivileged user, who owns the tree but not pom.xml's write bit.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownRecursive(work, 65534);
    chmodSync(join(work, 'pom.xml'), 0o444);
    const before = snapshot(work);
    // HOME is the tree (the unprivileged user's only writable place): the fact cache would land in it.
    const r = spawnSync(process.execPath, [CLI, 'migrate', '--write', '--no-cache', '.'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, KMS_CODEMOD_NO_CODE_CACHE: '1', HOME: work },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/migrate\/not-writable.*pom\.xml: cannot be written: not writable \(EACCES\)/);
    expect(r.stdout).toContain('nothing was written (7 file(s) pending)');
    expect(r.stdout).not.toMatch(/\d+ file\(s\) changed/);
    expectUnchanged(work, before);
  });

  it('a symbolically linked source is written through to its target; the link stays a link', async () => {
    mkdirSync(join(work, 'shared'));
    mkdirSync(join(work, 'app/src'), { recursive: true });
    writeFileSync(join(work, 'app/pom.xml'), POM);
    writeFileSync(join(work, 'shared/Shared.java'), javaSource('Shared'));
    symlinkSync('../../shared/Shared.java', join(work, 'app/src/Shared.java'));
    const r = await migrate({ paths: [join(work, 'app')], write: true });
    expect(r.writeFailed).toBe(false);
    expect(r.written.length).toBe(2);
    expect(lstatSync(join(work, 'app/src/Shared.java')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(work, 'shared/Shared.java'), 'utf8')).toContain('new KmsTransferAcsClient(');
  });

  it('a hard-linked source is refused with the reason, and nothing is written', async () => {
    sixSourcesAndPom(work);
    linkSync(join(work, 'src/K0.java'), join(work, 'K0-copy.txt'));
    const before = snapshot(work);
    const r = await migrate({ paths: [work], write: true });
    expect(r.writeFailed).toBe(true);
    expect(r.unrewritten.find((f) => f.ruleId === 'migrate/not-writable')?.message).toMatch(/2 hard links/);
    expectUnchanged(work, before);
  });

  it('migrate --write on many applications leaves no journal, temp or backup behind', async () => {
    writeLegacyTree(work, 6, 3);
    const r = await migrate({ paths: [work], write: true });
    expect(r.written.length).toBe(6 * 4);
    expect([...snapshot(work).keys()].filter((k) => /kms-codemod/.test(k))).toEqual([]);
    const again = await migrate({ paths: [work], write: true });
    expect(again.changes).toEqual([]);
  });
});

describe('migrate --patch', () => {
  it('a patch file that cannot be written fails before anything is written', () => {
    const work = mkdtempSync(join(tmpdir(), 'kms-patch-'));
    try {
      sixSourcesAndPom(work);
      const before = snapshot(work);
      const r = spawnSync(
        process.execPath,
        [CLI, 'migrate', '--write', '--patch', 'no-such-dir/x.patch', '.'],
        {
          cwd: work,
          encoding: 'utf8',
          env: { ...process.env, KMS_CODEMOD_NO_CODE_CACHE: '1' },
        },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('cannot write the patch to no-such-dir/x.patch');
      expectUnchanged(work, before);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
