import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/typescript/extract.js';
import { resolveImportedCalls } from '../../../src/scan/imported-calls.js';

describe('TS/JS clients that travel between files', () => {
  it('records a request on a parameter, and a constructor parameter kept in this.x, as parameter calls', () => {
    const vault = extract(
      'src/vault.js',
      `export async function seal(kms, text) { return kms.request('Encrypt', { Plaintext: text }); }
class Rewrapper {
  constructor(client) { this.kms = client; }
  run(blob) { return this.kms.request('ReEncrypt', { CiphertextBlob: blob }); }
}
module.exports = Rewrapper;
`,
    );
    // The receivers are not known to be pop-core here: nothing is counted until a caller hands one over.
    expect(vault.calls).toEqual([]);
    expect(vault.paramClientCalls?.map((p) => [p.fn, p.param, p.call.action, p.counted])).toEqual([
      ['seal', 0, 'Encrypt', undefined],
      ['default', 0, 'ReEncrypt', undefined],
    ]);
  });

  it('records the clients a file hands to imported functions and classes', () => {
    const text = `import RPCClient from '@alicloud/pop-core';
import { seal } from './vault';
import Rewrapper from './rewrapper';
const client = new RPCClient({ endpoint: cfg.endpoint, apiVersion: cfg.version });
const other = new RPCClient({ endpoint: 'https://ecs.aliyuncs.com', apiVersion: '2014-05-26' });
seal(client, 'x');
new Rewrapper(client);
console.log(client);
`;
    const main = extract('src/main.ts', text);
    const at = main.clients.find((c) => c.boundTo === 'client')?.range.startOffset;
    expect(main.clientHandoffs).toEqual([
      { module: './vault', imported: 'seal', arg: 0, clientAt: at },
      { module: './rewrapper', imported: 'default', arg: 0, clientAt: at },
    ]);
  });

  it('follows await import(), a require() in a try with a fallback, and a deep import', () => {
    const dynamic = extract(
      'a.mjs',
      `const { default: RPCClient } = await import('@alicloud/pop-core');
const c = new RPCClient({ apiVersion: '2016-01-20' });`,
    );
    expect(dynamic.clients.map((c) => [c.family, c.evidence])).toEqual([['pop-core', ['api-version']]]);
    const fallback = extract(
      'b.js',
      `let Core;
try { Core = require('@alicloud/pop-core'); } catch (e) { Core = require('./vendor/pop-core'); }
const Rpc = require('@alicloud/pop-core/lib/rpc') || null;
const a = new Core({ apiVersion: '2016-01-20' });
const b = new Rpc({ endpoint: 'https://kms.cn-hangzhou.aliyuncs.com' });`,
    );
    expect(fallback.clients.map((c) => [c.boundTo, c.family])).toEqual([
      ['a', 'pop-core'],
      ['b', 'pop-core'],
    ]);
  });

  it('takes KMS evidence from a table of services that feeds a generic constructor', () => {
    const facts = extract(
      'clients.ts',
      `import RPCClient from '@alicloud/pop-core';
const SERVICES = {
  ecs: { endpoint: 'https://ecs.aliyuncs.com', apiVersion: '2014-05-26' },
  kms: { endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' },
};
export function clientFor(name) {
  const s = SERVICES[name];
  return new RPCClient({ endpoint: s.endpoint, apiVersion: s.apiVersion });
}
const kms = clientFor('kms');
kms.request('Decrypt', {});
`,
    );
    expect(facts.clients[0].evidence.sort()).toEqual(['api-version', 'kms-actions', 'kms-endpoint']);
    expect(facts.clients[0].otherProducts).toEqual([]);
    expect(facts.calls.map((c) => c.action)).toEqual(['Decrypt']);
  });

  it('joins a factory imported from another file with the calls on what it returns', () => {
    const factory = extract(
      'lib/clients.js',
      `const RPCClient = require('@alicloud/pop-core');
function createKmsClient(o) { return new RPCClient({ endpoint: o.endpoint, apiVersion: o.version }); }
module.exports = { createKmsClient };`,
    );
    const user = extract(
      'lib/secrets.js',
      `const { createKmsClient } = require('./clients');
const kms = createKmsClient(cfg);
exports.read = (n) => kms.request('GetSecretValue', { SecretName: n });`,
    );
    expect(factory.clients[0].evidence).toEqual([]);
    const { files, calledForKms } = resolveImportedCalls([factory, user]);
    expect([...calledForKms]).toEqual([factory.clients[0]]);
    expect(files[1].calls.map((c) => c.action)).toEqual(['GetSecretValue']);
  });

  it('joins a handoff with the parameter calls of the function it reaches, and not a client for another product', () => {
    const vault = extract(
      'src/vault.js',
      `exports.seal = function (kms, t) { return kms.request('Encrypt', {}); };`,
    );
    const main = extract(
      'src/main.js',
      `const RPCClient = require('@alicloud/pop-core');
const { seal } = require('./vault');
const kms = new RPCClient({ endpoint: cfg.endpoint, apiVersion: cfg.version });
const ecs = new RPCClient({ endpoint: 'https://ecs.aliyuncs.com', apiVersion: cfg.version });
seal(kms, 'a');
seal(ecs, 'b');`,
    );
    const { files, calledForKms } = resolveImportedCalls([vault, main]);
    expect([...calledForKms].map((c) => c.boundTo)).toEqual(['kms']);
    expect(files[0].calls.map((c) => c.action)).toEqual(['Encrypt']);
  });
});
