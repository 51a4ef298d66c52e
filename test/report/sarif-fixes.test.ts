import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { attachFixes } from '../../src/migrate/scan-fixes.js';
import type { Finding } from '../../src/model/index.js';
import { sarifReport } from '../../src/report/index.js';
import { scan } from '../../src/scan/index.js';
import { runScanCli as runScan } from '../cli/run-scan.js';
import { sarifValidator } from './sarif-schema.js';

const REPO = join(import.meta.dirname, '../..');
const SAMPLES = join(REPO, 'fixtures/samples');
const RULES = join(REPO, 'fixtures/rules');
const tool = { name: 'kms-codemod', version: '9.9.9' };
const out = mkdtempSync(join(tmpdir(), 'kms-sarif-fixes-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const validate = sarifValidator();

interface Replacement {
  deletedRegion: { charOffset: number; charLength: number };
  insertedContent?: { text: string };
}
interface ArtifactChange {
  artifactLocation: { uri: string; uriBaseId: string };
  replacements: Replacement[];
}
interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  fixes?: { description: { text: string }; artifactChanges: ArtifactChange[] }[];
  properties?: Record<string, unknown>;
}
interface SarifLog {
  runs: { originalUriBaseIds: { ROOT: { uri: string } }; results: SarifResult[] }[];
}

/** What a SARIF consumer does: splice the replacements by charOffset/charLength, from the end backwards. */
function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const ordered = [...replacements].sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset);
  let result = text;
  for (const r of ordered) {
    const { charOffset, charLength } = r.deletedRegion;
    result =
      result.slice(0, charOffset) + (r.insertedContent?.text ?? '') + result.slice(charOffset + charLength);
  }
  return result;
}

let outputs = 0;
async function cliReport(args: string[]): Promise<string> {
  const file = join(out, `report-${++outputs}`);
  const { code, stderr } = await runScan([...args, '--output', file]);
  expect(code, stderr).toBeLessThan(2);
  return readFileSync(file, 'utf8');
}

/** Every fix of the log applied to the files under ROOT, grouped by artifact: file path → text after. */
function applyAllFixes(log: SarifLog): Map<string, string> {
  const run = log.runs[0];
  const root = fileURLToPath(run.originalUriBaseIds.ROOT.uri);
  const byUri = new Map<string, Replacement[]>();
  for (const r of run.results)
    for (const fix of r.fixes ?? [])
      for (const change of fix.artifactChanges) {
        expect(change.artifactLocation.uriBaseId).toBe('ROOT');
        const list = byUri.get(change.artifactLocation.uri) ?? [];
        list.push(...change.replacements);
        byUri.set(change.artifactLocation.uri, list);
      }
  const after = new Map<string, string>();
  for (const [uri, replacements] of byUri) {
    const path = join(root, decodeURIComponent(uri));
    after.set(path, applyReplacements(readFileSync(path, 'utf8'), replacements));
  }
  return after;
}

async function migrateAfter(dir: string): Promise<Map<string, string>> {
  const result = await migrate({ paths: [dir] });
  expect(result.written).toEqual([]);
  return new Map(result.changes.map((c) => [c.path, c.after]));
}

describe('scan --format sarif carries the fixes migrate would apply', () => {
  const apps: [string, string, string][] = [
    ['Java', join(SAMPLES, 'java/seed-encrypt'), 'pom.xml'],
    ['Python', join(SAMPLES, 'python/seed-encrypt'), 'requirements.txt'],
    ['Go', join(SAMPLES, 'go/seed-encrypt'), 'go.mod'],
    ['TypeScript', join(SAMPLES, 'ts/secret'), 'package.json'],
  ];
  for (const [language, dir, manifest] of apps) {
    it(`${language}: valid SARIF whose fixes give exactly migrate's after text, manifest included`, async () => {
      const log = JSON.parse(await cliReport([dir, '--format', 'sarif'])) as SarifLog;
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);

      const clientResults = log.runs[0].results.filter((r) => r.ruleId === 'legacy-kms-client');
      expect(clientResults.length).toBeGreaterThan(0);
      for (const r of clientResults) {
        expect(r.fixes?.length).toBe(1);
        // The fix starts with the finding's own file, then the application's manifest.
        const uris = r.fixes?.[0].artifactChanges.map((c) => c.artifactLocation.uri);
        expect(uris?.[0]).toBe(r.locations[0].physicalLocation.artifactLocation.uri);
      }
      expect(
        clientResults.flatMap((r) => r.fixes?.[0].artifactChanges.map((c) => c.artifactLocation.uri) ?? []),
      ).toContain(manifest);

      const fromFixes = applyAllFixes(log);
      const fromMigrate = await migrateAfter(dir);
      expect([...fromFixes.keys()].sort()).toEqual([...fromMigrate.keys()].sort());
      expect([...fromFixes.keys()]).toContain(join(dir, manifest));
      for (const [path, after] of fromMigrate) expect(fromFixes.get(path), path).toBe(after);
    });
  }

  it('a blocked application gets no fix, though its legacy clients are reported', async () => {
    for (const lang of ['java', 'python']) {
      const dir = join(SAMPLES, lang, 'blocked-reencrypt');
      const log = JSON.parse(await cliReport([dir, '--format', 'sarif'])) as SarifLog;
      expect(validate(log)).toBe(true);
      const results = log.runs[0].results;
      expect(results.some((r) => r.ruleId === 'legacy-kms-client')).toBe(true);
      expect(results.some((r) => r.ruleId === 'blocked-kms-api')).toBe(true);
      expect(results.filter((r) => r.fixes || r.properties?.fixNote)).toEqual([]);
      expect((await migrate({ paths: [dir] })).changes).toEqual([]);
    }
  });

  it('--no-fixes leaves fixes out of SARIF', async () => {
    const dir = join(SAMPLES, 'java/seed-encrypt');
    const log = JSON.parse(await cliReport([dir, '--format', 'sarif', '--no-fixes'])) as SarifLog;
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(log.runs[0].results.filter((r) => r.fixes)).toEqual([]);
  });

  it('JSON carries fixes only with --fixes, with paths relative to the scan root', async () => {
    const dir = join(SAMPLES, 'python/seed-encrypt');
    const plain = JSON.parse(await cliReport([dir, '--format', 'json'])) as { findings: Finding[] };
    expect(plain.findings.length).toBeGreaterThan(0);
    expect(plain.findings.filter((f) => f.fix)).toEqual([]);

    const withFixes = JSON.parse(await cliReport([dir, '--format', 'json', '--fixes'])) as {
      findings: Finding[];
    };
    const fixed = withFixes.findings.filter((f) => f.fix);
    expect(fixed.map((f) => [f.ruleId, f.file])).toEqual([['legacy-kms-client', 'main.py']]);
    const fix = fixed[0].fix;
    expect(fix?.otherFiles?.map((o) => o.file)).toEqual(['requirements.txt']);
    const before = readFileSync(join(dir, 'main.py'), 'utf8');
    const after = (await migrateAfter(dir)).get(join(dir, 'main.py'));
    const replacements = (fix?.edits ?? []).map((e) => ({
      deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
      insertedContent: { text: e.text },
    }));
    expect(applyReplacements(before, replacements)).toBe(after);
  });

  it('never puts a hard-coded credential into a fix', async () => {
    const dir = join(RULES, 'hardcoded-credential/python/positive-positional');
    const sarif = await cliReport([dir, '--format', 'sarif']);
    const log = JSON.parse(sarif) as SarifLog;
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.some((r) => r.fixes)).toBe(true);
    expect(sarif).not.toMatch(/fakeSecretValueForTests|LTAI5tFakeKeyIdForTest/);
  });
});

describe('attachFixes (library)', () => {
  it('converts paths to the scan root when it is not the application directory', async () => {
    const scanned = await scan({ paths: [join(SAMPLES, 'java/seed-encrypt')], root: SAMPLES });
    const fixed = attachFixes(scanned);
    expect(scanned.findings.some((f) => f.fix)).toBe(false);
    const withFix = fixed.findings.filter((f) => f.fix);
    expect(withFix.map((f) => f.file)).toEqual(['java/seed-encrypt/Encrypt.java']);
    expect(withFix[0].fix?.otherFiles?.map((o) => o.file)).toEqual(['java/seed-encrypt/pom.xml']);
  });

  it('a file whose clients share imports and config gets one fix on its first client; the others point to it', async () => {
    const dir = join(RULES, 'legacy-kms-client/java/multipleClients/before');
    const fixed = attachFixes(await scan({ paths: [dir] }));
    const clients = fixed.findings.filter(
      (f) => f.ruleId === 'legacy-kms-client' && f.file === 'Clients.java',
    );
    expect(clients.length).toBe(4);
    const [first, ...rest] = clients;
    expect(first.fix?.edits.length).toBeGreaterThan(0);
    for (const f of rest) {
      expect(f.fix?.edits).toEqual([]);
      expect(f.fix?.title).toContain(`Included in the fix of Clients.java:${first.range.start.line}`);
    }
    const log = JSON.parse(sarifReport(fixed, tool)) as SarifLog;
    expect(validate(log)).toBe(true);
    const results = log.runs[0].results.filter(
      (r) =>
        r.ruleId === 'legacy-kms-client' &&
        r.locations[0].physicalLocation.artifactLocation.uri === 'Clients.java',
    );
    expect(results.filter((r) => r.fixes).length).toBe(1);
    expect(results.filter((r) => typeof r.properties?.fixNote === 'string').length).toBe(3);
    const fromMigrate = await migrateAfter(dir);
    const fromFixes = applyAllFixes(log);
    expect(fromMigrate.size, 'files migrate changes').toBeGreaterThan(0);
    expect([...fromFixes.keys()].sort()).toEqual([...fromMigrate.keys()].sort());
    for (const [path, after] of fromMigrate) expect(fromFixes.get(path), path).toBe(after);
  });

  it('clients whose edits do not overlap get one fix each, each correct alone; the manifest goes with the first', async () => {
    const dir = join(out, 'split');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'Two.java'),
      [
        'package com.example;',
        '',
        'import com.aliyun.dkms.gcs.openapi.models.Config;',
        'import com.aliyun.kms.KmsTransferAcsClient;',
        'import com.aliyuncs.DefaultAcsClient;',
        'import com.aliyuncs.IAcsClient;',
        'import com.aliyuncs.kms.model.v20160120.EncryptRequest;',
        'import com.aliyuncs.profile.DefaultProfile;',
        '',
        'class Two {',
        '    IAcsClient first(DefaultProfile p) {',
        '        return new DefaultAcsClient(p);',
        '    }',
        '',
        '    IAcsClient second(DefaultProfile p) {',
        '        return new DefaultAcsClient(p);',
        '    }',
        '',
        '    EncryptRequest request() {',
        '        return new EncryptRequest();',
        '    }',
        '',
        // A program, not a library (whose clients are reported, not rewritten).
        '    public static void main(String[] args) {}',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'pom.xml'), readFileSync(join(SAMPLES, 'java/seed-encrypt/pom.xml'), 'utf8'));
    const fixed = attachFixes(await scan({ paths: [dir] }));
    const clients = fixed.findings.filter((f) => f.ruleId === 'legacy-kms-client');
    expect(clients.length).toBe(2);
    const before = readFileSync(join(dir, 'Two.java'), 'utf8');
    const toReplacements = (f: Finding) =>
      (f.fix?.edits ?? []).map((e) => ({
        deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
        insertedContent: { text: e.text },
      }));
    clients.forEach((f, i) => {
      const alone = applyReplacements(before, toReplacements(f));
      // This client's method moved to the transfer client, the other method did not.
      const methods = alone.split('IAcsClient second(');
      expect(methods[i]).toContain('new KmsTransferAcsClient(');
      expect(methods[i]).not.toContain('new DefaultAcsClient(');
      expect(methods[1 - i]).toContain('new DefaultAcsClient(');
      expect(methods[1 - i]).not.toContain('new KmsTransferAcsClient(');
    });
    expect(clients[0].fix?.otherFiles?.map((o) => o.file)).toEqual(['pom.xml']);
    expect(clients[1].fix?.otherFiles).toBeUndefined();
    expect(clients[1].fix?.title).toContain(
      `pom.xml are in the fix of Two.java:${clients[0].range.start.line}`,
    );

    const log = JSON.parse(sarifReport(fixed, tool)) as SarifLog;
    expect(validate(log)).toBe(true);
    const fromMigrate = await migrateAfter(dir);
    const fromFixes = applyAllFixes(log);
    expect([...fromFixes.keys()].sort()).toEqual([...fromMigrate.keys()].sort());
    expect(fromMigrate.size, 'files migrate changes (Two.java and pom.xml)').toBe(2);
    for (const [path, after] of fromMigrate) expect(fromFixes.get(path), path).toBe(after);
  });
});
