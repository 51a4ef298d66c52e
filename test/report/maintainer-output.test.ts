import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { renderText } from '../../src/migrate/report.js';
import { generatedMarker } from '../../src/model/generated.js';
import { isTestFile } from '../../src/model/test-files.js';
import { markdownReport, textReport } from '../../src/report/index.js';
import { scan } from '../../src/scan/index.js';
import { tempTrees } from '../support/temp-tree.js';

const tree = tempTrees('kms-output-');

const tool = { name: 'kms-codemod', version: '0.0.0' };
const GO_MOD =
  'module example.com/app\n\ngo 1.21\n\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n';
const LEGACY = 'github.com/aliyun/alibaba-cloud-sdk-go/services/kms';

/** A Go app blocked by many ReEncrypt calls and one ExportDataKey, with a test file using the client. */
function blockedApp(): string {
  const calls = Array.from(
    { length: 12 },
    (_, i) => `func rewrap${i}(c *kms.Client) { r := kms.CreateReEncryptRequest(); c.ReEncrypt(r) }`,
  ).join('\n');
  return tree({
    'go.mod': GO_MOD,
    'rewrap.go': `package main

import "${LEGACY}"

${calls}

func export(c *kms.Client) { r := kms.CreateExportDataKeyRequest(); c.ExportDataKey(r) }

func main() {
	c, _ := kms.NewClientWithAccessKey("cn-hangzhou", "", "")
	rewrap0(c)
	export(c)
}
`,
    'rewrap_test.go': `package main

import (
	"testing"

	"${LEGACY}"
)

func TestRewrap(t *testing.T) {
	c, _ := kms.NewClientWithAccessKey("cn-hangzhou", "", "")
	rewrap1(c)
}
`,
  });
}

describe('a blocked application: its reasons are a list, one per action', () => {
  it('groups the calls of one action into one reason', async () => {
    const dir = blockedApp();
    const result = await scan({ paths: [dir], root: dir });
    expect(result.apps[0].verdict).toBe('blocked');
    expect(result.apps[0].reasons).toEqual([
      'calls ReEncrypt at rewrap.go:5, rewrap.go:6, rewrap.go:7 and 9 more: the KMS instance does not serve it',
      'calls ExportDataKey at rewrap.go:18: the KMS instance does not serve it',
    ]);
  });

  it('markdown: a short cell with bullets, and the whole list under the application', async () => {
    const dir = blockedApp();
    const md = markdownReport(await scan({ paths: [dir], root: dir }), tool);
    const row = md.split('\n').find((l) => l.startsWith('| `.` |')) ?? '';
    expect(row).toContain('• calls ReEncrypt at rewrap.go:5');
    expect(row).toContain('<br>• calls ExportDataKey at rewrap.go:18');
    expect(row.length).toBeLessThan(400);
    expect(md).toContain('### Why\n\n- calls ReEncrypt at rewrap.go:5');
  });

  it('migrate prints the reasons under its finding, not in one long line', async () => {
    const dir = blockedApp();
    const text = renderText(await migrate({ paths: [dir] }), { color: false, showDiff: true, wrote: false });
    const line = text.split('\n').find((l) => l.includes('[migrate/blocked-app]')) ?? '';
    expect(line).toContain('2 reasons, listed below');
    expect(line.length).toBeLessThan(300);
    expect(text).toContain('\n      - calls ReEncrypt at rewrap.go:5');
    expect(text).toContain('\n      - calls ExportDataKey at rewrap.go:18');
  });
});

describe('test files are listed apart', () => {
  it('scan: text and markdown reports put test files after the code that ships', async () => {
    const dir = blockedApp();
    const result = await scan({ paths: [dir], root: dir });
    const text = textReport(result, { color: false });
    expect(text.indexOf('Test files')).toBeGreaterThan(text.indexOf('rewrap.go'));
    expect(text.indexOf('rewrap_test.go')).toBeGreaterThan(text.indexOf('Test files'));
    const md = markdownReport(result, tool);
    expect(md).toContain('### Findings in test files');
    const tests = md.slice(md.indexOf('### Findings in test files'));
    expect(tests.split('\n### ')[0]).toContain('`rewrap_test.go:');
    expect(md.slice(md.indexOf('### Findings\n'), md.indexOf('### Findings in test files'))).not.toContain(
      'rewrap_test.go',
    );
  });

  it('migrate: the files it changes, test files under their own heading', async () => {
    const dir = tree({
      'go.mod': GO_MOD,
      'app.go': `package main

import "${LEGACY}"

func New() (*kms.Client, error) {
	return kms.NewClientWithAccessKey("cn-hangzhou", "", "")
}

func main() {}
`,
      'app_test.go': `package main

import (
	"testing"

	"${LEGACY}"
)

func TestNew(t *testing.T) { var _ func() (*kms.Client, error) = New }
`,
    });
    const text = renderText(await migrate({ paths: [dir] }), { color: false, showDiff: false, wrote: false });
    const list = text.slice(text.indexOf('would change'));
    expect(list.indexOf(`would change ${join(dir, 'app.go')}`)).toBeGreaterThanOrEqual(0);
    expect(list.indexOf('test files:')).toBeGreaterThan(list.indexOf(join(dir, 'app.go')));
    expect(list.indexOf(`would change ${join(dir, 'app_test.go')}`)).toBeGreaterThan(
      list.indexOf('test files:'),
    );
  });

  it.each([
    ['store/store_test.go', true],
    ['src/test/java/com/x/VaultTest.java', true],
    ['tests/test_vault.py', true],
    ['vault_test.py', true],
    ['src/vault.spec.ts', true],
    ['__tests__/vault.js', true],
    ['store/store.go', false],
    ['src/main/java/com/x/Testing.java', false],
    ['contest.py', false],
  ])('isTestFile(%s) = %s', (path, want) => {
    expect(isTestFile(path)).toBe(want);
  });
});

describe('an already migrated application that still calls a gateway-only action gets a note', () => {
  it('Go transfer client calling DescribeKey', async () => {
    const result = await scan({ paths: ['fixtures/realworld/go/migrated-still-describes'] });
    const app = result.apps[0];
    expect(app.verdict).toBe('nothing to migrate');
    expect(app.notes).toEqual([
      'already migrated, but it still calls DescribeKey (main.go:31): the KMS instance does not serve it, so the transfer client sends it to the shared KMS OpenAPI, which keeps serving management and read calls after the keys move (only cryptographic calls on a moved key stop there one month after the move)',
    ]);
    expect(textReport(result, { color: false })).toContain(
      'note: already migrated, but it still calls DescribeKey',
    );
    expect(markdownReport(result, tool)).toContain('### Notes\n\n- already migrated');
  });
});

describe('generated files', () => {
  it.each([
    [
      '// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage pb\n',
      'Code generated by protoc-gen-go. DO NOT EDIT.',
    ],
    [
      '# Generated by the protocol buffer compiler.  DO NOT EDIT!\nimport os\n',
      'Generated by the protocol buffer compiler.  DO NOT EDIT!',
    ],
    [
      '/*\n * This file was automatically generated by openapi-generator.\n */\npackage a;\n',
      'This file was automatically generated by openapi-generator.',
    ],
    ['// @generated by tool\nexport const x = 1;\n', '@generated by tool'],
    ['"""Auto-generated file: do not edit."""\nimport os\n', 'Auto-generated file: do not edit.'],
    [
      'package a;\n\n@javax.annotation.Generated("jsonschema2pojo")\npublic class A {}\n',
      '@javax.annotation.Generated',
    ],
  ])('generatedMarker finds %j', (text, marker) => {
    expect(generatedMarker(text)).toBe(marker);
  });

  it.each([
    '// Package keys generates data keys with KMS.\npackage keys\n',
    '# The key generated by KMS is cached here.\nimport os\n',
    'package a\n\n// DO NOT EDIT this map by hand\nvar m = 1\n',
  ])('a hand-written file is not generated: %j', (text) => {
    expect(generatedMarker(text)).toBeUndefined();
  });

  it('migrate reports a legacy client in a generated file and leaves the file as it is', async () => {
    const result = await migrate({ paths: ['fixtures/realworld/python/generated-client-module'] });
    expect(result.changes).toEqual([]);
    expect(result.unrewritten.map((f) => [f.ruleId, f.severity, f.range.start.line])).toEqual([
      ['migrate/generated-file', 'error', 11],
    ]);
  });

  it('a generated wrapper nothing calls does not block; once code calls it, it does', async () => {
    const files = {
      'pom.xml': '<project><packaging>war</packaging></project>\n',
      'src/gen/Ops.java': `// Code generated by facade-gen. DO NOT EDIT.
package gen;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.ReEncryptRequest;

public class Ops {
    private final IAcsClient client;
    public Ops(IAcsClient client) { this.client = client; }
    public String rewrap(String blob, String key) throws Exception {
        ReEncryptRequest r = new ReEncryptRequest();
        r.setCiphertextBlob(blob);
        r.setDestinationKeyId(key);
        return client.getAcsResponse(r).getCiphertextBlob();
    }
}
`,
      'src/app/App.java': `package app;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.profile.DefaultProfile;
import gen.Ops;

public class App {
    public static void main(String[] args) throws Exception {
        Ops ops = new Ops(new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "", "")));
        System.out.println(ops);
    }
}
`,
    };
    const quiet = tree(files);
    const dormant = await scan({ paths: [quiet], root: quiet });
    expect(dormant.apps[0].verdict).toBe('ready');
    const finding = dormant.findings.find((f) => f.ruleId === 'blocked-kms-api');
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('generated wrapper rewrap');
    expect(dormant.apps[0].notes?.join('\n')).toContain('the generated wrapper rewrap calls ReEncrypt');

    const called = tree({
      ...files,
      'src/app/App.java': files['src/app/App.java'].replace(
        'System.out.println(ops);',
        'System.out.println(ops.rewrap(args[0], args[1]));',
      ),
    });
    const live = await scan({ paths: [called], root: called });
    expect(live.apps[0].verdict).toBe('blocked');
    expect(live.findings.find((f) => f.ruleId === 'blocked-kms-api')?.severity).toBe('error');
  });
});
