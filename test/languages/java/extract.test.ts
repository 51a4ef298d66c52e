import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/java/extract.js';
import { syntaxErrors } from '../../../src/languages/java/parser.js';
import type { Range } from '../../../src/model/range.js';

const at = (text: string, r: Range) => text.slice(r.startOffset, r.endOffset);

const LEGACY = `package demo;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.*;
import com.aliyuncs.profile.DefaultProfile;
import org.springframework.beans.factory.annotation.Value;

public class KmsService {
    @Value("\${kms.key-id}")
    private String keyId;
    private static final String DEST = "alias/dest";
    // new DefaultAcsClient(commented) — 中文😀
    private IAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "LTAI5tExampleId00", "s3cretValue42"));

    public byte[] run() throws Exception {
        String text = "new DefaultAcsClient(inString) new ReEncryptRequest()";
        EncryptRequest req = new EncryptRequest();
        req.setKeyId(keyId);
        ReEncryptRequest r = new ReEncryptRequest();
        r.setDestinationKeyId(DEST);
        r.setKeyId(System.getenv("KMS_KEY"));
        this.client = new com.aliyuncs.DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai"));
        return client.getAcsResponse(r).getCiphertextBlob().getBytes();
    }
}
`;

describe('java extract: legacy DefaultAcsClient', () => {
  const facts = extract('src/main/java/demo/KmsService.java', LEGACY);

  it('finds both constructor forms with ranges that slice to the source (UTF-16 offsets past an emoji)', () => {
    expect(facts.clients).toHaveLength(2);
    const [field, rebuilt] = facts.clients;
    expect(at(LEGACY, field.range)).toBe(
      'new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "LTAI5tExampleId00", "s3cretValue42"))',
    );
    expect(at(LEGACY, field.calleeRange)).toBe('DefaultAcsClient');
    expect(at(LEGACY, field.argsRange)).toMatch(/^\(DefaultProfile.*\)$/);
    expect(field.boundTo).toBe('client');
    expect(field.enclosingFunction).toBeUndefined();
    expect(field.family).toBe('legacy-core');
    expect(field.qualifiedName).toBe('com.aliyuncs.DefaultAcsClient');
    expect(field.evidence).toContain('kms-requests');
    expect(field.range.start.line).toBe(14);
    expect(at(LEGACY, rebuilt.calleeRange)).toBe('com.aliyuncs.DefaultAcsClient');
    expect(rebuilt.boundTo).toBe('client');
    expect(rebuilt.enclosingFunction).toBe('run');
    expect(rebuilt.args.map((a) => a.text)).toEqual(['DefaultProfile.getProfile("cn-shanghai")']);
  });

  it('reports request classes resolved through the wildcard import, not the ones in strings', () => {
    expect(facts.calls.map((c) => [c.action, c.form, at(LEGACY, c.range)])).toEqual([
      ['Encrypt', 'request-class', 'new EncryptRequest()'],
      ['ReEncrypt', 'request-class', 'new ReEncryptRequest()'],
    ]);
    expect(facts.usesKmsModels).toBe(true);
  });

  it('records credential locations only, never their values', () => {
    expect(facts.credentials.map((c) => [c.role, at(LEGACY, c.range)])).toEqual([
      ['access-key-id', '"LTAI5tExampleId00"'],
      ['access-key-secret', '"s3cretValue42"'],
    ]);
    expect(JSON.stringify(facts)).not.toContain('s3cretValue42');
    expect(facts.clients[0].args[0].text).toBe(
      'DefaultProfile.getProfile("cn-hangzhou", <credential>, <credential>)',
    );
  });

  it('follows key ids to @Value names, constants and environment variables', () => {
    expect(facts.keyRefs.map((k) => [k.parameter, k.configName ?? k.literal ?? k.envName])).toEqual([
      ['KeyId', 'kms.key-id'],
      ['DestinationKeyId', 'alias/dest'],
      ['KeyId', 'KMS_KEY'],
    ]);
  });

  it('lists imports, wildcard included', () => {
    expect(facts.imports.map((i) => i.module)).toContain('com.aliyuncs.kms.model.v20160120.*');
    expect(facts.parseErrors).toEqual([]);
  });
});

describe('java extract: other shapes', () => {
  it('keeps a client built without KMS imports, with empty evidence (a bean in another file)', () => {
    const text = `package demo;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.profile.IClientProfile;
@Configuration
public class KmsConfig {
  @Bean
  public IAcsClient kmsClient(IClientProfile profile) {
    return new DefaultAcsClient(profile, new BasicCredentials(ak, sk));
  }
}`;
    const facts = extract('KmsConfig.java', text);
    expect(facts.clients).toHaveLength(1);
    expect(facts.clients[0].evidence).toEqual([]);
    expect(facts.clients[0].enclosingFunction).toBe('kmsClient');
    expect(facts.clients[0].args).toHaveLength(2);
    expect(facts.usesKmsModels).toBe(false);
  });

  it('sees KMS use in a file that only has request classes', () => {
    const text = `import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.GenerateAndExportDataKeyRequest;
class Use { Object go(IAcsClient c) throws Exception { return c.getAcsResponse(new GenerateAndExportDataKeyRequest()); } }`;
    const facts = extract('Use.java', text);
    expect(facts.clients).toEqual([]);
    expect(facts.usesKmsModels).toBe(true);
    expect(facts.calls.map((c) => c.action)).toEqual(['GenerateAndExportDataKey']);
  });

  it('reads CommonRequest actions and KMS endpoints', () => {
    const text = `import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
class C { void f() throws Exception {
  DefaultAcsClient client = new DefaultAcsClient("cn-hangzhou");
  CommonRequest req = new CommonRequest();
  req.setSysDomain("kms.cn-hangzhou.aliyuncs.com");
  req.setSysVersion("2016-01-20");
  req.setSysAction("ReEncrypt");
  req.putQueryParameter("DestinationKeyId", "key-123");
  client.getCommonResponse(req);
} }`;
    const facts = extract('C.java', text);
    expect(facts.calls).toMatchObject([{ action: 'ReEncrypt', form: 'common-request', receiver: 'client' }]);
    expect(facts.clients[0].evidence).toEqual(['api-version', 'kms-actions', 'kms-endpoint']);
    expect(facts.keyRefs).toMatchObject([{ parameter: 'DestinationKeyId', literal: 'key-123' }]);
  });

  it('recognises V2 tea clients, their methods and Config credentials', () => {
    const text = `import com.aliyun.kms20160120.Client;
import com.aliyun.kms20160120.models.*;
class V2 {
  private final Client kms;
  V2() throws Exception {
    com.aliyun.teaopenapi.models.Config config = new com.aliyun.teaopenapi.models.Config()
        .setAccessKeyId("LTAIv2example").setAccessKeySecret("v2secret").setEndpoint("kms.cn-hangzhou.aliyuncs.com");
    this.kms = new Client(config);
  }
  void go(Helper other) throws Exception {
    kms.reEncryptWithOptions(new ReEncryptRequest().setDestinationKeyId("alias/b"), null);
    kms.encrypt(new EncryptRequest().setKeyId(System.getenv("KEY")));
    other.reEncrypt("not kms");
  }
}`;
    const facts = extract('V2.java', text);
    expect(facts.clients).toMatchObject([
      {
        family: 'tea-kms',
        qualifiedName: 'com.aliyun.kms20160120.Client',
        boundTo: 'kms',
        evidence: ['kms-package'],
      },
    ]);
    expect(facts.calls.map((c) => [c.action, c.form, c.family])).toEqual([
      ['ReEncrypt', 'client-method', 'tea-kms'],
      ['Encrypt', 'client-method', 'tea-kms'],
    ]);
    expect(facts.credentials.map((c) => c.role)).toEqual(['access-key-id', 'access-key-secret']);
    expect(facts.keyRefs.map((k) => k.literal ?? k.envName)).toEqual(['alias/b', 'KEY']);
  });

  it('labels transfer and instance clients', () => {
    const text = `import com.aliyun.kms.KmsTransferAcsClient;
class M { IAcsClient c = new KmsTransferAcsClient(profile, config); Object i = new com.aliyun.dkms.gcs.sdk.Client(cfg); }`;
    expect(extract('M.java', text).clients.map((c) => c.family)).toEqual(['transfer', 'instance']);
  });

  it('counts ECS products next to a client, and no KMS calls for them', () => {
    const text = `import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
class E { void f() throws Exception { new DefaultAcsClient(p).getAcsResponse(new DescribeInstancesRequest()); } }`;
    const facts = extract('E.java', text);
    expect(facts.clients[0]).toMatchObject({ evidence: [], otherProducts: ['ecs'] });
    expect(facts.calls).toEqual([]);
    expect(facts.usesKmsModels).toBe(false);
  });

  it('ignores AWS KmsClient, unrelated ReEncrypt methods and a DefaultAcsClient imported from elsewhere', () => {
    const text = `import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ReEncryptRequest;
import com.example.DefaultAcsClient;
class Aws { void f() { KmsClient k = KmsClient.builder().build(); k.reEncrypt(ReEncryptRequest.builder().build());
  new ReEncryptRequest(); new DefaultAcsClient(); vault.reEncrypt(blob); } }`;
    const facts = extract('Aws.java', text);
    expect(facts.clients).toEqual([]);
    expect(facts.calls).toEqual([]);
    expect(facts.credentials).toEqual([]);
  });
});

describe('java extract: generics and wildcard V2 imports', () => {
  it('reads generic request types and V2 clients imported by wildcard', () => {
    const text = `import com.aliyun.kms20160120.*;
import com.aliyuncs.kms.model.v20160120.ExportDataKeyRequest;
class G {
  Holder<ExportDataKeyRequest> h = new Holder<ExportDataKeyRequest>(new ExportDataKeyRequest());
  Client c = new Client(new com.aliyun.teaopenapi.models.Config());
}`;
    const facts = extract('G.java', text);
    expect(facts.clients).toMatchObject([
      { family: 'tea-kms', qualifiedName: 'com.aliyun.kms20160120.Client', boundTo: 'c' },
    ]);
    expect(facts.calls.map((c) => c.action)).toEqual(['ExportDataKey']);
  });
});

describe('java extract: passwords', () => {
  it('reports a client-key password literal on the instance Config, not a DataSource password', () => {
    const text = `import com.aliyun.dkms.gcs.openapi.models.Config;
import com.aliyuncs.DefaultAcsClient;
class P { void f(javax.sql.DataSource ds, com.zaxxer.hikari.HikariConfig h) {
  Config c = new Config(); c.setPassword("clientKeyPass1");
} }`;
    expect(extract('P.java', text).credentials.map((c) => c.role)).toEqual(['password']);
    const db = `import com.aliyuncs.DefaultAcsClient;
class D { void f(com.zaxxer.hikari.HikariConfig h) { h.setPassword("dbPassword99"); } }`;
    expect(extract('D.java', db).credentials).toEqual([]);
  });
});

describe('java parser', () => {
  it('reports ERROR and MISSING nodes with ranges', () => {
    const problems = syntaxErrors('class A { void f() { int x = ; } ', 'A.java');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/^A\.java:1:\d+: /);
    expect(problems[0].range?.start.line).toBe(1);
    expect(syntaxErrors('class A { }')).toEqual([]);
  });

  it('survives truncated, binary and deeply nested input', () => {
    const cut = LEGACY.slice(0, LEGACY.indexOf('setDestinationKeyId') + 5);
    const truncated = extract('T.java', cut);
    expect(truncated.parseErrors.length).toBeGreaterThan(0);
    expect(truncated.clients.length).toBeGreaterThan(0);
    const binary = extract('B.java', '\u0000\u0001\uFFFD\u0000 new DefaultAcsClient(\u0000');
    expect(Array.isArray(binary.parseErrors)).toBe(true);
    const deep = `class D { Object o = ${'('.repeat(20000)}new DefaultAcsClient(p)${')'.repeat(20000)}; }`;
    expect(extract('D.java', deep).clients).toHaveLength(1);
    const unbalanced = `class D { void f() { ${'{'.repeat(50000)} } }`;
    expect(extract('U.java', unbalanced).parseErrors.length).toBeGreaterThan(0);
  });
});
