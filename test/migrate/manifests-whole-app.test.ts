import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract as extractPython } from '../../src/languages/python/extract.js';
import { MIGRATE_RULES, migrate } from '../../src/migrate/index.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-migrate-manifests-'));
  temps.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const JAVA_KMS = `package demo;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Sealer {
    public Sealer(DefaultProfile profile) {
        this.kms = new DefaultAcsClient(profile);
    }

    private final IAcsClient kms;

    public String seal(String keyId, String text) throws Exception {
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(keyId);
        request.setPlaintext(text);
        return kms.getAcsResponse(request).getCiphertextBlob();
    }
}
`;

const PY_OPTIONAL = `try:
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest
except ImportError:  # the kms extra is not installed
    AcsClient = None


def seal(key_id, text):
    if AcsClient is None:
        raise RuntimeError("pip install store[kms]")
    client = AcsClient(region_id="cn-hangzhou")
    request = EncryptRequest()
    request.set_KeyId(key_id)
    request.set_Plaintext(text)
    return client.do_action_with_exception(request)
`;

/** The same module with plain imports: the SDK is mandatory. */
const PY_PLAIN = PY_OPTIONAL.replace(/^try:\n/m, '')
  .replace(/^except ImportError:.*\n {4}AcsClient = None\n/m, '')
  .replace(/^ {4}from/gm, 'from');

describe('whole application or nothing', () => {
  it('a manifest that cannot take the SDKs keeps the source as it was, and says which manifest and why', async () => {
    const pom =
      '<project>\n  <artifactId>app</artifactId>\n  <packaging>war</packaging>\n  <dependencies><dependency><groupId>com.aliyun</groupId><artifactId>aliyun-java-sdk-kms</artifactId><version>2.16.6</version></dependency></dependencies>\n</project>\n';
    const dir = app({ 'pom.xml': pom, 'Sealer.java': JAVA_KMS });
    const r = await migrate({ paths: [dir] });
    expect(r.changes).toEqual([]);
    expect(r.unrewritten.map((f) => [f.ruleId, f.severity])).toEqual([
      [MIGRATE_RULES.manifestRefused, 'error'],
    ]);
    const f = r.unrewritten[0];
    expect(f.file.endsWith('pom.xml')).toBe(true);
    // The finding's file is the manifest; the message does not repeat it.
    expect(f.message).toMatch(/^<\/dependencies> shares its line.*was left as it was, source included/);
    expect(f.message).not.toMatch(/pom\.xml/);
    expect(f.data).toMatchObject({ code: 'shared-line' });
  });
});

describe('several manifests of one ecosystem', () => {
  it('a pyproject.toml that only configures tools says nothing when requirements.txt takes the packages', async () => {
    const dir = app({
      'requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n',
      'pyproject.toml': '[tool.black]\nline-length = 100\n',
      'seal.py': PY_PLAIN,
    });
    const r = await migrate({ paths: [dir] });
    expect(r.unrewritten).toEqual([]);
    expect(r.changes.map((c) => c.file.split('/').pop()).sort()).toEqual(['requirements.txt', 'seal.py']);
    expect(r.reminders.filter((m) => m.includes('pyproject.toml'))).toEqual([]);
  });

  it('when no manifest lists dependencies, the application is left as it was', async () => {
    const dir = app({ 'pyproject.toml': '[tool.black]\nline-length = 100\n', 'seal.py': PY_PLAIN });
    const r = await migrate({ paths: [dir] });
    expect(r.changes).toEqual([]);
    expect(r.unrewritten.map((f) => [f.ruleId, f.data?.code])).toEqual([
      [MIGRATE_RULES.manifestRefused, 'no-dependency-list'],
    ]);
  });
});

describe('libraries', () => {
  const libPom =
    '<project>\n  <artifactId>kms-helper</artifactId>\n  <dependencies>\n  </dependencies>\n</project>\n';

  it('Java: a library client is reported with the change to make, and the code is left alone', async () => {
    const dir = app({ 'pom.xml': libPom, 'src/main/java/demo/Sealer.java': JAVA_KMS });
    const r = await migrate({ paths: [dir] });
    expect(r.changes).toEqual([]);
    expect(r.unrewritten.map((f) => f.ruleId)).toEqual([MIGRATE_RULES.libraryInstanceConfig]);
    const f = r.unrewritten[0];
    expect([f.file.endsWith('Sealer.java'), f.range.start.line]).toEqual([true, 10]);
    expect(f.message).toContain('no main class and no application plugin');
    expect(f.message).toContain('KMS_INSTANCE_ENDPOINT');
    expect(f.data?.suggestion).toMatch(
      /com\.aliyun\.dkms\.gcs\.openapi\.models\.Config kmsConfig.*new com\.aliyun\.kms\.KmsTransferAcsClient\(profile, kmsConfig\)/,
    );
  });

  it('Go: a library module with its client in an unexported field gets the library finding, not an API change', async () => {
    const dir = app({
      'go.mod':
        'module example.com/sign\n\ngo 1.21\n\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n',
      'sign.go':
        'package sign\n\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n\ntype Signer struct{ c *kms.Client }\n\nfunc New(r, a, s string) (*Signer, error) {\n\tc, err := kms.NewClientWithAccessKey(r, a, s)\n\treturn &Signer{c: c}, err\n}\n\nfunc (s *Signer) Sign(d string) error {\n\treq := kms.CreateAsymmetricSignRequest()\n\treq.Digest = d\n\t_, err := s.c.AsymmetricSign(req)\n\treturn err\n}\n',
    });
    const r = await migrate({ paths: [dir], allowApiChange: true });
    expect(r.changes).toEqual([]);
    expect(r.unrewritten.map((f) => f.ruleId)).toEqual([MIGRATE_RULES.libraryInstanceConfig]);
    expect(r.unrewritten[0].message).toContain('no package main in the Go module');
    expect(r.unrewritten[0].data?.suggestion).toMatch(
      /kmsConfig \*openapi\.Config.*dkmstransfer\.NewClientWith/,
    );
  });

  it('--allow-library-env rewrites it like an application', async () => {
    const dir = app({ 'pom.xml': libPom, 'src/main/java/demo/Sealer.java': JAVA_KMS });
    const r = await migrate({ paths: [dir], allowLibraryEnv: true });
    expect(r.unrewritten).toEqual([]);
    expect(r.changes.map((c) => c.kind).sort()).toEqual(['manifest', 'source']);
  });

  it('Python: a library takes ranges, and an optional import keeps its packages in the extra', async () => {
    const pyproject =
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "store"\nversion = "1.0.0"\ndependencies = ["requests"]\n\n[project.optional-dependencies]\nkms = ["aliyun-python-sdk-kms>=2.14"]\n';
    const dir = app({ 'pyproject.toml': pyproject, 'store/seal.py': PY_OPTIONAL });
    const held = await migrate({ paths: [dir] });
    expect(held.changes).toEqual([]);
    expect(held.unrewritten.map((f) => f.ruleId)).toEqual([MIGRATE_RULES.libraryInstanceConfig]);
    expect(held.unrewritten[0].message).toMatch(/pyproject\.toml publishes a package/);
    const r = await migrate({ paths: [dir], allowLibraryEnv: true });
    const manifest = r.changes.find((c) => c.kind === 'manifest');
    expect(manifest?.after).toContain(
      'kms = ["aliyun-python-sdk-kms>=2.14", "alibabacloud-dkms-transfer-python>=0.1.3", "alibabacloud-dkms-gcs>=1.0.2"]',
    );
    expect(manifest?.after).toContain('dependencies = ["requests"]');
  });
});

describe('optional imports', () => {
  it('Python: an import inside try/except ImportError is an optional import fact; a plain one is not', () => {
    const facts = extractPython('seal.py', `${PY_OPTIONAL}\nimport os\n`);
    expect(facts.imports.map((i) => [i.module, i.optional ?? false])).toEqual([
      ['aliyunsdkcore.client', true],
      ['aliyunsdkkms.request.v20160120.EncryptRequest', true],
      ['os', false],
    ]);
    const finallyOnly = extractPython('x.py', 'try:\n    import aliyunsdkcore\nfinally:\n    pass\n');
    expect(finallyOnly.imports[0].optional).toBeUndefined();
  });

  it('an application whose legacy SDK is not declared anywhere gets a note, not a mandatory dependency', async () => {
    const dir = app({ 'requirements.txt': 'requests==2.31.0\n', 'seal.py': PY_OPTIONAL });
    const r = await migrate({ paths: [dir] });
    expect(r.changes.map((c) => c.kind)).toEqual(['source']);
    expect(r.reminders.join('\n')).toMatch(
      /requirements\.txt: the code imports the KMS SDK only optionally.*alibabacloud-dkms-transfer-python>=0\.1\.3, alibabacloud-dkms-gcs>=1\.0\.2/,
    );
  });
});
