import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/go/extract.js';
import { goWordOccurrences } from '../../../src/languages/go/name-sites.js';
import { expectSitesAgree } from '../../support/sites-agree.js';

// The Go extractor reads declarations, assignments, parameters and hand-offs from the nodes the text
// points at, lazily, in the order the old passes met them. These are the shapes where that order or
// the text could disagree with a walk over every statement.
const SOURCE = `package main

import (
	"os"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	kmssdk "github.com/alibabacloud-go/kms-20160120/v3/client"
	"github.com/alibabacloud-go/tea/tea"
)

var ACCESS_KEY_SECRET = sekrit
var sekrit = "Zq8w3Rt6Yu9Io2Pa5Sd8Fg1Hj4Kl7Zx"
const accessKeyId = "LTAI5tAbCdEfGhIjKlMnOpQr"

type holder struct{ client *kms.Client }

// h.client.Encrypt(req) in a comment; keyId = "alias/in-comment"
func (h *holder) seal(ключ string) {
	req := kms.CreateEncryptRequest()
	req.KeyId = ключ
	h.client.Encrypt(req)
}

func build() *kms.Client {
	keyID := os.Getenv("KMS_KEY_ID")
	if keyID == "" {
		keyID = "alias/fallback"
	}
	c, _ := kms.NewClientWithAccessKey("cn-hangzhou", accessKeyId, ACCESS_KEY_SECRET)
	r := kms.CreateDecryptRequest()
	r.QueryParams["KeyId"] = keyID
	c.Decrypt(r)
	return c
}

func tea1(endpoint string) {
	config := &openapi.Config{}
	config.Endpoint = tea.String(endpoint)
	cl, _ := kmssdk.NewClient(config)
	_ = cl
}
`;

describe('Go facts from the nodes the text points at', () => {
  const facts = extract('a.go', SOURCE);

  it('reads a named credential with only the values declared before it, as the declarations pass did', () => {
    // ACCESS_KEY_SECRET's value is declared after it: found at the client, not as a named credential
    expect(facts.credentials.map((c) => `${c.role} ${c.sink} ${c.range.start.line}`)).toEqual([
      'access-key-secret NewClientWithAccessKey 13',
      'access-key-id accessKeyId 14',
    ]);
  });

  it('follows typed fields, unicode parameters and the fallback assigned after an env look-up', () => {
    expect(facts.calls.map((c) => `${c.action} ${c.range.start.line}`)).toEqual(['Encrypt 22', 'Decrypt 33']);
    expect(facts.keyRefs.map((k) => `${k.range.start.line} ${k.envName ?? ''} ${k.literal ?? ''}`)).toEqual([
      '21  ',
      '32 KMS_KEY_ID alias/fallback',
    ]);
    const tea = facts.clients.find((c) => c.boundTo === 'cl');
    expect(tea?.endpoint).toMatchObject({ kind: 'parameter', name: 'endpoint', owner: 'tea1' });
  });

  it('sees a client that is returned, and one that is not', () => {
    expect(facts.clients.find((c) => c.boundTo === 'c')?.sends?.escapes).toBe(true);
    const kept = extract('a.go', SOURCE.replace('return c\n', 'return nil\n'));
    expect(kept.clients.find((c) => c.boundTo === 'c')?.sends?.escapes).toBe(false);
  });

  it('walks a file whose escapes could spell a key name', () => {
    const escaped = SOURCE.replace('["KeyId"]', '["\\x4beyId"]');
    const keys = (f: typeof facts) => f.keyRefs.map((k) => `${k.parameter} ${k.literal ?? ''}`);
    expect(keys(extract('a.go', escaped))).toEqual(keys(facts));
    // found by its text, the escaped key would be missed: the reason such files are walked
    expect(keys(extract('a.go', escaped, 'text'))).toHaveLength(1);
  });

  it('finds every offset where the lexer may have made the word a token', () => {
    expect(goWordOccurrences('c := cc + c1 + _c + c', 'c')).toEqual([0, 20]);
    // `0x1Fc` lexes as a number then `lient`, so a name after a digit run is kept for the tree to judge
    expect(goWordOccurrences('0x1Fclient', 'client')).toEqual([4]);
    expect(goWordOccurrences('éclient', 'client')).toEqual([]);
  });
});

describe('deeply nested files are read by walks instead', () => {
  it('gives the facts the offset look-ups give, on every Go fixture, whole and broken', () => {
    const { files, withFacts } = expectSitesAgree('.go', extract);
    expect(files).toBeGreaterThan(50);
    expect(withFacts).toBeGreaterThan(100);
  });

  it('reads a file nested three hundred levels deep, with the client inside', () => {
    const nested = `package d\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\nfunc f() {\n\tx := ${'g('.repeat(300)}kms.NewClientWithAccessKey("r", "a", "b")${')'.repeat(300)}\n}\n`;
    expect(extract('d.go', nested)).toEqual(extract('d.go', nested, 'walk'));
    expect(extract('d.go', nested).clients).toHaveLength(1);
  });
});
