import { describe, expect, it } from 'vitest';
import { MIGRATE_RULES, migrateText } from '../../src/migrate/index.js';

const JAVA =
  'class A {\n  IAcsClient c() {\n    return new com.aliyuncs.DefaultAcsClient("cn-hangzhou");\n  }\n}\n';

describe('migrateText (one in-memory file)', () => {
  it('rewrites a buffer and is idempotent', () => {
    const first = migrateText('A.java', JAVA);
    expect(first.after).toContain('return new KmsTransferAcsClient("cn-hangzhou", kmsConfig);');
    expect(first.needs).toEqual(['java-transfer']);
    expect(migrateText('A.java', first.after).edits).toEqual([]);
  });

  it('leaves files without a legacy client and unknown languages alone', () => {
    expect(migrateText('A.java', 'class A {}\n').edits).toEqual([]);
    expect(migrateText('notes.txt', 'new DefaultAcsClient(p)').edits).toEqual([]);
  });

  it('keeps a BOM first and edits after it', () => {
    const r = migrateText(
      'a.py',
      '\uFEFFfrom aliyunsdkcore.client import AcsClient\nc = AcsClient("a", "b", "cn-hangzhou")\n',
    );
    expect(
      r.after.startsWith(
        '\uFEFFimport os\n\nfrom alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient\nfrom aliyunsdkcore.client import AcsClient\n',
      ),
    ).toBe(true);
  });

  it('refuses a rewrite that would not re-parse, leaving the text untouched', () => {
    const r = migrateText('A.java', JAVA, {
      rewriter: () => ({
        edits: [{ start: JAVA.lastIndexOf('}'), end: JAVA.length, text: '' }],
        findings: [],
        needs: [],
      }),
    });
    expect(r.after).toBe(JAVA);
    expect(r.edits).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual([MIGRATE_RULES.reparseFailed]);
    expect(r.findings[0].message).toMatch(/A\.java: the rewritten file would not parse/);
  });

  it('refuses overlapping edits and survives a failing rewriter', () => {
    const overlap = migrateText('A.java', JAVA, {
      rewriter: () => ({
        edits: [
          { start: 0, end: 5, text: 'x' },
          { start: 3, end: 8, text: 'y' },
        ],
        findings: [],
        needs: [],
      }),
    });
    expect(overlap.after).toBe(JAVA);
    expect(overlap.findings[0].message).toMatch(/conflicting edits/);
    const thrown = migrateText('A.java', JAVA, {
      rewriter: () => {
        throw new Error('boom');
      },
    });
    expect(thrown.after).toBe(JAVA);
    expect(thrown.findings[0].message).toMatch(/rewriter failed \(boom\)/);
  });

  it('Python: inserts config and imports at any nesting depth', () => {
    const text = [
      'def outer():',
      '    def inner():',
      '        try:',
      '            from aliyunsdkcore.client import AcsClient',
      '        except ImportError:',
      '            return None',
      '        return AcsClient(region_id="cn-hangzhou")',
      '    return inner()',
      '',
    ].join('\n');
    const r = migrateText('n.py', text);
    // No module-level imports: all of them join the legacy import's group, in isort's order.
    expect(r.after).toContain(
      '        try:\n            import os\n            from alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient\n            from aliyunsdkcore.client import AcsClient\n            from openapi.models import Config\n        except ImportError:',
    );
    expect(r.after).toContain('        kms_config = Config(\n            protocol="https",');
    expect(r.after).toContain(
      '        return KmsTransferAcsClient(kms_config, region_id="cn-hangzhou", verify=os.getenv("KMS_CA_FILE"))',
    );
  });

  it('Python: an existing Config name gets an alias, and verify=False is reported', () => {
    const text =
      'from app.settings import Config\nfrom aliyunsdkcore.client import AcsClient\nc = AcsClient("a", "b", "r", verify=False)\n';
    const r = migrateText('c.py', text);
    expect(r.after).toContain('from openapi.models import Config as KmsInstanceConfig');
    expect(r.after).toContain('kms_config = KmsInstanceConfig(');
    expect(r.findings.map((f) => f.ruleId)).toEqual([MIGRATE_RULES.tlsDisabled]);
    // Its notes carry the same line-independent fingerprints as scan's findings.
    const shifted = migrateText('c.py', `# header\n\n${text}`);
    expect(r.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(shifted.findings[0].fingerprint).toBe(r.findings[0].fingerprint);
  });

  it('never writes the password as a literal, even when asked for literals', () => {
    const r = migrateText('A.java', JAVA, {
      endpoint: 'kst.example:8443',
      clientKeyFile: '/k.json',
      caFile: '/ca.pem',
    });
    expect(r.after).toContain('.setEndpoint("kst.example:8443")');
    expect(r.after).toContain('.setPassword(System.getenv("KMS_CLIENT_KEY_PASSWORD"))');
  });

  it('Go: a file of a module that retypes its client changes its types only', () => {
    const text =
      'package p\n\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n\nfunc use(c *kms.Client) {}\n';
    expect(migrateText('u.go', text).edits).toEqual([]);
    const r = migrateText('u.go', text, { goRetype: ['legacy-core'] });
    expect(r.after).toBe(
      'package p\n\nimport (\n\tdkmstransfer "github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk"\n)\n\nfunc use(c *dkmstransfer.KmsTransferClient) {}\n',
    );
  });
});

describe('imports precede a config inserted at the same offset', () => {
  it('Python module level, right after the import', () => {
    const r = migrateText(
      'm.py',
      'from aliyunsdkcore.client import AcsClient\nc = AcsClient("a", "b", "r")\n',
    );
    expect(r.after.indexOf('import os')).toBeLessThan(r.after.indexOf('kms_config = Config('));
  });

  it('Go package level, right after a lone import', () => {
    const text =
      'package p\n\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\nvar c, _ = kms.NewClientWithAccessKey("r", "a", "s")\n';
    const r = migrateText('g.go', text);
    expect(r.after.indexOf('"os"')).toBeLessThan(r.after.indexOf('var kmsCConfig'));
    expect(r.after).not.toContain('services/kms"');
  });
});

describe('hard-coded credentials', () => {
  // Placeholder strings shaped like an AccessKey pair; not real credentials.
  const AK = 'LTAI5tFAKEFAKEFAKEFAKE00';
  const SK = 'fakeSecretValueForTestsOnly000';

  it.each([
    [
      'A.java',
      `import com.aliyuncs.DefaultAcsClient;\nclass A {\n  Object c() {\n    return new DefaultAcsClient(com.aliyuncs.profile.DefaultProfile.getProfile("cn-hangzhou", "${AK}", "${SK}"));\n  }\n}\n`,
    ],
    [
      'a.py',
      `from aliyunsdkcore.client import AcsClient\nclient = AcsClient("${AK}", "${SK}", "cn-hangzhou")\n`,
    ],
    [
      'a.go',
      `package a\n\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n\nfunc c() {\n\t_, _ = kms.NewClientWithAccessKey("cn-hangzhou", "${AK}", "${SK}")\n}\n`,
    ],
  ])('%s: never copied into the new code', (file, text) => {
    const r = migrateText(file, text);
    expect(r.edits.length).toBeGreaterThan(0);
    expect(r.after.split(AK).length - 1).toBe(1);
    expect(r.after.split(SK).length - 1).toBe(1);
    for (const e of r.edits) {
      expect(e.text).not.toContain(AK);
      expect(e.text).not.toContain(SK);
    }
  });
});

describe('Java catch (ServerException) warning', () => {
  const withCatch = (catches: string) =>
    `import com.aliyuncs.DefaultAcsClient;\nclass A {\n  String d(com.aliyuncs.profile.IClientProfile p, com.aliyuncs.kms.model.v20160120.DecryptRequest r) throws Exception {\n    com.aliyuncs.IAcsClient c = new DefaultAcsClient(p);\n    try {\n      return c.getAcsResponse(r).getPlaintext();\n    } ${catches}\n  }\n}\n`;

  it('warns when only ServerException is caught', () => {
    const r = migrateText(
      'A.java',
      withCatch('catch (com.aliyuncs.exceptions.ServerException e) { return null; }'),
    );
    expect(r.findings.map((f) => f.ruleId)).toEqual([MIGRATE_RULES.serverExceptionCatch]);
  });

  it('stays quiet when ClientException is caught too', () => {
    const r = migrateText(
      'A.java',
      withCatch('catch (ServerException e) { return null; } catch (ClientException e) { return ""; }'),
    );
    expect(r.findings).toEqual([]);
  });
});
