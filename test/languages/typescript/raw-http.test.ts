import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/typescript/extract.js';

const rawCalls = (file: string, text: string) =>
  extract(file, text)
    .calls.filter((c) => c.form === 'raw-http')
    .map((c) => ({ action: c.action, line: c.range.start.line, ...(c.key ? { key: c.key } : {}) }));

describe('TS/JS requests sent over HTTP to the KMS gateway, with no SDK', () => {
  it('finds fetch with a query string, axios params and URLSearchParams, each with its own literal key', () => {
    const text = `import axios from 'axios';
const GATEWAY = 'https://kms.cn-hangzhou.aliyuncs.com/';
export const seal = (p: string) =>
  axios.post(GATEWAY, null, { params: { Action: 'Encrypt', KeyId: 'key-abc123', Plaintext: p } });

export const open = (blob: string) => fetch(GATEWAY + '?Action=Decrypt&CiphertextBlob=' + blob);

export function rewrap(blob: string) {
  const q = new URLSearchParams();
  q.set('Action', 'ReEncrypt');
  q.set('CiphertextBlob', blob);
  return fetch(\`\${GATEWAY}?\${q}\`);
}
`;
    expect(rawCalls('kms.ts', text)).toEqual([
      { action: 'Encrypt', line: 4, key: 'key-abc123' },
      { action: 'Decrypt', line: 6 },
      { action: 'ReEncrypt', line: 10 },
    ]);
  });

  it('finds https.request to a gateway host built in a template, and keeps a substitution out of the key', () => {
    const text = `const https = require('node:https');
function call(region, keyId) {
  https.request({ hostname: \`kms.\${region}.aliyuncs.com\`, path: \`/?Action=GenerateDataKey&KeyId=\${keyId}\` }).end();
  https.request({ hostname: \`kms-vpc.\${region}.aliyuncs.com\`, path: '/?Action=DescribeKey&KeyId=alias/ops' }).end();
}
`;
    expect(rawCalls('call.js', text)).toEqual([
      { action: 'GenerateDataKey', line: 3 },
      { action: 'DescribeKey', line: 4, key: 'alias/ops' },
    ]);
  });

  it('leaves requests to another product, and a gateway URL written only in a comment', () => {
    const ecs = `// the KMS docs: https://kms.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions
import axios from 'axios';
export const regions = () =>
  axios.get('https://ecs.aliyuncs.com/', { params: { Action: 'DescribeRegions', Version: '2014-05-26' } });
`;
    expect(rawCalls('ecs.ts', ecs)).toEqual([]);
    const both = `export const regions = () => fetch('https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions');
export const open = (b: string) => fetch(\`https://kms.cn-hangzhou.aliyuncs.com/?Action=Decrypt&CiphertextBlob=\${b}\`);
`;
    expect(rawCalls('both.ts', both)).toEqual([{ action: 'Decrypt', line: 2 }]);
  });
});
