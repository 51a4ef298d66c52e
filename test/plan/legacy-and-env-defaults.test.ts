import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/keys/build-plan.js';
import { parseInstanceFlags } from '../../src/keys/instances.js';
import { readInventoryFile } from '../../src/keys/inventory-file.js';
import type { Plan } from '../../src/keys/plan-types.js';
import { scanRepos } from '../../src/keys/scan-apps.js';
import { extract as extractGo } from '../../src/languages/go/extract.js';
import { extract as extractJava } from '../../src/languages/java/extract.js';
import { extract as extractPython } from '../../src/languages/python/extract.js';
import { extract as extractTs } from '../../src/languages/typescript/extract.js';

// Issue 13.4: a default literal in an environment look-up is the key used wherever the variable is
// unset, so it is a key reference; and an application that still has a gateway client is never
// "no change needed".

const refs = (facts: { keyRefs: { parameter: string; envName?: string; literal?: string }[] }) =>
  facts.keyRefs.map((r) => [r.parameter, r.envName, r.literal]);

describe('default literals of environment look-ups are key references', () => {
  it('Python: os.getenv(K, d), os.environ.get(K, default=d), os.getenv(K) or d', () => {
    const facts = extractPython(
      'app.py',
      `import os
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest
a = EncryptRequest()
a.set_KeyId(os.getenv("PY_A", "key-pya"))
b = EncryptRequest()
b.set_KeyId(os.environ.get("PY_B", default="alias/py-b"))
fallback = os.getenv("PY_C") or "alias/py-c"
c = EncryptRequest()
c.set_KeyId(fallback)
d = EncryptRequest()
d.set_KeyId(os.getenv("PY_D"))
`,
    );
    expect(refs(facts)).toEqual([
      ['KeyId', 'PY_A', 'key-pya'],
      ['KeyId', 'PY_B', 'alias/py-b'],
      ['KeyId', 'PY_C', 'alias/py-c'],
      ['KeyId', 'PY_D', undefined],
    ]);
  });

  it('TS/JS: process.env.K || d and process.env.K ?? d, also through a const', () => {
    const facts = extractTs(
      'app.ts',
      `import RPCClient from '@alicloud/pop-core';
const client = new RPCClient({ accessKeyId: '', accessKeySecret: '', endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });
const viaConst = process.env.TS_C ?? 'alias/ts-c';
export async function f() {
  await client.request('Encrypt', { KeyId: process.env.TS_A || 'key-tsa', Plaintext: 'x' });
  await client.request('Encrypt', { KeyId: process.env['TS_B'] ?? 'alias/ts-b', Plaintext: 'x' });
  await client.request('Encrypt', { KeyId: viaConst, Plaintext: 'x' });
  await client.request('Encrypt', { KeyId: process.env.TS_D, Plaintext: 'x' });
}
`,
    );
    expect(refs(facts)).toEqual([
      ['KeyId', 'TS_A', 'key-tsa'],
      ['KeyId', 'TS_B', 'alias/ts-b'],
      ['KeyId', 'TS_C', 'alias/ts-c'],
      ['KeyId', 'TS_D', undefined],
    ]);
  });

  it('Java: System.getenv().getOrDefault, Optional.ofNullable(getenv).orElse, getProperty(k, d)', () => {
    const facts = extractJava(
      'App.java',
      `import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import java.util.Optional;
class App {
  void f(org.springframework.core.env.Environment env) {
    EncryptRequest a = new EncryptRequest();
    a.setKeyId(System.getenv().getOrDefault("JAVA_A", "key-javaa"));
    EncryptRequest b = new EncryptRequest();
    b.setKeyId(Optional.ofNullable(System.getenv("JAVA_B")).orElse("alias/java-b"));
    EncryptRequest c = new EncryptRequest();
    c.setKeyId(env.getProperty("kms.key-c", "alias/java-c"));
    EncryptRequest d = new EncryptRequest();
    d.setKeyId(System.getenv("JAVA_D"));
  }
}
`,
    );
    expect(facts.keyRefs.map((r) => [r.parameter, r.envName ?? r.configName, r.literal])).toEqual([
      ['KeyId', 'JAVA_A', 'key-javaa'],
      ['KeyId', 'JAVA_B', 'alias/java-b'],
      ['KeyId', 'kms.key-c', 'alias/java-c'],
      ['KeyId', 'JAVA_D', undefined],
    ]);
  });

  it('Go: os.LookupEnv / os.Getenv followed by a fallback assignment', () => {
    const facts = extractGo(
      'main.go',
      `package main

import (
	"os"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
)

func main() {
	a, ok := os.LookupEnv("GO_A")
	if !ok {
		a = "key-goa"
	}
	b := os.Getenv("GO_B")
	if b == "" {
		b = "alias/go-b"
	}
	d := os.Getenv("GO_D")
	r1 := kms.CreateEncryptRequest()
	r1.KeyId = a
	r2 := kms.CreateEncryptRequest()
	r2.KeyId = b
	r3 := kms.CreateEncryptRequest()
	r3.KeyId = d
	_, _, _ = r1, r2, r3
}
`,
    );
    expect(refs(facts)).toEqual([
      ['KeyId', 'GO_A', 'key-goa'],
      ['KeyId', 'GO_B', 'alias/go-b'],
      ['KeyId', 'GO_D', undefined],
    ]);
  });

  it('a default literal never counts as a hard-coded credential', () => {
    const facts = extractPython(
      'creds.py',
      `import os
from aliyunsdkcore.client import AcsClient
client = AcsClient(os.getenv("AK", "LTAI5tExampleExample12"), os.getenv("SK"), "cn-hangzhou")
`,
    );
    expect(facts.credentials).toEqual([]);
  });
});

// One repository: four blocked applications, one per language, each naming a movable key only as the
// default of an environment look-up; and a pop-core application that decrypts and reads a secret whose
// name it computes.
const APPS: Record<string, string> = {
  'py-blocked/requirements.txt': 'aliyun-python-sdk-core\naliyun-python-sdk-kms\n',
  'py-blocked/app.py': `import os
from aliyunsdkcore.client import AcsClient
from aliyunsdkkms.request.v20160120.ReEncryptRequest import ReEncryptRequest

client = AcsClient(os.environ["AK"], os.environ["SK"], "cn-hangzhou")
req = ReEncryptRequest()
req.set_CiphertextBlob(os.environ["BLOB"])
req.set_DestinationKeyId(os.getenv("PY_KEY", "alias/payments"))
client.do_action_with_exception(req)
`,
  'java-blocked/pom.xml': `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>j</artifactId><version>1</version>
<dependencies><dependency><groupId>com.aliyun</groupId><artifactId>aliyun-java-sdk-kms</artifactId><version>2.16.6</version></dependency></dependencies></project>
`,
  'java-blocked/src/Re.java': `import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.kms.model.v20160120.ReEncryptRequest;

public class Re {
  public static void main(String[] args) throws Exception {
    DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", System.getenv("AK"), System.getenv("SK")));
    ReEncryptRequest r = new ReEncryptRequest();
    r.setCiphertextBlob(System.getenv("BLOB"));
    r.setDestinationKeyId(System.getenv().getOrDefault("JAVA_KEY", "alias/signer"));
    client.getAcsResponse(r);
  }
}
`,
  'go-blocked/go.mod':
    'module example.com/re\n\ngo 1.21\n\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n',
  'go-blocked/main.go': `package main

import (
	"os"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
)

func main() {
	keyID, ok := os.LookupEnv("GO_KEY")
	if !ok {
		keyID = "alias/reports"
	}
	client, _ := kms.NewClientWithAccessKey("cn-hangzhou", os.Getenv("AK"), os.Getenv("SK"))
	req := kms.CreateReEncryptRequest()
	req.CiphertextBlob = os.Getenv("BLOB")
	req.DestinationKeyId = keyID
	_, _ = client.ReEncrypt(req)
}
`,
  'ts-blocked/package.json': '{ "name": "ts-blocked", "dependencies": { "@alicloud/pop-core": "1.8.0" } }\n',
  'ts-blocked/src/re.ts': `import RPCClient from '@alicloud/pop-core';

const client = new RPCClient({
  accessKeyId: process.env.AK ?? '',
  accessKeySecret: process.env.SK ?? '',
  endpoint: 'https://kms.cn-hangzhou.aliyuncs.com',
  apiVersion: '2016-01-20',
});

export async function rewrap(blob: string): Promise<unknown> {
  return client.request('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: process.env.TS_KEY || 'alias/orders' }, { method: 'POST' });
}
`,
  'secrets-node/package.json':
    '{ "name": "secrets-node", "dependencies": { "@alicloud/pop-core": "1.8.0" } }\n',
  'secrets-node/src/secrets.ts': `import RPCClient from '@alicloud/pop-core';

const client = new RPCClient({
  accessKeyId: process.env.AK ?? '',
  accessKeySecret: process.env.SK ?? '',
  endpoint: 'https://kms.cn-hangzhou.aliyuncs.com',
  apiVersion: '2016-01-20',
});

export async function open(blob: string, tenant: string): Promise<unknown> {
  await client.request('Decrypt', { CiphertextBlob: blob }, { method: 'POST' });
  return client.request('GetSecretValue', { SecretName: \`\${tenant}-db\` }, { method: 'POST' });
}
`,
};

const K = (n: number) => `key-hzz6f1a2b3c4d5e6f700${String(n).padStart(2, '0')}`;
let plan: Plan;

beforeAll(async () => {
  const repo = mkdtempSync(join(tmpdir(), 'kms-plan-legacy-'));
  for (const [file, text] of Object.entries(APPS)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), text);
  }
  const scanned = await scanRepos([repo]);
  plan = buildPlan({
    apps: scanned.apps,
    configs: scanned.configs,
    inventory: await readInventoryFile(join(import.meta.dirname, '../../fixtures/keys/inventory.json')),
    instances: parseInstanceFlags(['kst-hzz65f1a2b3c4d5e6f7']),
  });
}, 120_000);

describe('plan: legacy clients and defaults in code', () => {
  it('holds back every key a blocked application names only as an environment default', () => {
    expect(plan.apps.map((a) => [a.app, a.action])).toEqual([
      ['go-blocked', 'blocked'],
      ['java-blocked', 'blocked'],
      ['py-blocked', 'blocked'],
      ['secrets-node', 'check-config'],
      ['ts-blocked', 'blocked'],
    ]);
    const status = (id: string) => plan.keys.find((k) => k.judgement.key.keyId === id);
    expect(status(K(2))).toMatchObject({
      status: 'held-back',
      usedBy: [expect.stringMatching(/py-blocked$/)],
    });
    expect(status(K(9))).toMatchObject({
      status: 'held-back',
      usedBy: [expect.stringMatching(/java-blocked$/)],
    });
    expect(status(K(10))).toMatchObject({
      status: 'held-back',
      usedBy: [expect.stringMatching(/go-blocked$/)],
    });
    expect(status(K(1))).toMatchObject({
      status: 'held-back',
      usedBy: [expect.stringMatching(/ts-blocked$/)],
    });
    expect(plan.tickets).toEqual([]);
    const go = plan.apps.find((a) => a.app === 'go-blocked');
    expect(go?.staying[0]).toMatchObject({ keyId: K(10), value: 'alias/reports', via: ['default in code'] });
  });

  it('never says "no change needed" for an app with a gateway client whose keys it cannot tell', () => {
    const app = plan.apps.find((a) => a.app === 'secrets-node');
    expect(app?.scanVerdict).toBe('ready');
    expect(app?.action).toBe('check-config');
    expect(app?.computed).toEqual([{ at: 'secrets-node/src/secrets.ts:12', parameter: 'SecretName' }]);
    expect(app?.warnings.join('\n')).toMatch(
      /SecretName at secrets-node\/src\/secrets\.ts:12 is computed in code/,
    );
    expect(plan.checklist.map((c) => c.text).join('\n')).toMatch(
      /value computed at secrets-node\/src\/secrets\.ts:12 names for .*secrets-node/,
    );
    expect(plan.summary.apps['no-change']).toBe(0);
  });
});
