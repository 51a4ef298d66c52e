import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';

const root = mkdtempSync(join(tmpdir(), 'kms-sends-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function app(name: string, files: Record<string, string>): string {
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name, rel)), { recursive: true });
    writeFileSync(join(root, name, rel), body);
  }
  return join(root, name);
}

async function judge(dir: string) {
  const r = await scan({ paths: [dir], root: dir });
  const clients = r.findings.filter((f) => f.ruleId === 'legacy-kms-client');
  return { r, clients, app: r.apps[0] };
}

const STS_AND_KMS = (stsUse: string) => `package acme;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.sts.AssumeRoleRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;
public class Both {
    IAcsClient sts = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    IAcsClient kms = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    Object token() throws Exception { return sts.getAcsResponse(new AssumeRoleRequest()); }
    Object seal() throws Exception { return kms.getAcsResponse(new EncryptRequest()); }
    ${stsUse}
}
`;

describe('a client is judged by what it sends', () => {
  it('an STS-only client next to a KMS client in the same class is not a KMS client; the finding says how each was judged', async () => {
    const { clients } = await judge(
      app('same-class', { 'pom.xml': '<project/>', 'Both.java': STS_AND_KMS('') }),
    );
    expect(clients.map((f) => f.range.start.line)).toEqual([9]);
    expect(clients[0].data).toMatchObject({ judgedBy: 'requests', sentActions: ['Encrypt'], change: 'code' });
    expect(clients[0].message).toMatch(/Judged by the requests executed through `kms`: Encrypt\./);
  });

  it('a client passed on to other code may send more than its file shows: it falls back to the application', async () => {
    const { clients } = await judge(
      app('escapes', {
        'pom.xml': '<project/>',
        'Both.java': STS_AND_KMS('void share(Helper h) { h.use(sts); }'),
      }),
    );
    expect(clients.map((f) => [f.range.start.line, f.data?.judgedBy])).toEqual([
      [8, 'application'],
      [9, 'requests'],
    ]);
    expect(clients[0].message).toMatch(/could not be traced to it/);
  });

  it('a Go core client that only runs STS common requests is cleared, the one sending a KMS action is kept', async () => {
    const { clients, app: result } = await judge(
      app('go-core', {
        'go.mod': 'module example.com/x\n\ngo 1.21\n',
        'main.go': `package main

import (
\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
)

func main() {
\ta, _ := sdk.NewClientWithAccessKey("cn-hangzhou", "", "")
\tb, _ := sdk.NewClientWithAccessKey("cn-hangzhou", "", "")
\tr := requests.NewCommonRequest()
\tr.Domain = "sts.aliyuncs.com"
\tr.Version = "2015-04-01"
\tr.ApiName = "AssumeRole"
\ta.ProcessCommonRequest(r)
\tk := requests.NewCommonRequest()
\tk.Product = "Kms"
\tk.Version = "2016-01-20"
\tk.ApiName = "ListKeys"
\tb.ProcessCommonRequest(k)
}
`,
      }),
    );
    expect(clients.map((f) => [f.range.start.line, f.severity])).toEqual([[10, 'info']]);
    expect(result.verdict).toBe('no code change');
  });
});

describe('management calls only', () => {
  const pom = '<project/>';
  it('gives "no code change" with the calls listed, and migrate leaves the code', async () => {
    const dir = app('audit', {
      'pom.xml': pom,
      'Audit.java': `import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.profile.DefaultProfile;
class Audit {
    IAcsClient c = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    void run() throws Exception {
        c.getAcsResponse(new ListKeysRequest());
        c.getAcsResponse(new DescribeKeyRequest());
    }
}
`,
    });
    const { app: result, clients } = await judge(dir);
    expect(result.verdict).toBe('no code change');
    expect(result.reasons).toEqual([
      expect.stringMatching(
        /^management calls only: ListKeys \(Audit\.java:9\), DescribeKey \(Audit\.java:10\);/,
      ),
    ]);
    expect(clients.map((f) => f.severity)).toEqual(['info']);
    const { migrate } = await import('../../src/migrate/index.js');
    const m = await migrate({ paths: [dir] });
    expect(m.changes).toEqual([]);
    expect(m.unrewritten.map((f) => [f.ruleId, f.severity])).toEqual([
      ['migrate/management-calls-only', 'info'],
    ]);
  });

  it('an app whose KMS request has a dynamic action stays ready (unknown is not management-only)', async () => {
    const { app: result } = await judge(
      app('dynamic', {
        'requirements.txt': 'aliyun-python-sdk-core\n',
        'main.py': `from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest
from aliyunsdkkms.request.v20160120.ListKeysRequest import ListKeysRequest

client = AcsClient("a", "b", "cn-hangzhou")


def call(action):
    req = CommonRequest(domain="kms.cn-hangzhou.aliyuncs.com", version="2016-01-20", action_name=action)
    return client.do_action_with_exception(req)


client.do_action_with_exception(ListKeysRequest())
`,
      }),
    );
    expect(result.verdict).toBe('ready');
    expect((result.notes ?? []).join('\n')).toMatch(
      /main\.py:9: the action of this KMS request is not a literal/,
    );
  });
});
