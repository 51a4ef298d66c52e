import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/python/extract.js';
import { syntaxErrors } from '../../../src/languages/python/parser.js';
import type { Range } from '../../../src/model/range.js';

const at = (text: string, r: Range) => text.slice(r.startOffset, r.endOffset);

const LEGACY = `# -*- coding: utf-8 -*-
import os
from aliyunsdkcore import client as c
import aliyunsdkcore.client
import aliyunsdkcore.client as core_client
from aliyunsdkcore.client import AcsClient as Acs
from aliyunsdkcore.auth.credentials import AccessKeyCredential
from aliyunsdkkms.request.v20160120 import EncryptRequest
from aliyunsdkkms.request.v20160120.ReEncryptRequest import ReEncryptRequest
from aliyunsdkcore.request import CommonRequest

KEY = os.environ['KMS_KEY_ID']
# AcsClient('in', 'comment') 中文😀
positional = c.AcsClient('LTAI5tPyExample', 'pySecretValue', 'cn-hangzhou')
keyword = Acs(ak='LTAI5tPyExample2', secret=os.getenv('SK'), region_id='cn-hangzhou')
text = "AcsClient('in string') ReEncryptRequest()"


class Svc:
    def __init__(self):
        self.k = aliyunsdkcore.client.AcsClient(region_id='cn-hangzhou', credential=AccessKeyCredential(os.environ['A'], "credSecret99"))
        self.k2 = core_client.AcsClient()

    def go(self):
        req = EncryptRequest.EncryptRequest()
        req.set_KeyId(KEY)
        r2 = ReEncryptRequest()
        r2.set_DestinationKeyId(os.environ.get("DEST"))
        cr = CommonRequest()
        cr.set_action_name('ExportDataKey')
        cr.add_query_param('KeyId', 'alias/x')
        return self.k.do_action_with_exception(req)
`;

describe('python extract: legacy AcsClient', () => {
  const facts = extract('app/kms.py', LEGACY);

  it('resolves every import form and alias to aliyunsdkcore.client.AcsClient', () => {
    expect(facts.clients.map((cl) => [at(LEGACY, cl.calleeRange), cl.boundTo, cl.enclosingFunction])).toEqual(
      [
        ['c.AcsClient', 'positional', undefined],
        ['Acs', 'keyword', undefined],
        ['aliyunsdkcore.client.AcsClient', 'self.k', '__init__'],
        ['core_client.AcsClient', 'self.k2', '__init__'],
      ],
    );
    for (const cl of facts.clients) {
      expect(cl.qualifiedName).toBe('aliyunsdkcore.client.AcsClient');
      expect(cl.family).toBe('legacy-core');
      expect(cl.evidence).toEqual(['kms-actions', 'kms-requests']);
      expect(at(LEGACY, cl.range).startsWith(at(LEGACY, cl.calleeRange))).toBe(true);
      expect(at(LEGACY, cl.argsRange).startsWith('(')).toBe(true);
    }
  });

  it('keeps positional and keyword arguments apart', () => {
    const [positional, keyword] = facts.clients;
    expect(positional.args.map((a) => [a.name, a.literal ?? a.text])).toEqual([
      [undefined, '<credential>'],
      [undefined, '<credential>'],
      [undefined, 'cn-hangzhou'],
    ]);
    expect(keyword.args.map((a) => a.name)).toEqual(['ak', 'secret', 'region_id']);
    expect(at(LEGACY, keyword.args[2].range)).toBe("region_id='cn-hangzhou'");
  });

  it('reports request classes in both import forms and CommonRequest actions', () => {
    expect(facts.calls.map((x) => [x.action, x.form, at(LEGACY, x.range)])).toEqual([
      ['Encrypt', 'request-class', 'EncryptRequest.EncryptRequest()'],
      ['ReEncrypt', 'request-class', 'ReEncryptRequest()'],
      ['ExportDataKey', 'common-request', "cr.set_action_name('ExportDataKey')"],
    ]);
  });

  it('records credential locations only', () => {
    expect(facts.credentials.map((x) => [x.role, at(LEGACY, x.range), x.sink])).toEqual([
      ['access-key-id', "'LTAI5tPyExample'", 'AcsClient'],
      ['access-key-secret', "'pySecretValue'", 'AcsClient'],
      ['access-key-id', "'LTAI5tPyExample2'", 'AcsClient'],
      ['access-key-secret', '"credSecret99"', 'AccessKeyCredential'],
    ]);
    const json = JSON.stringify(facts);
    expect(json).not.toContain('pySecretValue');
    expect(json).not.toContain('credSecret99');
  });

  it('follows key ids to environment lookups and literals', () => {
    expect(facts.keyRefs.map((k) => [k.parameter, k.envName ?? k.literal])).toEqual([
      ['KeyId', 'KMS_KEY_ID'],
      ['DestinationKeyId', 'DEST'],
      ['KeyId', 'alias/x'],
    ]);
    expect(facts.usesKmsModels).toBe(true);
    expect(facts.parseErrors).toEqual([]);
  });
});

describe('python extract: other shapes', () => {
  it('V2 tea client: methods on the client, keyword key ids, Config credentials', () => {
    const text = `from alibabacloud_kms20160120.client import Client as KmsClient
from alibabacloud_kms20160120 import models as kms_models
from alibabacloud_tea_openapi import models as open_api_models

def make():
    config = open_api_models.Config(access_key_id='LTAIteaExample', access_key_secret='teaSecret', endpoint='kms.cn-hangzhou.aliyuncs.com')
    return KmsClient(config)

async def use(client, other):
    client.re_encrypt(kms_models.ReEncryptRequest(destination_key_id='alias/new'))
    req = kms_models.EncryptRequest(key_id='key-1')
    await client.encrypt_with_options_async(req, None)
    other.re_encrypt('not a kms request')
`;
    const facts = extract('v2.py', text);
    expect(facts.clients).toMatchObject([
      {
        family: 'tea-kms',
        qualifiedName: 'alibabacloud_kms20160120.client.Client',
        evidence: ['kms-package'],
      },
    ]);
    expect(facts.calls.map((x) => [x.action, x.form, x.receiver])).toEqual([
      ['ReEncrypt', 'client-method', 'client'],
      ['Encrypt', 'client-method', 'client'],
    ]);
    expect(facts.keyRefs.map((k) => [k.parameter, k.literal])).toEqual([
      ['DestinationKeyId', 'alias/new'],
      ['KeyId', 'key-1'],
    ]);
    expect(facts.credentials.map((x) => x.role)).toEqual(['access-key-id', 'access-key-secret']);
  });

  it('transfer client is labelled, and ECS-only clients carry no KMS evidence', () => {
    const migrated = extract(
      'm.py',
      `from alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient\nclient = KmsTransferAcsClient(config, credential=cred, verify='ca.pem')\n`,
    );
    expect(migrated.clients).toMatchObject([{ family: 'transfer', constructorName: 'KmsTransferAcsClient' }]);
    const ecs = extract(
      'e.py',
      `from aliyunsdkcore.client import AcsClient\nfrom aliyunsdkecs.request.v20140526.DescribeInstancesRequest import DescribeInstancesRequest\nc = AcsClient(region_id='cn-hangzhou')\nc.do_action_with_exception(DescribeInstancesRequest())\n`,
    );
    expect(ecs.clients).toMatchObject([{ evidence: [], otherProducts: ['ecs'] }]);
    expect(ecs.calls).toEqual([]);
  });

  it('ignores AWS KMS, unrelated re_encrypt and names in comments and strings', () => {
    const text = `import boto3
# from aliyunsdkcore.client import AcsClient
kms = boto3.client('kms')
kms.re_encrypt(CiphertextBlob=b'x', DestinationKeyId='k')
doc = """AcsClient('ak', 'secret') ReEncryptRequest()"""
class Vault:
    def re_encrypt(self, blob):
        return blob
Vault().re_encrypt(b'')
`;
    const facts = extract('aws.py', text);
    expect(facts.clients).toEqual([]);
    expect(facts.calls).toEqual([]);
    expect(facts.credentials).toEqual([]);
  });

  it('star imports and imports nested in try blocks resolve', () => {
    const text = `try:
    from aliyunsdkcore.client import *
    from aliyunsdkkms.request.v20160120.GenerateAndExportDataKeyRequest import *
except ImportError:
    pass
client = AcsClient('a', 'b', 'cn-beijing')
client.do_action_with_exception(GenerateAndExportDataKeyRequest())
`;
    const facts = extract('star.py', text);
    expect(facts.clients).toHaveLength(1);
    expect(facts.calls.map((x) => x.action)).toEqual(['GenerateAndExportDataKey']);
  });
});

describe('python extract: secrets in client arguments', () => {
  it('redacts literals that could be secrets even when no credential rule recognised them', () => {
    // no import: the credential rules do not fire, the client is still reported (bare AcsClient)
    const text = `client = AcsClient('LTAIunrecognised1', f"{prefix}-unrecognisedSecret", 'cn-hangzhou', verify='certs/ca.pem')\n`;
    const facts = extract('bare.py', text);
    expect(facts.credentials).toEqual([]);
    expect(facts.clients[0].args.map((a) => [a.text, a.literal])).toEqual([
      ['<credential>', undefined],
      ['<credential>', undefined],
      ["'cn-hangzhou'", 'cn-hangzhou'],
      ["verify='certs/ca.pem'", 'certs/ca.pem'],
    ]);
    expect(JSON.stringify(facts)).not.toMatch(/unrecognised/);
  });
});

describe('python parser', () => {
  it('reports syntax errors with ranges', () => {
    const problems = syntaxErrors('def f(:\n    pass\n', 'bad.py');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/^bad\.py:1:/);
    expect(syntaxErrors('x = 1\n')).toEqual([]);
  });

  it('survives truncated, binary and deeply nested input', () => {
    const truncated = extract('t.py', LEGACY.slice(0, LEGACY.indexOf('keyword =') + 30));
    expect(truncated.clients.length).toBeGreaterThan(0);
    expect(extract('b.py', '\u0000\u0001\uFFFDAcsClient(\u0000').parseErrors).toBeInstanceOf(Array);
    const deep = `from aliyunsdkcore.client import AcsClient\nx = ${'['.repeat(20000)}AcsClient()${']'.repeat(20000)}\n`;
    expect(extract('d.py', deep).clients).toHaveLength(1);
    expect(extract('u.py', `x = ${'('.repeat(30000)}`).parseErrors.length).toBeGreaterThan(0);
  });
});
