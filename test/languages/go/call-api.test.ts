import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/go/extract.js';

const HEAD = `package broker

import (
	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/openapi-util/service"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
)
`;

const generic = (text: string) => {
  const facts = extract('broker.go', HEAD + text);
  return {
    calls: facts.calls.map((c) => ({ action: c.action, form: c.form, ...(c.key ? { key: c.key } : {}) })),
    unresolved: (facts.unresolvedCalls ?? []).map((u) => u.form),
  };
};

describe('Go CallApi on the tea OpenAPI client', () => {
  it('is a generic RPC to KMS when its Params say version 2016-01-20, literal or const, inline or in a variable', () => {
    const got = generic(`
const kmsVersion = "2016-01-20"

func seal(c *openapi.Client) {
	q := map[string]interface{}{"KeyId": tea.String("alias/seal")}
	p := &openapi.Params{Action: tea.String("Encrypt"), Version: tea.String(kmsVersion)}
	c.CallApi(p, &openapi.OpenApiRequest{Query: openapiutil.Query(q)}, &util.RuntimeOptions{})
	c.CallApi(&openapi.Params{Action: tea.String("ReEncrypt"), Version: tea.String("2016-01-20")}, &openapi.OpenApiRequest{}, nil)
}
`);
    expect(got).toEqual({
      calls: [
        { action: 'Encrypt', form: 'generic-rpc', key: 'alias/seal' },
        { action: 'ReEncrypt', form: 'generic-rpc' },
      ],
      unresolved: [],
    });
  });

  it("leaves another product's CallApi, and judges Params with no literal version by the KMS host of the file", () => {
    const ecs = `
func regions(c *openapi.Client, v string) {
	c.CallApi(&openapi.Params{Action: tea.String("DescribeRegions"), Version: tea.String("2014-05-26")}, &openapi.OpenApiRequest{}, nil)
	c.CallApi(&openapi.Params{Action: tea.String("DescribeRegions"), Version: tea.String(v)}, &openapi.OpenApiRequest{}, nil)
}
`;
    expect(generic(ecs)).toEqual({ calls: [], unresolved: [] });
    const kmsHost = `
var cfg = &openapi.Config{Endpoint: tea.String("kms.cn-hangzhou.aliyuncs.com")}
${ecs}
func other(c *openapi.Client, p *openapi.Params) {
	c.CallApi(p, &openapi.OpenApiRequest{}, nil)
}
`;
    expect(generic(kmsHost)).toEqual({
      calls: [{ action: 'DescribeRegions', form: 'generic-rpc' }],
      unresolved: ['generic-rpc'],
    });
  });
});
