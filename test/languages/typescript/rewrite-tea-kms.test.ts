import { describe, expect, it } from 'vitest';
import { MIGRATE_RULES } from '../../../src/languages/rewrite-kit/findings.js';
import { NODE_CA_RULE, OFF_INSTANCE_RULE } from '../../../src/languages/typescript/rewrite-tea-kms.js';
import { migrateText } from '../../../src/migrate/migrate-text.js';

const ESM = `import Kms from '@alicloud/kms20160120';\nimport * as $RPC from '@alicloud/rpc-client';\n`;
const CJS = `const Kms = require('@alicloud/kms20160120');\n`;

function run(file: string, text: string, opts: { endpoint?: string; caFile?: string } = {}) {
  const first = migrateText(file, text, opts);
  const second = migrateText(file, first.after, opts);
  return { ...first, secondEdits: second.edits.length, rules: first.findings.map((f) => f.ruleId) };
}

describe('@alicloud/kms20160120 clients → the instance endpoint (the vendor Node route)', () => {
  it('replaces the endpoint of a same-file $RPC.Config, once for two clients sharing it', () => {
    const r = run(
      'a.ts',
      `${ESM}const config = new $RPC.Config({\n  regionId: 'cn-hangzhou',\n  endpoint: 'kms.cn-hangzhou.aliyuncs.com',\n});\nexport const a = new Kms.default(config);\nexport const b = new Kms.default(config);\n`,
    );
    expect(r.after).toContain(`  endpoint: process.env.KMS_INSTANCE_ENDPOINT,\n});`);
    expect(r.edits).toHaveLength(1);
    expect(r.rules).toEqual([NODE_CA_RULE, NODE_CA_RULE]);
    expect(r.secondEdits).toBe(0);
  });

  it('adds a missing endpoint: inline, multi-line with and without a trailing comma, empty object', () => {
    const r = run(
      'b.js',
      `${CJS}const a = new Kms.default({ regionId: 'cn-hangzhou' });\nconst b = new Kms.default({\n  regionId: 'x', // region\n});\nconst c = new Kms.default({\n  regionId: 'x'\n});\nconst d = new Kms.default({});\n`,
    );
    expect(r.after).toBe(
      `${CJS}const a = new Kms.default({ regionId: 'cn-hangzhou', endpoint: process.env.KMS_INSTANCE_ENDPOINT });\nconst b = new Kms.default({\n  regionId: 'x', // region\n  endpoint: process.env.KMS_INSTANCE_ENDPOINT,\n});\nconst c = new Kms.default({\n  regionId: 'x',\n  endpoint: process.env.KMS_INSTANCE_ENDPOINT\n});\nconst d = new Kms.default({ endpoint: process.env.KMS_INSTANCE_ENDPOINT });\n`,
    );
    expect(r.secondEdits).toBe(0);
  });

  it('keeps CRLF, rewrites a shorthand endpoint, and writes --endpoint / --ca-file literals', () => {
    const r = run(
      'c.js',
      `${CJS}const endpoint = 'kms.cn-shanghai.aliyuncs.com';\r\nmodule.exports = new Kms.default({\r\n  endpoint,\r\n  regionId: 'x'\r\n});\r\n`,
      {
        endpoint: 'kst-abc.cryptoservice.kms.aliyuncs.com',
        caFile: '/etc/kms/ca.pem',
      },
    );
    expect(r.after).toContain(`  endpoint: 'kst-abc.cryptoservice.kms.aliyuncs.com',\r\n  regionId: 'x'\r\n`);
    expect(r.findings[0].message).toContain('NODE_EXTRA_CA_CERTS="/etc/kms/ca.pem" node app.js');
    expect(r.secondEdits).toBe(0);
  });

  it('leaves a client already on the instance alone, with an info reminder about the CA', () => {
    const r = run(
      'd.js',
      `${CJS}new Kms.default({ endpoint: 'kst-abc.cryptoservice.kms.aliyuncs.com' });\nnew Kms.default({ endpoint: process.env['KMS_INSTANCE_ENDPOINT'] });\n`,
    );
    expect(r.edits).toEqual([]);
    // An endpoint read from the environment is the project's own setting: a configuration change.
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      [NODE_CA_RULE, 'info'],
      [MIGRATE_RULES.configurationChange, 'info'],
    ]);
    expect(r.findings[1].message).toMatch(
      /set the environment variable KMS_INSTANCE_ENDPOINT to the instance endpoint .* and NODE_EXTRA_CA_CERTS/,
    );
  });

  it("never replaces the project's own endpoint setting: a configuration change, the code left as it is", () => {
    const r = run(
      'f.ts',
      `${ESM}export function make(endpoint: string) {\n  return new Kms.default({ endpoint, regionId: 'cn-hangzhou' });\n}\nexport const b = new Kms.default(new $RPC.Config({ endpoint: settings.kms.endpoint }));\ndeclare const settings: { kms: { endpoint: string } };\nexport const c = new Kms.default({ endpoint: process.env.KMS_ENDPOINT ?? 'kms.cn-hangzhou.aliyuncs.com' });\n`,
    );
    expect(r.edits).toEqual([]);
    expect(r.rules).toEqual(Array(3).fill(MIGRATE_RULES.configurationChange));
    const messages = r.findings.map((f) => f.message);
    expect(messages[0]).toMatch(/set the `endpoint` parameter of make \(where its callers get it\)/);
    expect(messages[1]).toMatch(/set `settings\.kms\.endpoint` to the instance endpoint/);
    expect(messages[2]).toMatch(/set the environment variable KMS_ENDPOINT to the instance endpoint/);
  });

  it('reports configs it cannot reach in this file, each with its reason', () => {
    const r = run(
      'e.ts',
      `${ESM}import { sharedConfig } from './config.js';\nexport const a = new Kms.default(sharedConfig);\nexport function make(cfg: $RPC.Config) { return new Kms.default(cfg); }\nlet c2 = new $RPC.Config({});\nc2 = new $RPC.Config({ endpoint: 'x' });\nexport const b = new Kms.default(c2);\nexport const d = new Kms.default(loadConfig());\ndeclare function loadConfig(): $RPC.Config;\n`,
    );
    expect(r.edits).toEqual([]);
    expect(r.rules).toEqual(Array(4).fill(MIGRATE_RULES.clientNotRewritten));
    const messages = r.findings.map((f) => f.message);
    expect(messages[0]).toMatch(/imported from '\.\/config\.js'/);
    expect(messages[1]).toMatch(/parameter of make/);
    expect(messages[2]).toMatch(/`c2` is reassigned/);
    expect(messages[3]).toMatch(/loadConfig\(\)/);
    expect(r.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('does not touch pop-core or other modules named Config', () => {
    const r = run(
      'f.ts',
      `import Kms from '@alicloud/kms20160120';\nimport { Config } from './my-config.js';\nexport const a = new Kms.default(new Config({ endpoint: 'kms.cn-hangzhou.aliyuncs.com' }));\n`,
    );
    expect(r.edits).toEqual([]);
    expect(r.findings[0].message).toMatch(/not an @alicloud\/rpc-client or openapi-client Config/);
  });

  it('warns at each call the instance endpoint will not serve (management APIs, ReEncrypt via doRequest)', () => {
    const r = run(
      'g.js',
      `${CJS}class Svc {\n  constructor() {\n    this.kms = new Kms.default({ endpoint: 'kms.cn-hangzhou.aliyuncs.com' });\n  }\n  async run(req, rt) {\n    await this.kms.encrypt(req);\n    await this.kms.describeKeyEx(req, rt);\n    await this.kms.listKeys(req);\n    await this.kms.doRequest('ReEncrypt', 'HTTPS', 'POST', '2016-01-20', 'AK', {}, null, rt);\n    await other.describeKey(req);\n  }\n}\n`,
    );
    expect(r.findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([
      [NODE_CA_RULE, 4],
      [OFF_INSTANCE_RULE, 8],
      [OFF_INSTANCE_RULE, 9],
      [OFF_INSTANCE_RULE, 10],
    ]);
    expect(r.findings[1].message).toMatch(/^DescribeKey is a management API/);
    expect(r.findings[3].message).toMatch(/^ReEncrypt is not served/);
  });

  it("reads a callApi's Params: a management action or ReEncrypt warns, a crypto action and another product's do not, an unknown action warns", () => {
    const r = run(
      'h.ts',
      `${ESM}import * as $OpenApi from '@alicloud/openapi-client';
const kms = new Kms.default(new $RPC.Config({ endpoint: 'kms.cn-hangzhou.aliyuncs.com' }));
export async function go(req: any, rt: any, helper: () => any) {
  const params = new $OpenApi.Params({ action: 'DescribeKey', version: '2016-01-20' });
  await kms.callApi(params, req, rt);
  await kms.callApi(new $OpenApi.Params({ action: 'Decrypt', version: '2016-01-20' }), req, rt);
  const action = 'ReEncrypt';
  await kms.callApi({ action, version: '2016-01-20' }, req, rt);
  await kms.callApi(new $OpenApi.Params({ action: 'DescribeInstances', version: '2014-05-26' }), req, rt);
  await kms.callApi(helper(), req, rt);
}
`,
    );
    expect(r.findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([
      [NODE_CA_RULE, 4],
      [OFF_INSTANCE_RULE, 7],
      [OFF_INSTANCE_RULE, 10],
      [OFF_INSTANCE_RULE, 12],
    ]);
    expect(r.findings[1].message).toMatch(/^DescribeKey is a management API/);
    expect(r.findings[2].message).toMatch(/^ReEncrypt is not served/);
    expect(r.findings[3].message).toMatch(/^this callApi does not show which action it sends/);
    expect(r.secondEdits).toBe(0);
  });
});
