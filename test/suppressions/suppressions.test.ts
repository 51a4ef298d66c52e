import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { migrateStatus } from '../../src/cli/migrate.js';
import { migrate, migrateText } from '../../src/migrate/index.js';
import { applyEdits } from '../../src/model/index.js';
import { jsonReport, sarifReport, textReport } from '../../src/report/index.js';
import { analyzeText, scan } from '../../src/scan/index.js';
import { parseSuppressions, suppressionEdit } from '../../src/suppressions/index.js';
import { runScanCli } from '../cli/run-scan.js';
import { sarifValidator } from '../report/sarif-schema.js';

const tool = { name: 'kms-codemod', version: '9.9.9' };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-suppress-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(dir, rel), text);
  return dir;
}

const SEALER = `package acme;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.kms.model.v20160120.ReEncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Sealer {
    public Object seal() throws Exception {
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
        // kms-codemod-ignore-next-line blocked-kms-api -- dead code, removed in PR 12
        ReEncryptRequest r = new ReEncryptRequest();
        return client.getAcsResponse(r);
    }
}
`;

describe('parseSuppressions', () => {
  it('reads both directives, in each language comment syntax, with their rules and reason', () => {
    const java = parseSuppressions(
      'int a; // kms-codemod-ignore-line legacy-kms-client, blocked-kms-api -- judged\n/* kms-codemod-ignore-next-line kms-action */\nint b;\n',
      'java',
    );
    expect(
      java.map(({ kind, ruleIds, reason, targetLine }) => ({ kind, ruleIds, reason, targetLine })),
    ).toEqual([
      { kind: 'line', ruleIds: ['legacy-kms-client', 'blocked-kms-api'], reason: 'judged', targetLine: 1 },
      { kind: 'next-line', ruleIds: ['kms-action'], reason: undefined, targetLine: 3 },
    ]);
    const py = parseSuppressions(
      'x = 1  # kms-codemod-ignore-line hardcoded-credential -- test key\r\n',
      'python',
    );
    expect(py).toMatchObject([
      { kind: 'line', ruleIds: ['hardcoded-credential'], reason: 'test key', targetLine: 1 },
    ]);
    // `//` is no comment in Python, `#` none in Go; a directive in a string or mid-comment is no directive.
    expect(parseSuppressions('x = 1  // kms-codemod-ignore-line kms-action\n', 'python')).toEqual([]);
    expect(parseSuppressions('x := 1 # kms-codemod-ignore-line kms-action\n', 'go')).toEqual([]);
    expect(parseSuppressions('s := "// kms-codemod-ignore-line kms-action"\n', 'go')).toEqual([]);
    expect(parseSuppressions('// see kms-codemod-ignore-line kms-action\n', 'typescript')).toEqual([]);
    expect(parseSuppressions('// kms-codemod-ignore-line -- no rule\n', 'typescript')[0].ruleIds).toEqual([]);
  });
});

describe('suppressions in a scan', () => {
  it('mark the finding suppressed in JSON and SARIF, keep it out of the exit code, and report unused ones', async () => {
    const root = tree({
      'Sealer.java': SEALER,
      'Other.java': '// kms-codemod-ignore-next-line legacy-kms-client\nclass Other {}\n',
      'kms-codemod.config.json': '{}',
    });
    const result = await scan({ paths: [root], root });
    const blocked = result.findings.filter((f) => f.ruleId === 'blocked-kms-api');
    expect(blocked).toHaveLength(1);
    expect(blocked[0].suppressed).toEqual({
      kind: 'inline',
      line: 10,
      reason: 'dead code, removed in PR 12',
    });
    const unused = result.findings.filter((f) => f.ruleId === 'invalid-suppression');
    expect(unused.map((f) => [f.file, f.range.start.line, f.data?.problem])).toEqual([
      ['Other.java', 1, 'unused'],
    ]);

    const json = JSON.parse(jsonReport(result, tool));
    expect(
      json.findings.find((f: { ruleId: string }) => f.ruleId === 'blocked-kms-api').suppressed.reason,
    ).toBe('dead code, removed in PR 12');
    expect(json.summary.findings.suppressed).toBe(1);
    expect(json.summary.findings.error).toBe(0);
    expect(textReport(result, { color: false })).not.toMatch(/ReEncrypt blocks the move/);

    const sarif = JSON.parse(sarifReport(result, tool));
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const silenced = sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(silenced).toHaveLength(1);
    expect(silenced[0].suppressions).toEqual([
      { kind: 'inSource', justification: 'dead code, removed in PR 12' },
    ]);

    // Without the comment the ReEncrypt is an error and the scan exits 1; with it, 0.
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect((await runScanCli([root, '--format', 'json'])).code).toBe(0);
    writeFileSync(join(root, 'Sealer.java'), SEALER.replace(/ *\/\/ kms-codemod-ignore-next-line.*\n/, ''));
    expect((await runScanCli([root, '--format', 'json'])).code).toBe(1);
  });

  it('the same comments hold for one buffer (the language server)', async () => {
    const { findings } = await analyzeText('Sealer.java', SEALER);
    expect(findings.find((f) => f.ruleId === 'blocked-kms-api')?.suppressed?.line).toBe(10);
    // A blank line between the comment and the call: the comment covers the blank line only.
    const moved = SEALER.replace('removed in PR 12\n', 'removed in PR 12\n\n');
    const after = await analyzeText('Sealer.java', moved);
    expect(after.findings.find((f) => f.ruleId === 'blocked-kms-api')?.suppressed).toBeUndefined();
    expect(after.findings.filter((f) => f.ruleId === 'invalid-suppression')).toHaveLength(1);
  });
});

describe('suppressions in migrate', () => {
  it('leave a silenced client as it is and rewrite the others', async () => {
    const two = `package acme;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Two {
    DefaultAcsClient a = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    // kms-codemod-ignore-next-line legacy-kms-client -- talks to ECS; the ops team owns it
    DefaultAcsClient b = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    EncryptRequest r = new EncryptRequest();
}
`;
    const root = tree({
      'Two.java': two,
      'pom.xml': '<project>\n  <packaging>war</packaging>\n  <dependencies>\n  </dependencies>\n</project>\n',
    });
    const result = await migrate({ paths: [root] });
    const after = result.changes.find((c) => c.path.endsWith('Two.java'))?.after ?? '';
    expect(after.match(/new KmsTransferAcsClient\(/g)).toHaveLength(1);
    expect(after).toContain('DefaultAcsClient b = new DefaultAcsClient(');
    expect(result.unrewritten.filter((f) => f.ruleId === 'migrate/client-not-rewritten')).toEqual([]);
  });

  it('migrate --check stops failing for a blocked call whose migrate/blocked-app note a comment silences', async () => {
    const blocked = SEALER.replace(
      /.*kms-codemod-ignore-next-line.*\n/,
      '        // kms-codemod-ignore-next-line migrate/blocked-app -- stays on the gateway until Q3\n',
    );
    const root = tree({ 'Sealer.java': blocked, 'pom.xml': '<project/>\n' });
    const silenced = await migrate({ paths: [root] });
    expect(silenced.unrewritten.find((f) => f.ruleId === 'migrate/blocked-app')?.suppressed?.reason).toBe(
      'stays on the gateway until Q3',
    );
    expect(migrateStatus(silenced, 'check')).toBe('ok');
    // The scan still says blocked, and does not call the comment unused (only migrate reads it).
    const scanned = await scan({ paths: [root], root });
    expect(scanned.apps[0].verdict).toBe('blocked');
    expect(scanned.findings.filter((f) => f.ruleId === 'invalid-suppression')).toEqual([]);
    writeFileSync(join(root, 'Sealer.java'), blocked.replace(/.*kms-codemod-ignore-next-line.*\n/, ''));
    expect(migrateStatus(await migrate({ paths: [root] }), 'check')).toBe('failure');
  });

  it("silence migrate's own notes", () => {
    const text =
      'from aliyunsdkcore.client import AcsClient\nc = AcsClient("a", "b", "r", verify=False)  # kms-codemod-ignore-line migrate/tls-verification-off -- test rig\n';
    const r = migrateText('c.py', text);
    expect(r.findings.map((f) => [f.ruleId, f.suppressed?.reason])).toEqual([
      ['migrate/tls-verification-off', 'test rig'],
    ]);
  });
});

describe('suppressionEdit (the editor quick fix)', () => {
  it('adds an indented comment above the line, which then silences the finding', async () => {
    const text = SEALER.replace(/ *\/\/ kms-codemod-ignore-next-line.*\n/, '');
    const before = await analyzeText('Sealer.java', text);
    const finding = before.findings.find((f) => f.ruleId === 'blocked-kms-api');
    expect(finding?.suppressed).toBeUndefined();
    const edit = suppressionEdit(text, 'java', finding?.range.start.line ?? 0, 'blocked-kms-api', {
      reason: 'dead',
    });
    expect(edit?.text).toBe('        // kms-codemod-ignore-next-line blocked-kms-api -- dead\n');
    const fixed = applyEdits(text, edit ? [edit] : []);
    const after = await analyzeText('Sealer.java', fixed);
    expect(after.findings.find((f) => f.ruleId === 'blocked-kms-api')?.suppressed?.reason).toBe('dead');
    expect(after.findings.filter((f) => f.ruleId === 'invalid-suppression')).toEqual([]);
    // Already silenced: nothing to do.
    expect(
      suppressionEdit(
        fixed,
        'java',
        finding?.range.start.line ? finding.range.start.line + 1 : 0,
        'blocked-kms-api',
      ),
    ).toBeUndefined();
  });

  it("adds a rule to a comment already there, and writes Python's `#` and the file's CRLF", () => {
    const text = 'x = 1\r\n    # kms-codemod-ignore-next-line kms-action -- why\r\n    y = 2\r\n';
    const edit = suppressionEdit(text, 'python', 3, 'hardcoded-credential');
    expect(applyEdits(text, edit ? [edit] : [])).toBe(
      'x = 1\r\n    # kms-codemod-ignore-next-line kms-action, hardcoded-credential -- why\r\n    y = 2\r\n',
    );
    const fresh = suppressionEdit(text, 'python', 1, 'kms-action');
    expect(fresh).toEqual({ start: 0, end: 0, text: '# kms-codemod-ignore-next-line kms-action\r\n' });
    expect(suppressionEdit(text, 'python', 9, 'kms-action')).toBeUndefined();
    expect(suppressionEdit(text, 'other', 1, 'kms-action')).toBeUndefined();
  });
});

it('the rule README documents the comment syntax the parser reads', () => {
  const md = readFileSync(join(import.meta.dirname, '../../src/rules/invalid-suppression/README.md'), 'utf8');
  for (const m of md.matchAll(/`(kms-codemod-ignore-(?:next-)?line) <rule-id>/g)) {
    expect(parseSuppressions(`// ${m[1]} kms-action\n`, 'java')).toHaveLength(1);
  }
});
