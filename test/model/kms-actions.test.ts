import { describe, expect, it } from 'vitest';
import { extract as extractGo } from '../../src/languages/go/extract.js';
import { extract as extractJava } from '../../src/languages/java/extract.js';
import { extract as extractPython } from '../../src/languages/python/extract.js';
import { extract as extractTs } from '../../src/languages/typescript/extract.js';
import { canonicalAction } from '../../src/model/kms-actions.js';

describe('canonicalAction: every method-suffix form is the action it wraps', () => {
  it.each([
    ['ReEncrypt', 'ReEncrypt'],
    ['reEncrypt', 'ReEncrypt'],
    ['re_encrypt', 'ReEncrypt'],
    ['ReEncryptRequest', 'ReEncrypt'],
    ['ReEncryptWithOptions', 'ReEncrypt'],
    ['ReEncryptWithContext', 'ReEncrypt'],
    ['ReEncryptWithChan', 'ReEncrypt'],
    ['ReEncryptWithCallback', 'ReEncrypt'],
    // a suffix nobody ships yet is the same action too
    ['ReEncryptWithTracing', 'ReEncrypt'],
    ['reEncryptWithOptionsAsync', 'ReEncrypt'],
    ['re_encrypt_with_options_async', 'ReEncrypt'],
    ['re_encrypt_async', 'ReEncrypt'],
    ['DescribeKeyWithContext', 'DescribeKey'],
    ['ExportDataKeyWithContext', 'ExportDataKey'],
    // `Without` is part of this action's own name, not a suffix
    ['GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext'],
    ['GenerateDataKeyWithoutPlaintextWithContext', 'GenerateDataKeyWithoutPlaintext'],
    ['generate_data_key_without_plaintext_with_options', 'GenerateDataKeyWithoutPlaintext'],
  ])('%s → %s', (name, action) => {
    expect(canonicalAction(name)).toBe(action);
  });

  it.each(['EncryptWith', 'With', 'WithContext', 'Rotate', 'encryptWithoutKey', 'ReEncrypted'])(
    '%s names no action',
    (name) => {
      expect(canonicalAction(name)).toBeUndefined();
    },
  );
});

describe('extractors record With* calls as the action they wrap', () => {
  it('Go v3 client: ReEncryptWithContext(ctx, req, runtime) and DescribeKeyWithContext', () => {
    const facts = extractGo(
      'main.go',
      `package main

import (
	"context"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	kms "github.com/alibabacloud-go/kms-20160120/v3/client"
	"github.com/alibabacloud-go/tea/tea"
)

func run(ctx context.Context, cfg *openapi.Config, blob string) error {
	client, err := kms.NewClient(cfg)
	if err != nil {
		return err
	}
	_, err = client.ReEncryptWithContext(ctx, &kms.ReEncryptRequest{CiphertextBlob: tea.String(blob)}, nil)
	if err != nil {
		return err
	}
	_, err = client.DescribeKeyWithContext(ctx, &kms.DescribeKeyRequest{KeyId: tea.String("k")}, nil)
	return err
}
`,
    );
    expect(facts.calls.map((c) => [c.action, c.range.start.line, c.form])).toEqual([
      ['ReEncrypt', 16, 'client-method'],
      ['DescribeKey', 20, 'client-method'],
    ]);
  });

  it('Go: a request passed after a context, to a receiver the file cannot place', () => {
    const facts = extractGo(
      'svc.go',
      `package svc

import (
	"context"

	kms "github.com/alibabacloud-go/kms-20160120/v3/client"
)

func rewrap(ctx context.Context, api interface{ ReEncryptWithContext(context.Context, *kms.ReEncryptRequest, interface{}) (interface{}, error) }) {
	api.ReEncryptWithContext(ctx, &kms.ReEncryptRequest{}, nil)
}
`,
    );
    expect(facts.calls.map((c) => c.action)).toEqual(['ReEncrypt']);
  });

  it('Java, Python and TS tea clients: any With* form', () => {
    const java = extractJava(
      'A.java',
      `import com.aliyun.kms20160120.Client;
import com.aliyun.kms20160120.models.*;
class A {
  void f(Client client, ReEncryptRequest r, com.aliyun.teautil.models.RuntimeOptions rt) throws Exception {
    client.reEncryptWithContext(r, rt);
  }
}
`,
    );
    expect(java.calls.map((c) => c.action)).toEqual(['ReEncrypt']);
    const py = extractPython(
      'a.py',
      `from alibabacloud_kms20160120.client import Client
from alibabacloud_kms20160120 import models

def f(config):
    client = Client(config)
    return client.re_encrypt_with_options_async(models.ReEncryptRequest(), None)
`,
    );
    expect(py.calls.map((c) => c.action)).toEqual(['ReEncrypt']);
    const ts = extractTs(
      'a.ts',
      `import Kms20160120, * as $Kms from '@alicloud/kms20160120';
const client = new Kms20160120({ endpoint: 'kms.cn-hangzhou.aliyuncs.com' } as any);
export const f = () => client.reEncryptWithContext(new $Kms.ReEncryptRequest({}), {} as any);
`,
    );
    expect(ts.calls.map((c) => c.action)).toEqual(['ReEncrypt']);
  });
});
