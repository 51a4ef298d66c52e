import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/baseline/index.js';
import { scan } from '../../src/scan/index.js';
import { runScanCli } from '../cli/run-scan.js';
import { sarifValidator } from '../report/sarif-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-baseline-'));
const root = join(dir, 'app');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

const BEFORE = `package acme;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.kms.model.v20160120.ReEncryptRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;
public class Sealer {
    DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    Object rewrap() throws Exception { return client.getAcsResponse(new ReEncryptRequest()); }
    Object seal() throws Exception { return client.getAcsResponse(new EncryptRequest()); }
}
`;
// Lines above everything, the seal() call gone, a second ReEncrypt added.
const AFTER = BEFORE.replace('public class Sealer {', '// a header\n\npublic class Sealer {')
  .replace('    Object seal() throws Exception { return client.getAcsResponse(new EncryptRequest()); }\n', '')
  .replace(
    '\n}\n',
    '\n    Object again() throws Exception { return client.getAcsResponse(new ReEncryptRequest("x")); }\n}\n',
  );

const out = (name: string) => join(dir, name);
const json = (name: string) => JSON.parse(readFileSync(out(name), 'utf8'));

describe('scan --baseline / --write-baseline', () => {
  it('writes a sorted, stable baseline, and against it reports only new findings and exits by them', async () => {
    rmSync(root, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'Sealer.java'), BEFORE);
    const first = await runScanCli([
      root,
      '--format',
      'json',
      '-o',
      out('before.json'),
      '--write-baseline',
      out('b1.json'),
    ]);
    expect(first.code).toBe(1); // the ReEncrypt is an error
    await runScanCli([
      root,
      '--format',
      'sarif',
      '-o',
      out('before.sarif'),
      '--write-baseline',
      out('b2.json'),
    ]);
    expect(readFileSync(out('b2.json'), 'utf8')).toBe(readFileSync(out('b1.json'), 'utf8'));
    const written = json('b1.json');
    expect(written.kmsCodemodBaseline).toBe(1);
    const places = written.findings.map((f: { file: string; line: number }) => f.line);
    expect(places).toEqual([...places].sort((a, b) => a - b));

    // The same code against its own baseline: nothing new, exit 0.
    const same = await runScanCli([
      root,
      '--format',
      'json',
      '-o',
      out('same.json'),
      '--baseline',
      out('b1.json'),
    ]);
    expect(same.code).toBe(0);
    expect(json('same.json').findings).toEqual([]);
    expect(json('same.json').summary.baseline).toMatchObject({ new: 0, absent: 0 });

    writeFileSync(join(root, 'Sealer.java'), AFTER);
    for (const baseline of ['b1.json', 'before.json', 'before.sarif']) {
      const r = await runScanCli([
        root,
        '--format',
        'json',
        '-o',
        out('after.json'),
        '--baseline',
        out(baseline),
      ]);
      expect(r.code, baseline).toBe(1);
      const report = json('after.json');
      // Moved by two lines but unchanged: not reported. The new ReEncrypt (and its kms-action) are.
      expect(
        report.findings.map((f: { ruleId: string; range: { start: { line: number } } }) => [
          f.ruleId,
          f.range.start.line,
        ]),
      ).toEqual([
        ['blocked-kms-api', 11],
        ['kms-action', 11],
      ]);
      expect(report.summary.baseline).toEqual({ new: 2, unchanged: 3, absent: 1 });
      expect(report.summary.findings.error).toBe(1);
    }
  });

  it('marks SARIF results new, unchanged or absent (valid SARIF 2.1.0)', async () => {
    const r = await runScanCli([
      root,
      '--format',
      'sarif',
      '-o',
      out('after.sarif'),
      '--baseline',
      out('b1.json'),
    ]);
    expect(r.code).toBe(1);
    const log = json('after.sarif');
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const states = log.runs[0].results.map(
      (x: { ruleId: string; baselineState: string }) => `${x.ruleId}:${x.baselineState}`,
    );
    expect(states.sort()).toEqual(
      [
        'blocked-kms-api:new',
        'blocked-kms-api:unchanged',
        'kms-action:absent',
        'kms-action:new',
        'kms-action:unchanged',
        'legacy-kms-client:unchanged',
      ].sort(),
    );
    const absent = log.runs[0].results.find((x: { baselineState: string }) => x.baselineState === 'absent');
    expect(absent.locations[0].physicalLocation.region.startLine).toBe(9);
  });

  it('refuses, with exit 2 and what to do, a baseline it cannot use', async () => {
    writeFileSync(
      out('nofp.json'),
      JSON.stringify({ findings: [{ ruleId: 'kms-action', file: 'a', message: 'm' }] }),
    );
    writeFileSync(out('junk.json'), 'not json');
    writeFileSync(out('other.json'), '{"hello": 1}');
    const cases: [string, RegExp][] = [
      ['missing.json', /cannot read the baseline.*--write-baseline/],
      ['junk.json', /not valid JSON/],
      ['other.json', /not a kms-codemod report/],
      ['nofp.json', /have no fingerprint.*--write-baseline/],
    ];
    for (const [name, message] of cases) {
      const r = await runScanCli([root, '--baseline', out(name)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toMatch(message);
      process.exitCode = undefined;
    }
  });

  it('as a library: scan({ baseline }) takes a parsed baseline', async () => {
    const baseline = parseBaseline(json('b1.json'));
    const result = await scan({ paths: [root], root, baseline });
    expect(result.baseline).toMatchObject({ new: 2, unchanged: 3 });
    expect(result.findings.filter((f) => f.baselineState === 'unchanged')).toHaveLength(3);
    // Matching is by fingerprint alone (it holds the path): other fingerprints match nothing.
    const other = {
      ...baseline,
      entries: baseline.entries.map((e) => ({ ...e, fingerprint: `x${e.fingerprint}` })),
    };
    const moved = await scan({ paths: [root], root, baseline: other });
    expect(moved.baseline).toMatchObject({ new: 5, unchanged: 0 });
    expect(moved.baseline?.absent).toHaveLength(baseline.entries.length);
  });
});
