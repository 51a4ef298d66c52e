import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyOf } from '../../src/cache/cache-key.js';
import type { CacheStrategy } from '../../src/cache/fact-cache.js';
import { jsonReport } from '../../src/report/index.js';
import { type ScanResult, scan } from '../../src/scan/index.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const tool = { name: 'kms-codemod', version: '9.9.9' };
const tmp = mkdtempSync(join(tmpdir(), 'kms-cache-eq-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The JSON report without what differs between any two runs: the time taken and the cache's own counts. */
function comparable(result: ScanResult): string {
  const report = JSON.parse(jsonReport(result, tool));
  delete report.summary.durationMs;
  delete report.summary.cache;
  return JSON.stringify(report, null, 2);
}

/** Every file under `dir` an hour old, so the metadata strategy trusts what it recorded. */
function age(dir: string, seconds = 3600): void {
  const when = new Date(Date.now() - seconds * 1000);
  for (const name of readdirSync(dir, { recursive: true }) as string[])
    utimesSync(join(dir, name), when, when);
}

async function expectSame(root: string, cacheDir: string, strategy: CacheStrategy) {
  const plain = await scan({ paths: [root], root });
  const cached = await scan({ paths: [root], root, cache: { location: cacheDir, strategy } });
  expect(comparable(cached)).toBe(comparable(plain));
  expect(cached.files).toEqual(plain.files);
  return cached.stats.cache;
}

describe('a cached scan equals an uncached one, byte for byte', () => {
  for (const strategy of ['metadata', 'content'] as const) {
    it(`on every fixture, cold then warm (${strategy})`, async () => {
      const root = join(tmp, `fixtures-${strategy}`);
      cpSync(FIXTURES, root, { recursive: true });
      age(root);
      const cacheDir = join(tmp, `cache-${strategy}`);
      const cold = await expectSame(root, cacheDir, strategy);
      expect(cold?.fromCache).toBe(0);
      expect(cold?.extracted).toBeGreaterThan(100);
      const warm = await expectSame(root, cacheDir, strategy);
      expect(warm?.extracted).toBe(0);
      expect(warm?.fromCache).toBe(strategy === 'metadata' ? cold?.read : cold?.extracted);
      if (strategy === 'metadata') expect(warm?.read).toBe(0);
    });

    it(`after edits, renames, deletions and files that become (or stop being) candidates (${strategy})`, async () => {
      const root = join(tmp, `edits-${strategy}`);
      cpSync(join(FIXTURES, 'rules'), root, { recursive: true });
      age(root);
      const cacheDir = join(tmp, `cache-edits-${strategy}`);
      await expectSame(root, cacheDir, strategy);
      const java = join(root, 'legacy-kms-client/java/clientInField/before/KmsHolder.java');
      const go = join(root, 'blocked-kms-api/go/positive-all-variants/rewrap.go');
      const plainPy = join(root, 'kms-action/python/negative-no-kms/plain.py');
      // An edit that adds a finding; a rename; a deletion; a plain file that starts using the SDK.
      appendFileSync(
        java,
        '\nclass Extra { Object r = new com.aliyuncs.kms.model.v20160120.ReEncryptRequest(); }\n',
      );
      renameSync(go, go.replace('rewrap.go', 'renamed.go'));
      rmSync(join(root, 'legacy-kms-client/python/aliasedImport/before/aliased.py'));
      writeFileSync(
        plainPy,
        'from aliyunsdkcore.client import AcsClient\nc = AcsClient("ak", "sk", "cn-hangzhou")\n',
      );
      const after = await expectSame(root, cacheDir, strategy);
      expect(after?.why.changed).toBeGreaterThanOrEqual(1);
      expect(after?.why.new).toBeGreaterThanOrEqual(2);
      // A candidate that stops naming the SDK.
      writeFileSync(java, 'class Nothing {}\n');
      await expectSame(root, cacheDir, strategy);
    });
  }

  it('with the metadata strategy, a file whose mtime moved but content did not is read and not parsed', async () => {
    const root = join(tmp, 'touch');
    cpSync(join(FIXTURES, 'rules/legacy-kms-client/java'), root, { recursive: true });
    age(root);
    const cacheDir = join(tmp, 'cache-touch');
    await expectSame(root, cacheDir, 'metadata');
    const file = join(root, 'clientInField/before/KmsHolder.java');
    const when = new Date(Date.now() - 1800 * 1000);
    utimesSync(file, when, when);
    const touched = await expectSame(root, cacheDir, 'metadata');
    expect(touched).toMatchObject({ read: 1, extracted: 0 });
    // Same size and mtime, other bytes: metadata cannot see it (as in ESLint); content does.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('DefaultAcsClient(', 'DefaultAcsClienT('));
    utimesSync(file, when, when);
    const content = await expectSame(root, cacheDir, 'content');
    expect(content?.why.changed).toBe(1);
  });

  it('after a config change that affects extraction, a version bump, and a corrupt or foreign cache file', async () => {
    const root = join(tmp, 'config');
    cpSync(join(FIXTURES, 'rules/blocked-kms-api'), root, { recursive: true });
    age(root);
    const cacheDir = join(tmp, 'cache-config');
    await expectSame(root, cacheDir, 'metadata');
    // Severities are applied after the cache; the size limit decides what is read at all.
    writeFileSync(join(root, 'kms-codemod.config.json'), '{"rules": {"kms-action": "off"}}');
    age(root);
    const severities = await expectSame(root, cacheDir, 'metadata');
    expect(severities?.extracted).toBe(0);
    writeFileSync(join(root, 'kms-codemod.config.json'), '{"maxFileSize": 400}');
    age(root);
    const limit = await expectSame(root, cacheDir, 'metadata');
    expect(limit?.reset).toMatch(/extraction/);

    // A cache written by another version of the tool is started afresh, and says why.
    const [name] = readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
    const path = join(cacheDir, name);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.parts.tool = '0.0.1';
    file.key = keyOf(file.parts);
    writeFileSync(path, JSON.stringify(file));
    const bumped = await expectSame(root, cacheDir, 'metadata');
    expect(bumped?.reset).toMatch(/tool/);
    expect(bumped?.why.reset).toBe(bumped?.extracted);

    for (const junk of ['{"entries": [', '{"hello": "world"}', '\u0000\u0001binary']) {
      writeFileSync(path, junk);
      const fresh = await expectSame(root, cacheDir, 'metadata');
      expect(fresh?.reset).toMatch(/corrupt|not one of ours/);
      expect(JSON.parse(readFileSync(path, 'utf8')).magic).toBe('kms-codemod-fact-cache');
    }
  });
});

describe('the cache directory', () => {
  it('is tagged, ignored by git, written atomically, holds repository-relative paths, and is pruned', async () => {
    const root = join(tmp, 'hygiene');
    cpSync(join(FIXTURES, 'rules/hardcoded-credential/java'), root, { recursive: true });
    const cacheDir = join(tmp, 'cache-hygiene');
    const old = join(cacheDir, '0123456789abcdef0123.json');
    await scan({ paths: [root], root, cache: { location: cacheDir } });
    writeFileSync(old, '{}');
    const month = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    utimesSync(old, month, month);
    await scan({ paths: [root], root, cache: { location: cacheDir, strategy: 'content' } });
    appendFileSync(
      join(root, readdirSync(root)[0], 'extra.java'),
      'class X { String k = "com.aliyuncs"; }\n',
    );
    await scan({ paths: [root], root, cache: { location: cacheDir } });
    const names = readdirSync(cacheDir).sort();
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names).toContain('CACHEDIR.TAG');
    expect(readFileSync(join(cacheDir, 'CACHEDIR.TAG'), 'utf8')).toMatch(
      /^Signature: 8a477f597d28d172789f06886806bc55/,
    );
    expect(readFileSync(join(cacheDir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(names).not.toContain('0123456789abcdef0123.json');
    const [cacheFile] = names.filter((n) => n.endsWith('.json'));
    const text = readFileSync(join(cacheDir, cacheFile), 'utf8');
    const entries = Object.keys(JSON.parse(text).entries);
    expect(entries.length).toBeGreaterThan(0);
    for (const rel of entries) expect(rel.startsWith('/') || rel.includes(root)).toBe(false);
    expect(statSync(join(cacheDir, cacheFile)).size).toBeGreaterThan(0);
  });
});

describe('the walk', () => {
  it('is reused while no directory changed, and done again when a file is added or a .gitignore edited', async () => {
    const root = join(tmp, 'walk');
    cpSync(join(FIXTURES, 'rules/kms-action'), root, { recursive: true });
    age(root);
    // A directory changed within two seconds of the cache being written is never trusted (same tick).
    await new Promise((r) => setTimeout(r, 2100));
    const cacheDir = join(tmp, 'cache-walk');
    expect((await expectSame(root, cacheDir, 'metadata'))?.walkReused).toBe(false);
    expect((await expectSame(root, cacheDir, 'metadata'))?.walkReused).toBe(true);
    // A new file: its directory changed, so the walk runs and finds it.
    writeFileSync(
      join(root, 'java/new.java'),
      'import com.aliyuncs.kms.model.v20160120.EncryptRequest;\nclass N { Object r = new EncryptRequest(); }\n',
    );
    expect((await expectSame(root, cacheDir, 'metadata'))?.walkReused).toBe(false);
    // A .gitignore edited in place (its directory does not change): the walk runs and leaves the file out.
    writeFileSync(join(root, '.gitignore'), '# none yet\n');
    await new Promise((r) => setTimeout(r, 2100));
    await expectSame(root, cacheDir, 'metadata');
    expect((await expectSame(root, cacheDir, 'metadata'))?.walkReused).toBe(true);
    writeFileSync(join(root, '.gitignore'), 'java/new.java\n');
    const ignored = await scan({ paths: [root], root, cache: { location: cacheDir } });
    expect(ignored.stats.cache?.walkReused).toBe(false);
    expect(ignored.findings.some((f) => f.file === 'java/new.java')).toBe(false);
    await expectSame(root, cacheDir, 'metadata');
  });
});
