import { describe, expect, it } from 'vitest';
import { extract, syntaxErrors } from '../../../src/languages/typescript/extract.js';

const at = (text: string, r: { startOffset: number; endOffset: number }) =>
  text.slice(r.startOffset, r.endOffset);

describe('TS/JS extractor', () => {
  it('finds pop-core clients in every import form, with their KMS evidence', () => {
    const text = `import Core from '@alicloud/pop-core';
import * as NS from '@alicloud/pop-core';
import P = require('@alicloud/pop-core');
const C = require('@alicloud/pop-core');
const R = require('@alicloud/pop-core').RPCClient;
const { RPCClient: Aliased } = require('@alicloud/pop-core');
const a = new Core({ apiVersion: '2016-01-20' });
const b = new NS.RPCClient({ endpoint: 'https://kms-vpc.cn-shanghai.aliyuncs.com' });
const c = new P({ endpoint: \`https://kms.\${region}.aliyuncs.com\` });
const d = new C({});
const e = new R({});
const f = new Aliased({});
const g = new (require('@alicloud/pop-core'))({});
const h = new (require('@alicloud/pop-core').RPCClient)({});
const roa = new NS.ROAClient({});
d.request('decrypt', {});
`;
    const facts = extract('a.ts', text);
    expect(facts.clients.map((c) => c.boundTo)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(facts.clients.every((c) => c.family === 'pop-core')).toBe(true);
    const ev = Object.fromEntries(facts.clients.map((c) => [c.boundTo, c.evidence]));
    expect(ev.a).toEqual(['api-version']);
    expect(ev.b).toEqual(['kms-endpoint']);
    expect(ev.c).toEqual(['kms-endpoint']);
    expect(ev.d).toEqual(['kms-actions']);
    expect(ev.e).toEqual([]);
    expect(facts.calls).toEqual([
      expect.objectContaining({ action: 'Decrypt', form: 'pop-core-request', receiver: 'd' }),
    ]);
    const a = facts.clients[0];
    expect(at(text, a.range)).toBe("new Core({ apiVersion: '2016-01-20' })");
    expect(at(text, a.calleeRange)).toBe('Core');
    expect(at(text, a.argsRange)).toBe("({ apiVersion: '2016-01-20' })");
    expect(a.args.find((x) => x.name === 'apiVersion')?.literal).toBe('2016-01-20');
    expect(facts.imports.map((i) => i.module)).toEqual(Array(6).fill('@alicloud/pop-core'));
    expect(facts.imports[4].names).toEqual([{ imported: 'RPCClient', local: 'R' }]);
  });

  it('keeps UTF-16 offsets with non-ASCII text before the client', () => {
    const text =
      "// 创建客户端 😀\nimport Core from '@alicloud/pop-core';\nconst k = new Core({ apiVersion: '2016-01-20' });\n";
    const [c] = extract('x.ts', text).clients;
    expect(at(text, c.range)).toBe("new Core({ apiVersion: '2016-01-20' })");
    expect(c.range.start).toEqual({ line: 3, column: 11 });
  });

  it('recognises tea clients, their methods and request classes, once per call', () => {
    const text = `import Kms, * as $Kms from '@alicloud/kms20160120';
class S {
  private kms = new Kms(config);
  constructor(private readonly other: Kms) {}
  run() {
    this.kms.reEncryptWithOptions(new $Kms.ReEncryptRequest({ destinationKeyId: process.env['DEST_KEY'] }), rt);
    this.other.decrypt(req);
    const r = new $Kms.ExportDataKeyRequest({ keyId: 'key-123' });
    unrelated.reEncrypt();
    passedIn.generateDataKey(new $Kms.GenerateDataKeyRequest({}));
  }
}
`;
    const f = extract('s.ts', text);
    expect(f.clients.map((c) => [c.family, c.boundTo, c.enclosingFunction ?? null])).toEqual([
      ['tea-kms', 'kms', null],
    ]);
    expect(f.calls.map((c) => `${c.action}:${c.form}:${c.receiver ?? ''}`)).toEqual([
      'ReEncrypt:client-method:kms',
      'Decrypt:client-method:other',
      'ExportDataKey:request-class:',
      'GenerateDataKey:client-method:passedIn',
    ]);
    expect(f.usesKmsModels).toBe(true);
    expect(f.keyRefs).toEqual([
      expect.objectContaining({ parameter: 'DestinationKeyId', envName: 'DEST_KEY' }),
      expect.objectContaining({ parameter: 'KeyId', literal: 'key-123' }),
    ]);
  });

  it('does not treat a same-named method as KMS when the file has no tea import', () => {
    const f = extract('x.ts', "import Core from '@alicloud/pop-core';\nobj.reEncrypt(x);\n");
    expect(f.calls).toEqual([]);
  });

  it('reports credential literals by location only, following same-file constants', () => {
    const text = `const Core = require('@alicloud/pop-core');
const SECRET = 'not-a-real-secret-1';
const opts = { accessKeyId: 'LTAI5tLiteral00', accessKeySecret: SECRET, securityToken: '' };
new Core(opts);
new Core({ accessKeyId: process.env.AK, accessKeySecret: '<secret>' });
`;
    const f = extract('c.js', text);
    expect(f.language).toBe('javascript');
    expect(f.credentials.map((c) => [c.role, at(text, c.range), c.sink])).toEqual([
      ['access-key-id', "'LTAI5tLiteral00'", 'Core'],
      ['access-key-secret', "'not-a-real-secret-1'", 'Core'],
    ]);
    expect(JSON.stringify(f.credentials)).not.toContain('not-a-real-secret-1');
  });

  it('marks transfer clients as already migrated', () => {
    const f = extract(
      't.ts',
      "import { KmsTransferPopClient as T } from 'kms-codemod/transfer';\nconst c = new T({});\nc.request('ReEncrypt', {});\n",
    );
    expect(f.clients.map((c) => [c.family, c.qualifiedName])).toEqual([
      ['transfer', 'kms-codemod/transfer.KmsTransferPopClient'],
    ]);
    expect(f.calls).toEqual([expect.objectContaining({ action: 'ReEncrypt', family: 'transfer' })]);
  });

  it('reports syntax errors with positions and still extracts what it can', () => {
    const text =
      "import Core from '@alicloud/pop-core';\nconst c = new Core({ apiVersion: '2016-01-20' });\nfunction (( {\n";
    expect(syntaxErrors(text).length).toBeGreaterThan(0);
    const f = extract('b.ts', text);
    expect(f.parseErrors[0].range?.start.line).toBe(3);
    expect(f.clients).toHaveLength(1);
  });

  it('parses TSX and JSX', () => {
    const f = extract(
      'v.tsx',
      "import Core from '@alicloud/pop-core';\nconst k = new Core({ apiVersion: '2016-01-20' });\nexport const V = () => <div>{String(k)}</div>;\n",
    );
    expect(f.parseErrors).toEqual([]);
    expect(f.clients).toHaveLength(1);
  });

  it("reads a V2 client's callApi by its Params: KMS's version counts, another's does not, an unknown action is unresolved", () => {
    const text = `import Kms from '@alicloud/kms20160120';
import * as $OpenApi from '@alicloud/openapi-client';
const client = new Kms(new $OpenApi.Config({ endpoint: 'kms.cn-hangzhou.aliyuncs.com' }));
const version = '2016-01-20';
const params = new $OpenApi.Params({ action: 'GenerateAndExportDataKey', version });
client.callApi(params, req, runtime);
client.callApi({ action: 'encrypt', version: '2016-01-20' }, req, runtime);
client.callApi(new $OpenApi.Params({ action: 'DescribeInstances', version: '2014-05-26' }), req, runtime);
client.callApi(new $OpenApi.Params({ action: name, version }), req, runtime);
client.callApi(paramsFromElsewhere(), req, runtime);
client.callApi(new Other({ action: 'Decrypt', version }), req, runtime);
mine.callApi(new $OpenApi.Params({ action: 'Decrypt', version }), req, runtime);
`;
    const facts = extract('a.ts', text);
    expect(facts.calls.map((c) => [c.action, c.form, c.receiver, c.range.start.line])).toEqual([
      ['GenerateAndExportDataKey', 'common-request', 'client', 6],
      ['Encrypt', 'common-request', 'client', 7],
      // \`mine\` is no client this file knows, but the file imports the KMS SDK: as doRequest.
      ['Decrypt', 'common-request', 'mine', 12],
    ]);
    expect(facts.unresolvedCalls?.map((u) => [u.range.start.line, u.reason])).toEqual([
      [9, 'the action of this callApi to KMS is not a literal'],
      [10, 'the action of this callApi to KMS is not a literal'],
      [11, 'the action of this callApi to KMS is not a literal'],
    ]);
  });
});
