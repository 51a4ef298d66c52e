import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeText, scan } from '../../src/scan/index.js';

const root = mkdtempSync(join(tmpdir(), 'kms-apps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function put(rel: string, body: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), body);
}

// A Spring-style app: the client is built in a @Bean in one file, KMS requests are used in another.
put('bean-app/pom.xml', '<project/>');
put(
  'bean-app/src/main/java/acme/KmsConfig.java',
  `package acme;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.profile.DefaultProfile;
public class KmsConfig {
    @Bean
    public IAcsClient kmsClient() {
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    }
}
`,
);
put(
  'bean-app/src/main/java/acme/Sealer.java',
  `package acme;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
public class Sealer {
    private final IAcsClient client;
    public Sealer(IAcsClient client) { this.client = client; }
    public Object seal(String t) throws Exception {
        EncryptRequest r = new EncryptRequest();
        r.setPlaintext(t);
        return client.getAcsResponse(r);
    }
}
`,
);
// The same core SDK used only for ECS in another app: not a KMS client.
put('ecs-app/pom.xml', '<project/>');
put(
  'ecs-app/src/Ecs.java',
  `import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.profile.DefaultProfile;
public class Ecs {
    DefaultAcsClient c = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    DescribeInstancesRequest r = new DescribeInstancesRequest();
}
`,
);
// A Node app that is blocked, and one already migrated.
put('node-app/package.json', '{}');
put(
  'node-app/index.js',
  "const Core = require('@alicloud/pop-core');\nconst c = new Core({ apiVersion: '2016-01-20' });\nc.request('ExportDataKey', {});\nc.request('DescribeKey', {});\n",
);
put('done-app/package.json', '{"dependencies": {"kms-codemod": "^0.1.0"}}');
put(
  'done-app/index.ts',
  "import { KmsTransferPopClient } from 'kms-codemod/transfer';\nexport const c = new KmsTransferPopClient({});\n",
);

describe('application pass', () => {
  it('joins facts across the files of one application and judges each application', async () => {
    const r = await scan({ paths: [root], root });
    const verdicts = Object.fromEntries(r.apps.map((a) => [a.dir, a.verdict]));
    expect(verdicts).toEqual({
      '.': 'nothing to migrate',
      'bean-app': 'ready',
      'done-app': 'nothing to migrate',
      'ecs-app': 'nothing to migrate',
      'node-app': 'blocked',
    });
    const legacy = r.findings.filter((f) => f.ruleId === 'legacy-kms-client' && f.severity === 'warning');
    expect(legacy.map((f) => `${f.app} ${f.file}:${f.range.start.line}`)).toEqual([
      'bean-app bean-app/src/main/java/acme/KmsConfig.java:8',
      'node-app node-app/index.js:2',
    ]);
    const bean = r.apps.find((a) => a.dir === 'bean-app');
    expect(bean?.clients[0].evidence).toContain('kms-requests');
    const node = r.apps.find((a) => a.dir === 'node-app');
    expect(node?.reasons).toEqual([
      'calls ExportDataKey at node-app/index.js:3: the KMS instance does not serve it',
    ]);
    expect(node?.actions.map((u) => [u.action, u.servedBy, u.blocked])).toEqual([
      ['DescribeKey', 'gateway', false],
      ['ExportDataKey', 'gateway', true],
    ]);
  });

  it('analyzeText uses the other files of the application as context', async () => {
    const r = await scan({ paths: [join(root, 'bean-app')], root: join(root, 'bean-app') });
    const config = r.files.find((f) => f.file.endsWith('KmsConfig.java'));
    const others = r.files.filter((f) => f !== config);
    const text = `package acme;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.profile.DefaultProfile;
public class KmsConfig {
    public Object kmsClient() { return new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai")); }
}
`;
    const alone = await analyzeText('src/main/java/acme/KmsConfig.java', text);
    expect(alone.findings.filter((f) => f.ruleId === 'legacy-kms-client')).toEqual([]);
    const withContext = await analyzeText('src/main/java/acme/KmsConfig.java', text, { context: others });
    expect(
      withContext.findings.filter((f) => f.ruleId === 'legacy-kms-client').map((f) => f.range.start.line),
    ).toEqual([5]);
  });
});
