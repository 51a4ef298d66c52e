import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract as extractJava } from '../../src/languages/java/extract.js';
import { extract as extractPython } from '../../src/languages/python/extract.js';
import { NODE_CA_RULE } from '../../src/languages/typescript/rewrite-tea-kms.js';
import { MIGRATE_RULES, migrate, migrateText } from '../../src/migrate/index.js';

// migrate takes its decisions from one scan: which apps are blocked, which constructions are KMS clients.
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-migrate-facts-'));
  temps.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const JAVA_ECS = `package demo;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Inventory {
    public static int count(DefaultProfile profile) throws Exception {
        IAcsClient ecs = new DefaultAcsClient(profile);
        return ecs.getAcsResponse(new DescribeInstancesRequest()).getTotalCount();
    }
}
`;

const JAVA_KMS = `package demo;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Sealer {
    String seal(DefaultProfile profile, String keyId, String text) throws Exception {
        IAcsClient kms = new DefaultAcsClient(profile);
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(keyId);
        request.setPlaintext(text);
        return kms.getAcsResponse(request).getCiphertextBlob();
    }
}
`;

// An application (war): a library's clients are reported, not rewritten (migrate/library-instance-config).
const POM =
  '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>demo</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0.0</version>\n  <packaging>war</packaging>\n\n  <dependencies>\n  </dependencies>\n</project>\n';

const PY_ECS = `from aliyunsdkcore.client import AcsClient
from aliyunsdkecs.request.v20140526.DescribeInstancesRequest import DescribeInstancesRequest


def instances():
    client = AcsClient(region_id="cn-hangzhou")
    return client.do_action_with_exception(DescribeInstancesRequest())
`;

const PY_KMS = `from aliyunsdkcore.client import AcsClient
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest


def seal(key_id, text):
    client = AcsClient(region_id="cn-hangzhou")
    request = EncryptRequest()
    request.set_KeyId(key_id)
    request.set_Plaintext(text)
    return client.do_action_with_exception(request)
`;

describe('migrate follows what scan reports', () => {
  it('Java: rewrites the KMS client and leaves an ECS-only client of the same application alone', async () => {
    const dir = app({ 'Inventory.java': JAVA_ECS, 'Sealer.java': JAVA_KMS });
    const r = await migrate({ paths: [dir] });
    expect(r.changes.map((c) => c.path)).toEqual([join(dir, 'Sealer.java')]);
    expect(r.changes[0].after).toContain('IAcsClient kms = new KmsTransferAcsClient(profile, kmsConfig);');
    expect(r.unrewritten).toEqual([]);
  });

  it('Python: rewrites the KMS client and leaves an ECS-only client of the same application alone', async () => {
    const dir = app({ 'inventory.py': PY_ECS, 'sealer.py': PY_KMS });
    const r = await migrate({ paths: [dir] });
    expect(r.changes.map((c) => c.path)).toEqual([join(dir, 'sealer.py')]);
    expect(r.changes[0].after).toContain('client = KmsTransferAcsClient(kms_config, region_id="cn-hangzhou"');
  });

  // The action comes from the environment: scan cannot tell which (so not "management calls only"), and
  // a CommonRequest for an instance action would block the app (see the blocked-app test below).
  it('reports a legacy KMS client scan found but no rewriter handles (Go core sdk client)', async () => {
    const dir = app({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      'main.go': `package main

import (
\t"fmt"
\t"os"

\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
)

func main() {
\tclient, err := sdk.NewClientWithAccessKey("cn-hangzhou", os.Getenv("AK"), os.Getenv("SK"))
\tif err != nil {
\t\tpanic(err)
\t}
\trequest := requests.NewCommonRequest()
\trequest.Domain = "kms.cn-hangzhou.aliyuncs.com"
\trequest.Version = "2016-01-20"
\trequest.ApiName = os.Getenv("KMS_ACTION")
\tfmt.Println(client.ProcessCommonRequest(request))
}
`,
    });
    const r = await migrate({ paths: [dir] });
    expect(r.changes).toEqual([]);
    expect(r.unrewritten.map((f) => [f.ruleId, f.severity, f.range.start.line])).toEqual([
      [MIGRATE_RULES.clientNotRewritten, 'error', 12],
    ]);
  });

  it('reports an @alicloud/kms20160120 client once, not again as an unhandled client', async () => {
    const dir = app({
      'package.json': '{ "name": "x", "dependencies": { "@alicloud/kms20160120": "1.2.0" } }\n',
      'app.ts': `import Kms, * as $Kms from '@alicloud/kms20160120';
import * as $OpenApi from '@alicloud/openapi-client';

export async function encrypt(keyId: string, text: string) {
  const client = new Kms(new $OpenApi.Config({ endpoint: 'kms.cn-hangzhou.aliyuncs.com' }));
  return client.encrypt(new $Kms.EncryptRequest({ keyId, plaintext: text }));
}
`,
    });
    const r = await migrate({ paths: [dir] });
    // The vendor's Node route: the same client on the instance endpoint, the CA given at start-up.
    expect(r.changes.map((c) => c.path)).toEqual([join(dir, 'app.ts')]);
    expect(r.changes[0].after).toContain(
      'new $OpenApi.Config({ endpoint: process.env.KMS_INSTANCE_ENDPOINT })',
    );
    expect(r.unrewritten.map((f) => [f.ruleId, f.severity])).toEqual([[NODE_CA_RULE, 'warning']]);
    expect(r.unrewritten[0].message).toContain('NODE_EXTRA_CA_CERTS="$KMS_CA_FILE" node app.js');
  });

  it('blocks on a real ReEncrypt call, at the call, with scan’s reason; --force rewrites with a warning', async () => {
    const rotate = JAVA_KMS.replace(/EncryptRequest/g, 'ReEncryptRequest').replace(
      'request.setKeyId(keyId);\n        request.setPlaintext(text);',
      'request.setDestinationKeyId(keyId);\n        request.setCiphertextBlob(text);',
    );
    const dir = app({ 'pom.xml': POM, 'Rotate.java': rotate });
    const blocked = await migrate({ paths: [dir] });
    expect(blocked.changes).toEqual([]);
    expect(blocked.unrewritten).toHaveLength(1);
    const f = blocked.unrewritten[0];
    expect([f.ruleId, f.severity, f.file.endsWith('Rotate.java')]).toEqual([
      MIGRATE_RULES.blockedApp,
      'error',
      true,
    ]);
    expect(f.range.start.line).toBeGreaterThan(1);
    expect(f.message).toMatch(/ReEncrypt.*Rotate\.java:\d+/);
    const forced = await migrate({ paths: [dir], force: true });
    expect(forced.changes.map((c) => c.path).sort()).toEqual([
      join(dir, 'Rotate.java'),
      join(dir, 'pom.xml'),
    ]);
    expect(forced.unrewritten.map((u) => [u.ruleId, u.severity])).toEqual([
      [MIGRATE_RULES.blockedApp, 'warning'],
    ]);
  });

  it('does not block on blocked action names in comments and strings', async () => {
    const commented = JAVA_KMS.replace(
      'public class Sealer {',
      '/** Rotation (ReEncrypt, client.reEncrypt(new ReEncryptRequest())) is done elsewhere. */\npublic class Sealer {\n    static final String NOTE = "ExportDataKey";',
    ).replace('return kms', 'return kms // not kms.exportDataKey(new ExportDataKeyRequest())\n            ');
    const dir = app({ 'pom.xml': POM, 'Sealer.java': commented });
    const r = await migrate({ paths: [dir] });
    expect(r.unrewritten).toEqual([]);
    expect(r.changes.map((c) => c.path).sort()).toEqual([join(dir, 'Sealer.java'), join(dir, 'pom.xml')]);
  });
});

describe('migrateText with scan facts', () => {
  it('rewrites only the clients it is given, and reports given clients it cannot rewrite', () => {
    const text = JAVA_KMS.replace(
      '        EncryptRequest request',
      '        IAcsClient other = new DefaultAcsClient(profile);\n        EncryptRequest request',
    );
    const facts = extractJava('Sealer.java', text);
    expect(facts.clients).toHaveLength(2);
    const [first, second] = facts.clients;
    const r = migrateText('Sealer.java', text, { clients: [second] });
    expect(r.after).toContain('IAcsClient kms = new DefaultAcsClient(profile);');
    expect(r.after).toContain('IAcsClient other = new KmsTransferAcsClient(profile, kmsConfig);');
    expect(r.findings).toEqual([]);
    expect(migrateText('Sealer.java', text, { clients: [] }).edits).toEqual([]);

    // A site the rewriter does not recognise as a construction: reported, never silently skipped.
    const bogus = { ...first, range: facts.imports[0].range, calleeRange: facts.imports[0].range };
    const missed = migrateText('Sealer.java', text, { clients: [bogus] });
    expect(missed.edits).toEqual([]);
    expect(missed.findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([
      [MIGRATE_RULES.clientNotRewritten, facts.imports[0].range.start.line],
    ]);
  });

  it('shifts scan offsets past a BOM', () => {
    const text = `\uFEFF${PY_KMS}`;
    const facts = extractPython('sealer.py', text);
    const r = migrateText('sealer.py', text, { clients: facts.clients });
    expect(r.findings).toEqual([]);
    expect(r.after.startsWith('\uFEFF')).toBe(true);
    expect(r.after).toContain('KmsTransferAcsClient(kms_config, region_id="cn-hangzhou"');
  });
});
