import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FileFacts, languageOfPath } from '../../src/model/index.js';
import { extractFile } from '../../src/scan/extract-file.js';
import { analyzeText } from '../../src/scan/index.js';
import { mayUseSdk, mayUseSdkText } from '../../src/workspace/prefilter.js';
import { anchorsFor } from '../../src/workspace/prefilter-anchors.js';
import { PREFILTERS } from '../../src/workspace/sdk-literals.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

function sources(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((rel) => join(dir, rel))
    .filter((p) => languageOfPath(p) && statSync(p).isFile());
}

/** Whether facts hold anything a rule, a verdict or `plan` reads (imports alone do not count). */
function hasFacts(f: FileFacts): boolean {
  return (
    f.clients.length + f.calls.length + f.credentials.length + f.keyRefs.length > 0 ||
    f.usesKmsModels ||
    (f.importedClientCalls?.length ?? 0) > 0
  );
}

const GO_ECS = `package ecs

import (
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

func Describe(client *ecs.Client, id string) (*ecs.DescribeInstancesResponse, error) {
	req := ecs.CreateDescribeInstancesRequest()
	req.InstanceIds = "[\\"" + id + "\\"]"
	req.PageSize = requests.NewInteger(10)
	return client.DescribeInstances(req)
}
`;

describe('the Go prefilter (built from the extractor tables)', () => {
  it('leaves out a file that imports the SDK core for another product and names nothing the extractor reads', async () => {
    expect(mayUseSdkText('go', GO_ECS)).toBe(false);
  });

  const relevant: [string, string][] = [
    [
      'core client with literal credentials',
      'import "github.com/aliyun/alibaba-cloud-sdk-go/sdk"\nfunc c() { sdk.NewClientWithAccessKey("cn-hangzhou", "LTAI5tGoCoreFake0001", "coreSecretValue0001") }\n',
    ],
    [
      'darabonba config with literal credentials',
      'import (\n\topenapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"\n\t"github.com/alibabacloud-go/tea/tea"\n)\nvar c = &openapi.Config{AccessKeyId: tea.String("LTAI5tGoTeaFake00001"), AccessKeySecret: tea.String("teaSecretValue00001")}\n',
    ],
    [
      'common request with a KMS action',
      'import (\n\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk"\n\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"\n)\nfunc f(c *sdk.Client) {\n\tr := requests.NewCommonRequest()\n\tr.ApiName = "ReEncrypt"\n\tc.ProcessCommonRequest(r)\n}\n',
    ],
    [
      'common request with the KMS host only',
      'import (\n\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk"\n)\nfunc f() {\n\tc, _ := sdk.NewClientWithAccessKey("cn-hangzhou", ak(), sk())\n\tr := newRequest()\n\tr.Domain = "kms-vpc.cn-hangzhou.aliyuncs.com"\n\t_ = c\n}\n',
    ],
  ];
  for (const [name, body] of relevant) {
    it(`keeps a file whose facts come from the core alone: ${name}`, async () => {
      const text = `package x\n\n${body}`;
      expect(mayUseSdkText('go', text)).toBe(true);
      const outcome = await extractFile('x.go', text, 'go');
      expect(outcome.ok && hasFacts(outcome.facts)).toBe(true);
      expect((await analyzeText('x.go', text)).facts).toEqual(outcome.ok ? outcome.facts : undefined);
    });
  }

  it('decides the same from the raw bytes (anchors first) as from the text, on every fixture', () => {
    for (const path of sources(FIXTURES)) {
      const language = languageOfPath(path) ?? 'other';
      const bytes = readFileSync(path);
      expect(mayUseSdk(language, bytes), path).toBe(mayUseSdkText(language, bytes.toString('latin1')));
    }
    // Anchors cover every literal: a file holding only one of them still passes.
    for (const language of Object.keys(PREFILTERS) as (keyof typeof PREFILTERS)[]) {
      const table = PREFILTERS[language];
      for (const literal of [...table.direct, ...(table.directPatterns ?? []).map((p) => p.literal)])
        expect(mayUseSdk(language, Buffer.from(`x ${literal}('Encrypt' y`)), `${language}: ${literal}`).toBe(
          true,
        );
    }
  });

  it('anchors: every literal holds one, shared ones first', () => {
    const literals = [
      'github.com/aliyun/a-sdk/services/kms',
      'github.com/alibabacloud-go/kms-2016',
      'KmsTransferClient',
    ];
    const anchors = anchorsFor(literals);
    expect(anchors).toEqual(['github.com/ali', 'KmsTransferClient']);
    for (const l of literals) expect(anchors.some((a) => l.includes(a))).toBe(true);
  });

  it('drops no file of the fixtures that has facts (every language)', async () => {
    const dropped: string[] = [];
    for (const path of sources(FIXTURES)) {
      const language = languageOfPath(path) ?? 'other';
      const text = readFileSync(path, 'utf8');
      if (mayUseSdkText(language, text)) continue;
      const outcome = await extractFile(path, text, language);
      if (outcome.ok && hasFacts(outcome.facts)) dropped.push(path);
    }
    expect(dropped).toEqual([]);
  });
});

describe('the TS/JS prefilter', () => {
  const noSdk: [string, string][] = [
    [
      'kms.ts',
      `export const open = (b: string) => fetch(\`https://kms.cn-hangzhou.aliyuncs.com/?Action=Decrypt&CiphertextBlob=\${b}\`);\n`,
    ],
    [
      'kms.js',
      `const https = require('node:https');\nhttps.request({ hostname: \`kms.\${process.env.REGION}.aliyuncs.com\`, path: '/?Action=Encrypt&KeyId=alias/app' }).end();\n`,
    ],
  ];
  for (const [file, text] of noSdk) {
    it(`keeps a file that sends KMS requests over HTTP with no SDK: ${file}`, async () => {
      const language = languageOfPath(file) ?? 'other';
      expect(mayUseSdkText(language, text)).toBe(true);
      const outcome = await extractFile(file, text, language);
      expect(outcome.ok && outcome.facts.calls.map((c) => c.form)).toEqual(['raw-http']);
    });
  }
});
