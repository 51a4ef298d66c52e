import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { scan } from '../../src/scan/index.js';

// Issue 13, point 2: an application migrated in part (transfer client in code, SDK missing from its
// manifest; or legacy clients left beside transfer clients) is reported by scan and finished by migrate.

const SCENARIOS = join(import.meta.dirname, '../../fixtures/rules/half-migrated');

describe('half-migrated applications', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'kms-half-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('a transfer client whose SDK pom.xml lacks: scan says ready with the reason, migrate adds the SDK', async () => {
    cpSync(join(SCENARIOS, 'java/positive-sdk-missing'), work, { recursive: true });
    const before = await scan({ paths: [work] });
    expect(before.apps[0].verdict).toBe('ready');
    expect(before.apps[0].reasons[0]).toMatch(
      /half migrated: the maven manifests lack .*kms-transfer-client/,
    );
    const check = await migrate({ paths: [work] });
    expect(check.changes.map((c) => c.file.split('/').pop())).toEqual(['pom.xml']);
    const done = await migrate({ paths: [work], write: true });
    expect(done.written.length).toBe(1);
    const pom = readFileSync(join(work, 'pom.xml'), 'utf8');
    expect(pom).toContain('<artifactId>kms-transfer-client</artifactId>');
    expect(pom).toContain('<artifactId>alibabacloud-dkms-gcs-sdk</artifactId>');
    const after = await scan({ paths: [work] });
    expect(after.apps[0].verdict).toBe('nothing to migrate');
    expect(after.findings.filter((f) => f.ruleId === 'half-migrated')).toEqual([]);
    expect((await migrate({ paths: [work] })).changes).toEqual([]);
  });

  it('the same for requirements.txt, go.mod and package.json', async () => {
    for (const [lang, manifest, wanted] of [
      ['python', 'requirements.txt', 'alibabacloud-dkms-transfer-python'],
      ['go', 'go.mod', 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk'],
      ['typescript', 'package.json', '"@kms-codemod/transfer"'],
    ]) {
      const dir = join(work, lang);
      cpSync(join(SCENARIOS, lang, 'positive-sdk-missing'), dir, { recursive: true });
      const r = await migrate({ paths: [dir], write: true });
      expect(
        r.written.map((f) => f.split('/').pop()),
        lang,
      ).toEqual([manifest]);
      expect(readFileSync(join(dir, manifest), 'utf8')).toContain(wanted);
    }
  });

  it('a legacy client left beside a transfer client is reported, then rewritten', async () => {
    cpSync(join(SCENARIOS, 'python/positive-legacy-left'), work, { recursive: true });
    const r = await scan({ paths: [work] });
    expect(r.findings.find((f) => f.ruleId === 'half-migrated')).toMatchObject({
      file: 'left.py',
      severity: 'warning',
    });
    await migrate({ paths: [work], write: true });
    expect(readFileSync(join(work, 'left.py'), 'utf8')).toContain('KmsTransferAcsClient(');
    const again = await scan({ paths: [work] });
    expect(again.findings.filter((f) => f.ruleId === 'half-migrated')).toEqual([]);
  });
});
