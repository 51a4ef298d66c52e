import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';

const KMS_TS =
  "import Core from '@alicloud/pop-core';\nconst c = new Core({ endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });\n";
const root = mkdtempSync(join(tmpdir(), 'kms-bad-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, body: string | Buffer) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), body);
}

describe('bad input is reported and skipped, and the scan goes on', () => {
  put('good.ts', KMS_TS);
  put(
    'binary.ts',
    Buffer.concat([Buffer.from("import '@alicloud/pop-core';"), Buffer.from([0, 1, 2, 0xff])]),
  );
  put('huge.ts', `${KMS_TS}//${'x'.repeat(3 * 1024 * 1024)}\n`);
  put('latin1.ts', Buffer.concat([Buffer.from(KMS_TS), Buffer.from('// caf\xe9\n', 'latin1')]));
  put('broken.ts', `${KMS_TS}function (((( {\n  const = ;\n`);
  put(
    'deep/nested/ok.js',
    "const Core = require('@alicloud/pop-core');\nnew Core({ apiVersion: '2016-01-20' });\n",
  );
  symlinkSync(root, join(root, 'deep', 'loop'));

  it('skips huge files and symlink loops with reasons, reads Latin-1 and NUL bytes; analyses broken files where possible', async () => {
    const r = await scan({ paths: [root], root });
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.file, s.reason]));
    expect(reasons).toEqual({
      'huge.ts': 'too-large',
      'deep/loop': 'symlink-loop',
    });
    const clients = r.findings.filter((f) => f.ruleId === 'legacy-kms-client').map((f) => f.file);
    expect(clients.sort()).toEqual(['broken.ts', 'deep/nested/ok.js', 'good.ts', 'latin1.ts']);
    expect(r.files.map((f) => f.file)).toContain('binary.ts');
    // The huge file was never read: the application cannot be called anything but incomplete.
    expect(r.apps.find((a) => a.dir === '.')).toMatchObject({ verdict: 'incomplete' });
    expect(r.apps[0].reasons.join('\n')).toContain('could not read huge.ts');
    expect(r.parseErrors.map((p) => p.file)).toEqual(['binary.ts', 'broken.ts']);
    expect(r.parseErrors[1].line).toBe(3);
  });

  it('--max-file-size lets the huge file in', async () => {
    const r = await scan({ paths: [root], root, maxFileSize: 8 * 1024 * 1024 });
    expect(r.skipped.some((s) => s.file === 'huge.ts')).toBe(false);
    expect(r.findings.some((f) => f.file === 'huge.ts' && f.ruleId === 'legacy-kms-client')).toBe(true);
  });
});
