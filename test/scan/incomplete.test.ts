import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { runCli } from '../cli/run-cli.js';
import { GBK_JAVA } from './gbk-java.js';

// Issue 13, point 1: a file that could not be read makes its application `incomplete`, never
// "nothing to migrate"; files that are not UTF-8 are read in their own encoding.

const root = mkdtempSync(join(tmpdir(), 'kms-incomplete-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function put(rel: string, body: string | Buffer): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
  return path;
}

/** Runs the scan CLI in-process: its exit code and stdout. */
const scanCli = (args: string[]) => runCli(['scan', ...args]);

describe('files that are not UTF-8', () => {
  const app = join(root, 'gbk');
  put('gbk/pom.xml', '<project><dependencies>\n</dependencies></project>\n');
  put('gbk/Main.java', iconv.encode(GBK_JAVA, 'gbk'));

  it('a GBK Java file is scanned: its legacy client and its ReEncrypt call block the application', async () => {
    const r = await scan({ paths: [app] });
    expect(r.skipped).toEqual([]);
    expect(r.files[0].encoding).toBe('gb18030');
    expect(r.apps[0]).toMatchObject({ verdict: 'blocked' });
    expect(r.findings.map((f) => `${f.ruleId}:${f.range.start.line}`)).toEqual(
      expect.arrayContaining(['legacy-kms-client:12', 'blocked-kms-api:13']),
    );
    const { code, out } = await scanCli([app]);
    expect(code).toBe(1);
    expect(out).not.toContain('nothing to migrate');
    expect(out).toContain('Read as not UTF-8: 1 file as gb18030');
  });

  it('takes the encoding from --encoding and from the config key "encoding"', async () => {
    // Forced to UTF-8 the file cannot be read: the application is incomplete, never clean.
    const forced = await scan({ paths: [app], encoding: 'utf-8' });
    expect(forced.apps[0].verdict).toBe('incomplete');
    expect(forced.apps[0].reasons[0]).toContain('could not read Main.java');
    const config = await scan({ paths: [app], config: { ignores: [], rules: {}, encoding: 'gbk' } });
    expect(config.files[0].encoding).toBe('gbk');
    expect(config.apps[0].verdict).toBe('blocked');
    const sjis = put(
      'sjis/a.py',
      iconv.encode(
        'from aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\n# 暗号化サービスのクライアント\nc = AcsClient(region_id="cn-hangzhou")\nc.do_action_with_exception(EncryptRequest())\n',
        'shift_jis',
      ),
    );
    const flagged = await scanCli([sjis, '--encoding', 'shift_jis', '--format', 'json']);
    const json = JSON.parse(flagged.out);
    expect(json.skipped).toEqual([]);
    expect(json.findings.some((f: { ruleId: string }) => f.ruleId === 'legacy-kms-client')).toBe(true);
    const bad = await scanCli([sjis, '--encoding', 'no-such-encoding']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--encoding');
  });
});

describe('files that cannot be read make their application incomplete', () => {
  put('app/requirements.txt', 'aliyun-python-sdk-core\n');
  put('app/ok.py', 'import os\n');
  // Reading /proc/self/mem at offset 0 fails with EIO, even for root: a file that cannot be read.
  symlinkSync('/proc/self/mem', join(root, 'app/unreadable.py'));
  put('big/package.json', '{}');
  put('big/bundle.js', `const Core = require('@alicloud/pop-core');\n//${'x'.repeat(300_000)}\n`);
  const n = 50_000;
  put('deep/package.json', '{}');
  put(
    'deep/deep.ts',
    `import Core from '@alicloud/pop-core';\nconst x = ${'['.repeat(n)}${']'.repeat(n)};\n`,
  );
  put('vendored/package.json', '{}');
  put('vendored/node_modules/m/index.js', "require('@alicloud/pop-core');\n");
  put('vendored/a.rb', 'puts 1\n');
  put('vendored/ok.js', 'module.exports = 1;\n');

  it('unreadable, over the size limit, too deeply nested: incomplete, with the file named', async () => {
    const r = await scan({ paths: [root], root, maxFileSize: 200_000 });
    const verdict = Object.fromEntries(r.apps.map((a) => [a.dir, a.verdict]));
    expect(verdict).toMatchObject({ app: 'incomplete', big: 'incomplete', deep: 'incomplete' });
    const reasons = Object.fromEntries(r.apps.map((a) => [a.dir, a.reasons.join('\n')]));
    expect(reasons.app).toContain('could not read app/unreadable.py');
    expect(reasons.big).toMatch(/could not read big\/bundle\.js: .*--max-file-size/);
    expect(reasons.deep).toContain('could not analyse deep/deep.ts');
    // Vendored code and languages we do not read leave the verdict as it is.
    expect(verdict.vendored).toBe('nothing to migrate');
  });

  it('the text report lists the files, and the exit code is 1 unless --allow-incomplete', async () => {
    const { code, out } = await scanCli([join(root, 'app')]);
    expect(code).toBe(1);
    expect(out).toContain('Not read (1 file; their applications are incomplete)');
    expect(out).toMatch(/unreadable\.py: cannot read \(EIO\)/);
    expect(out).not.toMatch(/^No problems/m);
    expect((await scanCli([join(root, 'app'), '--allow-incomplete'])).code).toBe(0);
  });

  it('naming the unreadable file itself exits non-zero', async () => {
    const { code, out } = await scanCli([join(root, 'app/unreadable.py')]);
    expect(code).toBe(1);
    expect(out).toContain('incomplete');
  });

  it('JSON and markdown count incomplete applications apart from clean ones', async () => {
    const file = join(root, 'r.json');
    await scanCli([join(root, 'app'), '--format', 'json', '--output', file]);
    expect(JSON.parse(readFileSync(file, 'utf8')).summary.apps).toMatchObject({
      incomplete: 1,
      nothingToMigrate: 0,
    });
  });
});

describe('a scan that reads nothing says so', () => {
  it("--ignore '**' and a tree without source files are not reported as clean", async () => {
    put('docs/README.md', '# docs\n');
    const empty = await scanCli([join(root, 'docs')]);
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('nothing was scanned');
    const ignored = await scanCli([join(root, 'gbk'), '--ignore', '**']);
    expect(ignored.code).toBe(1);
    expect(ignored.out).toMatch(/nothing was scanned: no source file was found \(\d+ path\(s\) left out/);
  });
});
