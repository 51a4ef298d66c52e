import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/go/extract.js';
import { syntaxErrors } from '../../../src/languages/go/parser.js';
import type { Range } from '../../../src/model/range.js';

const at = (text: string, r: Range) => text.slice(r.startOffset, r.endOffset);

const LEGACY = `package main

import (
	"fmt"
	"os"

	aliyunkms "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
)

const keyID = "alias/app-key"

type Service struct {
	kms *aliyunkms.Client
}

// kms.NewClientWithAccessKey("in", "comment") 中文😀
func NewService() (*Service, error) {
	client, err := aliyunkms.NewClientWithAccessKey("cn-hangzhou", "LTAI5tGoExample", "goSecretValue")
	if err != nil {
		return nil, err
	}
	fmt.Println("kms.NewClientWithAccessKey(in string)")
	return &Service{kms: client}, nil
}

func rotate(s *Service) {
	cred := credentials.NewAccessKeyCredential(os.Getenv("AK"), "rotatedSecret")
	s.kms, _ = aliyunkms.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), cred)
}

func (s *Service) Rewrap(blob string) error {
	req := aliyunkms.CreateReEncryptRequest()
	req.DestinationKeyId = os.Getenv("DEST_KEY")
	_, err := s.kms.ReEncrypt(req)
	enc := aliyunkms.CreateEncryptRequest()
	enc.KeyId = keyID
	ch, _ := s.kms.EncryptWithChan(enc)
	_ = ch
	exp := aliyunkms.CreateExportDataKeyRequest()
	s.kms.ExportDataKeyWithCallback(exp, func(r *aliyunkms.ExportDataKeyResponse, e error) {})
	r := requests.NewCommonRequest()
	r.ApiName = "GenerateAndExportDataKey"
	r.QueryParams["KeyId"] = keyID
	return err
}
`;

describe('go extract: legacy services/kms', () => {
  const facts = extract('svc/main.go', LEGACY);

  it('resolves the import alias and finds every constructor, with boundTo and enclosing function', () => {
    expect(
      facts.clients.map((c) => [
        at(LEGACY, c.calleeRange),
        c.constructorName,
        c.boundTo,
        c.enclosingFunction,
      ]),
    ).toEqual([
      ['aliyunkms.NewClientWithAccessKey', 'NewClientWithAccessKey', 'client', 'NewService'],
      ['aliyunkms.NewClientWithOptions', 'NewClientWithOptions', 's.kms', 'rotate'],
    ]);
    const [first] = facts.clients;
    expect(first.qualifiedName).toBe(
      'github.com/aliyun/alibaba-cloud-sdk-go/services/kms.NewClientWithAccessKey',
    );
    expect(first.family).toBe('legacy-core');
    expect(first.evidence).toContain('kms-package');
    expect(at(LEGACY, first.range)).toBe(
      'aliyunkms.NewClientWithAccessKey("cn-hangzhou", "LTAI5tGoExample", "goSecretValue")',
    );
    expect(at(LEGACY, first.args[2].range)).toBe('"goSecretValue"');
    expect(at(LEGACY, first.argsRange)).toBe('("cn-hangzhou", "LTAI5tGoExample", "goSecretValue")');
    expect(first.args.map((a) => a.literal)).toEqual(['cn-hangzhou', undefined, undefined]);
    expect(first.args.map((a) => a.text)).toEqual(['"cn-hangzhou"', '<credential>', '<credential>']);
  });

  it('reports calls in every form once: sync, WithChan, WithCallback and CommonRequest', () => {
    expect(facts.calls.map((c) => [c.action, c.form, at(LEGACY, c.range).split('(')[0]])).toEqual([
      ['ReEncrypt', 'client-method', 's.kms.ReEncrypt'],
      ['Encrypt', 'client-method-chan', 's.kms.EncryptWithChan'],
      ['ExportDataKey', 'client-method-callback', 's.kms.ExportDataKeyWithCallback'],
      ['GenerateAndExportDataKey', 'common-request', 'r.ApiName = "GenerateAndExportDataKey"'],
    ]);
  });

  it('records credential locations, never values', () => {
    expect(facts.credentials.map((c) => [c.role, at(LEGACY, c.range)])).toEqual([
      ['access-key-id', '"LTAI5tGoExample"'],
      ['access-key-secret', '"goSecretValue"'],
      ['access-key-secret', '"rotatedSecret"'],
    ]);
    expect(JSON.stringify(facts)).not.toMatch(/goSecretValue|rotatedSecret/);
  });

  it('follows key ids to constants and environment variables', () => {
    expect(facts.keyRefs.map((k) => [k.parameter, k.literal ?? k.envName])).toEqual([
      ['DestinationKeyId', 'DEST_KEY'],
      ['KeyId', 'alias/app-key'],
      ['KeyId', 'alias/app-key'],
    ]);
    expect(facts.parseErrors).toEqual([]);
  });
});

describe('go extract: other shapes', () => {
  it('a request created but not called in this file still counts; a typed parameter makes a client', () => {
    const text = `package kmsutil
import k "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
func Build() *k.ReEncryptRequest { return k.CreateReEncryptRequest() }
var shared *k.Client

func Use(c *k.Client, other Crypto) {
	shared.Decrypt(nil)
	c.GenerateAndExportDataKey(nil)
	other.ReEncrypt("unrelated")
}
`;
    const facts = extract('util.go', text);
    expect(facts.calls.map((c) => [c.action, c.form, c.receiver])).toEqual([
      ['ReEncrypt', 'request-class', undefined],
      ['Decrypt', 'client-method', 'shared'],
      ['GenerateAndExportDataKey', 'client-method', 'c'],
    ]);
    expect(facts.usesKmsModels).toBe(true);
  });

  it('V2 tea client (v3 path), its methods and Config credentials', () => {
    const text = `package main
import (
	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	kms "github.com/alibabacloud-go/kms-20160120/v3/client"
	"github.com/alibabacloud-go/tea/tea"
)
func main() {
	c, _ := kms.NewClient(&openapi.Config{AccessKeyId: tea.String("LTAIteaGo"), AccessKeySecret: tea.String("teaGoSecret"), Endpoint: tea.String("kms.cn-hangzhou.aliyuncs.com")})
	c.ReEncryptWithOptions(&kms.ReEncryptRequest{DestinationKeyId: tea.String("alias/dst")}, nil)
}
`;
    const facts = extract('v2.go', text);
    expect(facts.clients).toMatchObject([{ family: 'tea-kms', constructorName: 'NewClient', boundTo: 'c' }]);
    expect(facts.calls).toMatchObject([{ action: 'ReEncrypt', form: 'client-method', family: 'tea-kms' }]);
    expect(facts.credentials.map((c) => c.role)).toEqual(['access-key-id', 'access-key-secret']);
    expect(facts.keyRefs).toMatchObject([{ parameter: 'DestinationKeyId', literal: 'alias/dst' }]);
  });

  it('transfer sdk clients are labelled; other services and AWS are not KMS clients', () => {
    const migrated = extract(
      'm.go',
      `package main\nimport dkmstransfer "github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk"\nfunc f() { c, _ := dkmstransfer.NewClientWithAccessKey("r", a, s, cfg); _ = c }\n`,
    );
    expect(migrated.clients).toMatchObject([{ family: 'transfer' }]);
    const other = extract(
      'o.go',
      `package main
import (
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
	awskms "github.com/aws/aws-sdk-go-v2/service/kms"
)
func f() {
	c, _ := ecs.NewClientWithAccessKey("r", "LTAIecs", "ecsSecret")
	k := awskms.NewFromConfig(cfg)
	k.ReEncrypt(ctx, in)
	_ = c
}
`,
    );
    expect(other.clients).toEqual([]);
    expect(other.calls).toEqual([]);
  });
});

describe('go extract: import forms', () => {
  it('resolves dot imports and ignores blank imports', () => {
    const text = `package main
import (
	. "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
	_ "github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)
func f() {
	c, _ := NewClientWithEcsRamRole("cn-hangzhou", "role")
	c.GenerateAndExportDataKeyWithChan(CreateGenerateAndExportDataKeyRequest())
}
`;
    const facts = extract('dot.go', text);
    expect(facts.clients).toMatchObject([
      { constructorName: 'NewClientWithEcsRamRole', boundTo: 'c', family: 'legacy-core' },
    ]);
    expect(facts.calls).toMatchObject([{ action: 'GenerateAndExportDataKey', form: 'client-method-chan' }]);
    expect(facts.imports.map((i) => i.names[0].local)).toEqual(['*', '_']);
  });
});

describe('go extract: one ApiCall per sent request', () => {
  it('pairs each call with its own request when the variable name is reused', () => {
    const text = `package main
import "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
func a(c *kms.Client) {
	req := kms.CreateEncryptRequest()
	c.Encrypt(req)
}
func b(c *kms.Client) {
	req := kms.CreateEncryptRequest()
	c.Encrypt(req)
	c.EncryptWithChan(kms.CreateEncryptRequest())
}
`;
    const facts = extract('reuse.go', text);
    expect(facts.calls.map((x) => [x.form, x.range.start.line])).toEqual([
      ['client-method', 5],
      ['client-method', 9],
      ['client-method-chan', 10],
    ]);
  });
});

describe('go parser', () => {
  it('reports syntax errors with ranges', () => {
    const problems = syntaxErrors('package main\nfunc f( {\n', 'bad.go');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/^bad\.go:\d+:\d+: /);
    expect(syntaxErrors('package main\n')).toEqual([]);
  });

  it('survives truncated, binary and deeply nested input', () => {
    expect(extract('t.go', LEGACY.slice(0, LEGACY.indexOf('rotate(') + 40)).clients.length).toBeGreaterThan(
      0,
    );
    expect(extract('b.go', '\u0000package \u0001\uFFFD kms.NewClient(').parseErrors).toBeInstanceOf(Array);
    const deep = `package main\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\nvar c = ${'('.repeat(20000)}kms.NewClient()${')'.repeat(20000)}\n`;
    expect(extract('d.go', deep).clients).toHaveLength(1);
    expect(
      extract('u.go', `package main\nfunc f() { ${'{'.repeat(30000)}`).parseErrors.length,
    ).toBeGreaterThan(0);
  });
});

describe('go client types (what a retype must follow)', () => {
  const SRC = `package keys

import (
	kms "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
	v3 "github.com/alibabacloud-go/kms-20160120/v3/client"
)

type Keys struct {
	Client *kms.Client
	inner  *kms.Client
	*kms.Client
}

type Source interface {
	Get() *kms.Client
	load() *kms.Client
}

type Factory func(region string) (*kms.Client, error)

type Alias = v3.Client

var Default *kms.Client

func (k *Keys) With(f func(*kms.Client) error) error {
	var local *kms.Client = k.inner
	_ = kms.Client{}
	return f(local)
}

func helper(c *kms.Client) {}
`;
  const refs = (file: string, text = SRC) =>
    (extract(file, text).clientTypes ?? []).map((r) => [r.range.start.line, r.use, r.api ?? '-', r.family]);

  it('records each written client type with its use and the exported declaration it belongs to', () => {
    expect(refs('keys/keys.go')).toEqual([
      [9, 'reference', 'field Keys.Client', 'legacy-core'],
      [10, 'reference', '-', 'legacy-core'],
      [11, 'embedded', 'field Keys.Client', 'legacy-core'],
      [15, 'reference', 'method Source.Get', 'legacy-core'],
      [16, 'reference', '-', 'legacy-core'],
      [19, 'reference', 'type Factory', 'legacy-core'],
      [21, 'reference', 'type Alias', 'tea-kms'],
      [23, 'reference', 'var Default', 'legacy-core'],
      [25, 'reference', 'method Keys.With', 'legacy-core'],
      [26, 'reference', '-', 'legacy-core'],
      [27, 'literal', '-', 'legacy-core'],
      [31, 'reference', '-', 'legacy-core'],
    ]);
  });

  it('nothing is public API in package main, in tests or under internal/', () => {
    const apis = (file: string, text = SRC) => refs(file, text).filter((r) => r[2] !== '-');
    expect(apis('keys/keys_test.go')).toEqual([]);
    expect(apis('internal/keys/keys.go')).toEqual([]);
    expect(apis('cmd/keys.go', SRC.replace('package keys', 'package main'))).toEqual([]);
  });
});
