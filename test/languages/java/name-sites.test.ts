import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/java/extract.js';
import { parse } from '../../../src/languages/java/parser.js';
import { identifierAt, wordOccurrences } from '../../../src/languages/tree-sitter/text-occurrences.js';
import { expectSitesAgree } from '../../support/sites-agree.js';

// The Java extractor finds declarations, assignments, parameters and calls from the text and asks the
// tree only about those offsets. These are the shapes where text and tree could disagree.
const SOURCE = `package x;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyun.teaopenapi.models.Config;
public class A {
  private static final String SECRET = /* rotated yearly */ "Zq8w3Rt6Yu9Io2Pa5Sd8Fg1Hj4Kl7Zx";
  private static final String AK = // issued by ops
      "LTAI5tAbCdEfGhIjKlMnOpQr";
  private final String région = "alias/ré";
  private final String keyIdX = "not-this-one";
  private IAcsClient client;
  void init() {
    // client.getAcsResponse(new EncryptRequest()) in a comment is no call
    String text = "keyId = \\"alias/in-a-string\\"";
    this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", AK, SECRET));
    Config config = new Config();
    config . accessKeyId = "LTAI5tZzYyXxWwVvUuTtSsRr";
  }
  String seal(String t) throws Exception {
    EncryptRequest req = new EncryptRequest();
    req.setKeyId(région);
    req /* the body */ . setPlaintext(t);
    return client.getAcsResponse(req).getCiphertextBlob();
  }
  void share() { register(this.client); }
  void register(IAcsClient c) {}
}
`;

describe('Java facts from the nodes the text points at', () => {
  const facts = extract('A.java', SOURCE);

  it('follows a name to its declaration, unicode names and comments before the literal included', () => {
    expect(facts.keyRefs.map((k) => k.literal)).toEqual(['alias/ré']);
    const roles = facts.credentials.map((c) => `${c.role} ${c.sink} ${c.range.start.line}`).sort();
    expect(roles).toEqual([
      'access-key-id DefaultProfile.getProfile 10',
      'access-key-id com.aliyun.teaopenapi.models.Config 19',
      'access-key-secret DefaultProfile.getProfile 8',
    ]);
  });

  it('reads calls and creations by name, never from comments or strings', () => {
    expect(facts.calls.map((c) => `${c.action} ${c.range.start.line}`)).toEqual(['Encrypt 22']);
    expect(facts.clients).toHaveLength(1);
    expect(facts.clients[0]).toMatchObject({ boundTo: 'client', enclosingFunction: 'init' });
  });

  it('sees a client handed to another method', () => {
    expect(facts.clients[0].sends?.escapes).toBe(true);
    const kept = extract('A.java', SOURCE.replace('register(this.client);', 'register(null);'));
    expect(kept.clients[0].sends?.escapes).toBe(false);
  });

  it('finds whole identifiers only, and the token exactly at an offset', () => {
    const text = 'int keyId = 1; keyIdX = keyId$ + keyId;';
    expect(wordOccurrences(text, 'keyId')).toEqual([4, 33]);
    const root = parse(`class C { ${text.replace('int', 'void f() { int')} } }`).rootNode;
    const at = root.text.indexOf('keyId');
    expect(identifierAt(root, at, 5)?.text).toBe('keyId');
    expect(identifierAt(root, at, 4)).toBeUndefined();
  });
});

describe('deeply nested files are read by walks instead', () => {
  it('gives the facts the offset look-ups give, on every Java fixture, whole and broken', () => {
    const { files, withFacts } = expectSitesAgree('.java', extract);
    expect(files).toBeGreaterThan(100);
    expect(withFacts).toBeGreaterThan(100);
  });

  it('reads a file nested four hundred levels deep, with the client inside', () => {
    const nested = `class A { Object o = ${'new A('.repeat(400)}new com.aliyuncs.DefaultAcsClient(p)${')'.repeat(400)}; }`;
    expect(extract('A.java', nested)).toEqual(extract('A.java', nested, 'walk'));
    expect(extract('A.java', nested).clients).toHaveLength(1);
  });
});
