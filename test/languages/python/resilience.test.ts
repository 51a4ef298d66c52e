import { describe, expect, it } from 'vitest';
import { extract as extractGo } from '../../../src/languages/go/extract.js';
import { extract as extractJava } from '../../../src/languages/java/extract.js';
import { extract as extractPython } from '../../../src/languages/python/extract.js';
import type { FileFacts } from '../../../src/model/facts.js';

/** Deterministic PRNG so a failing input can be reproduced from its index. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEEDS: Record<string, [string, (f: string, t: string) => FileFacts]> = {
  java: [
    `import com.aliyuncs.*;\nimport com.aliyuncs.kms.model.v20160120.*;\nclass A { IAcsClient c = new DefaultAcsClient(DefaultProfile.getProfile("r", "LTAIfuzz0000", "fuzzSecret")); void f() { new ReEncryptRequest().setKeyId(System.getenv("K")); } }\n`,
    extractJava,
  ],
  python: [
    `from aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120 import ReEncryptRequest\nclass S:\n    def __init__(self):\n        self.c = AcsClient('LTAIfuzz0000', 'fuzzSecret', 'r')\n        r = ReEncryptRequest.ReEncryptRequest()\n        r.set_KeyId(os.environ['K'])\n`,
    extractPython,
  ],
  go: [
    `package main\nimport k "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\nfunc f() {\n\tc, _ := k.NewClientWithAccessKey("r", "LTAIfuzz0000", "fuzzSecret")\n\treq := k.CreateReEncryptRequest()\n\treq.KeyId = os.Getenv("K")\n\tc.ReEncryptWithCallback(req, nil)\n}\n`,
    extractGo,
  ],
};

const JUNK = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '`',
  '\\',
  '\u0000',
  '\uFFFD',
  '\uD800',
  '😀',
  '\n',
  '\t',
  ':',
  ';',
  'new ',
  'def ',
  'func ',
];

function mutate(seed: string, r: () => number, i: number): string {
  switch (i % 5) {
    case 0:
      return seed.slice(0, Math.floor(r() * seed.length));
    case 1: {
      let s = seed;
      for (let k = 0; k < 8; k++) {
        const at = Math.floor(r() * s.length);
        s = s.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + s.slice(at + 1);
      }
      return s;
    }
    case 2:
      return Array.from({ length: 200 + Math.floor(r() * 400) }, () =>
        String.fromCharCode(Math.floor(r() * 0xffff)),
      ).join('');
    case 3: {
      const depth = 500 + Math.floor(r() * 3000);
      const open = JUNK[Math.floor(r() * 6)];
      return seed.replace('r', `${open.repeat(depth)}r`);
    }
    default:
      return seed + seed.slice(Math.floor(r() * seed.length)).repeat(3);
  }
}

describe('extractors never throw on mutated input', () => {
  for (const [lang, [seed, extract]] of Object.entries(SEEDS)) {
    it(`${lang}: 150 truncated, corrupted, random and nested inputs`, () => {
      const r = rng(lang.length * 7919);
      for (let i = 0; i < 150; i++) {
        const input = mutate(seed, r, i);
        let facts: FileFacts | undefined;
        expect(() => {
          facts = extract(`fuzz-${i}.${lang}`, input);
        }, `input #${i}`).not.toThrow();
        expect(facts?.file).toBe(`fuzz-${i}.${lang}`);
        // the secret literal never leaves the file, whatever the damage
        expect(JSON.stringify(facts)).not.toContain('fuzzSecret');
        for (const c of facts?.clients ?? []) {
          expect(c.range.startOffset).toBeLessThanOrEqual(c.range.endOffset);
          expect(c.range.endOffset).toBeLessThanOrEqual(input.length);
        }
      }
    });
  }
});
