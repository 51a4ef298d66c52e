import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/model/index.js';
import { extractFile } from '../../src/scan/extract-file.js';

// Names from the scanned code are looked up in the extractors' tables; `constructor`, `toString`,
// `hasOwnProperty` and `__proto__` must be names like any other, not Object.prototype's members.
const CASES: [Language, string, string, string][] = [
  [
    'java',
    'A.java',
    'import com.aliyuncs.DefaultAcsClient;\nimport com.aliyuncs.profile.DefaultProfile;\nclass A {\n  Object c = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));\n',
    '  void f() { Object o = new constructor(); Object p = new toString(); x.constructor(1); x.hasOwnProperty(2); x.__proto__(3); }\n}\n',
  ],
  [
    'python',
    'a.py',
    'from aliyunsdkcore.client import AcsClient\nclient = AcsClient("ak", "secret", "cn-hangzhou")\n',
    'x.constructor(1)\nx.__proto__(2)\nx.hasOwnProperty(3)\nconstructor()\ntoString(client)\n',
  ],
  [
    'go',
    'a.go',
    'package main\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\nfunc g() { c, _ := kms.NewClientWithAccessKey("cn-hangzhou", "ak", "sk"); _ = c }\n',
    'func f() { x.constructor(1); constructor(2); x.hasOwnProperty(3); r.toString = 4; var y = x.__proto__ }\n',
  ],
  [
    'typescript',
    'a.ts',
    "import Kms from '@alicloud/kms20160120';\nconst c = new Kms({ accessKeyId: 'x' });\n",
    'const o = { constructor: 1, toString: 2, __proto__: null };\nc.constructor(1);\nnew toString();\n',
  ],
];

describe("names that are Object.prototype's members", () => {
  for (const [language, file, head, tail] of CASES) {
    it(`${language}: read like any other name`, async () => {
      const plain = await extractFile(file, head, language);
      const odd = await extractFile(file, head + tail, language);
      expect(plain.ok && plain.facts.clients.length).toBe(1);
      expect(odd.ok, odd.ok ? '' : odd.detail).toBe(true);
      if (!odd.ok || !plain.ok) return;
      expect(odd.facts.parseErrors).toEqual([]);
      expect(odd.facts.clients.map((c) => c.qualifiedName)).toEqual(
        plain.facts.clients.map((c) => c.qualifiedName),
      );
    });
  }
});
