import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeText, scan } from '../../src/scan/index.js';
import { mutate, rng } from './mutate.js';

/** A KMS-using seed per language, so every mutant passes the prefilter and is really parsed. */
const SEEDS: Record<string, { file: string; text: string }> = {
  java: {
    file: 'Kms.java',
    text: `import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.kms.model.v20160120.ReEncryptRequest;
import com.aliyuncs.profile.DefaultProfile;
public class Kms {
  private final DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "LTAI5tFuzzFakeId00", "fuzzSecretValue"));
  void run() throws Exception { ReEncryptRequest r = new ReEncryptRequest(); r.setDestinationKeyId("alias/x"); client.getAcsResponse(r); }
}
`,
  },
  python: {
    file: 'kms.py',
    text: `from aliyunsdkcore.client import AcsClient
from aliyunsdkkms.request.v20160120.ReEncryptRequest import ReEncryptRequest
client = AcsClient("LTAI5tFuzzFakeId00", "fuzzSecretValue", "cn-hangzhou")
def run(text):
    request = ReEncryptRequest()
    request.set_KeyId("alias/x")
    return client.do_action_with_exception(request)
`,
  },
  go: {
    file: 'main.go',
    text: `package main
import "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
func main() {
	client, _ := kms.NewClientWithAccessKey("cn-hangzhou", "LTAI5tFuzzFakeId00", "fuzzSecretValue")
	req := kms.CreateReEncryptRequest()
	client.ReEncrypt(req)
}
`,
  },
  typescript: {
    file: 'kms.ts',
    text: `import Core from '@alicloud/pop-core';
const client = new Core({ accessKeyId: 'LTAI5tFuzzFakeId00', accessKeySecret: 'fuzzSecretValue', endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });
export async function run(blob: string): Promise<unknown> {
  return client.request('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: process.env.KEY }, { method: 'POST' });
}
`,
  },
  javascript: {
    file: 'kms.js',
    text: `const Core = require('@alicloud/pop-core');
const c = new (require('@alicloud/pop-core').RPCClient)({ endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });
c.request('encrypt', { KeyId: 'k', Plaintext: 'p' }).then(() => new Core({}));
`,
  },
  php: {
    file: 'kms.php',
    text: `<?php
use AlibabaCloud\\Client\\AlibabaCloud;
AlibabaCloud::accessKeyClient('LTAI5tFuzzFakeId00', 'fuzzSecretValue')->asDefaultClient();
$r = AlibabaCloud::rpc()->product('Kms')->action('ReEncrypt')->request();
`,
  },
};

const PER_LANGUAGE = 1000;

describe('fuzz: mutated inputs never crash or hang the analysis', () => {
  for (const [lang, seed] of Object.entries(SEEDS)) {
    it(`${lang}: ${PER_LANGUAGE} mutants`, async () => {
      const original = await analyzeText(seed.file, seed.text);
      expect(original.problem).toBeUndefined();
      expect(
        original.findings.some((f) => f.ruleId === 'blocked-kms-api' || f.ruleId === 'unsupported-runtime'),
      ).toBe(true);
      const random = rng(0xc0ffee ^ lang.length);
      let withErrors = 0;
      let reported = 0;
      for (let i = 0; i < PER_LANGUAGE; i++) {
        const text = mutate(seed.text, random, i);
        const r = await analyzeText(seed.file, text);
        if (r.problem) reported++;
        if (r.facts.parseErrors.length) withErrors++;
        for (const f of r.findings) {
          expect(f.range.start.line).toBeGreaterThanOrEqual(1);
          expect(f.message).not.toContain('fuzzSecretValue');
        }
      }
      // Most mutants are broken code: the parser must have said so (not silently produced nothing).
      if (lang !== 'php') expect(withErrors + reported).toBeGreaterThan(PER_LANGUAGE / 4);
    }, 120_000);
  }
});

describe('fuzz: a scan over broken files reports them and goes on', () => {
  const root = mkdtempSync(join(tmpdir(), 'kms-fuzz-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('still finds the intact file among 60 mutants and 20 raw-byte files', async () => {
    const random = rng(7);
    let n = 0;
    for (const [lang, seed] of Object.entries(SEEDS)) {
      for (let i = 0; i < 10; i++)
        writeFileSync(join(root, `m${n++}-${seed.file}`), mutate(seed.text, random, i + (lang.length % 5)));
    }
    // Raw random bytes spliced into the UTF-8 text: invalid UTF-8 or NULs.
    for (let i = 0; i < 20; i++) {
      const seed = Buffer.from(SEEDS.java.text);
      const at = Math.floor(random() * seed.length);
      const noise = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 16) }, () => 0x80 + Math.floor(random() * 0x80)),
      );
      if (i % 4 === 0) noise[0] = 0;
      writeFileSync(
        join(root, `raw${i}.java`),
        Buffer.concat([seed.subarray(0, at), noise, seed.subarray(at)]),
      );
    }
    writeFileSync(join(root, 'zz-intact.ts'), SEEDS.typescript.text);
    const r = await scan({ paths: [root], root });
    expect(r.findings.some((f) => f.file === 'zz-intact.ts' && f.ruleId === 'blocked-kms-api')).toBe(true);
    expect(r.stats.files).toBe(81);
    // Invalid UTF-8 is read in a detected encoding that gives back the same bytes, so it is analysed
    // like any file; NUL bytes in a file that names an SDK do not make it binary either.
    const raw = r.files.filter((f) => f.file.startsWith('raw'));
    expect(raw.length + r.skipped.filter((k) => k.file.startsWith('raw')).length).toBe(20);
    expect(raw.filter((f) => f.encoding).length).toBeGreaterThanOrEqual(15);
  }, 120_000);
});
