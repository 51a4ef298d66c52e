import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/languages/python/extract.js';
import { identifierOccurrences, namesEndingRun } from '../../../src/languages/python/identifier-text.js';
import { brokenVariants, expectSitesAgree } from '../../support/sites-agree.js';

// The Python extractor finds assignments, calls and hand-overs from the text and asks the tree only
// about those offsets. These are the shapes where text and tree could disagree.
const SOURCE = `from aliyunsdkcore.client import AcsClient
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest
import os

ACCESS_KEY_ID = "LTAI5tAbCdEfGhIjKlMnOpQr"
LATER_ACCESS_KEY_ID = not_yet
not_yet = "LTAI5tZzYyXxWwVvUuTtSsRr"
région = "alias/ré"

client = AcsClient  (ACCESS_KEY_ID, os.getenv("SK"), "cn-hangzhou")

def seal(text):
    # client.do_action_with_exception(EncryptRequest()) in a comment is no call
    note = "req.set_KeyId('alias/in-a-string')"
    req = EncryptRequest()
    req.set_KeyId(région)
    req . set_Plaintext(text)
    def inner():
        req = EncryptRequest()
        req.set_KeyId("alias/inner")
        return client.do_action_with_exception(req)
    return (client
        # a comment inside the callee
        .do_action_with_exception  (req)), inner

def share():
    register(client)
`;

describe('Python facts from the nodes the text points at', () => {
  const facts = extract('a.py', SOURCE);

  it('follows names to their assignments, unicode names included, and sees only earlier ones while reading assignments', () => {
    expect(facts.keyRefs.map((k) => k.literal)).toEqual(['alias/ré', 'alias/inner']);
    // LATER_ACCESS_KEY_ID's value is assigned below it: not a hard-coded credential where it is read
    expect(facts.credentials.map((c) => `${c.role} ${c.sink} ${c.range.start.line}`)).toEqual([
      'access-key-id ACCESS_KEY_ID 5',
    ]);
  });

  it('reads calls by name, never from comments or strings, each in its own function', () => {
    expect(facts.calls.map((c) => `${c.action} ${c.range.start.line} ${c.receiver}`)).toEqual([
      'Encrypt 15 client',
      'Encrypt 19 client',
    ]);
    expect(facts.clients).toHaveLength(1);
    expect(facts.clients[0]).toMatchObject({ boundTo: 'client' });
  });

  it('sees a client handed to another function', () => {
    expect(facts.clients[0].sends?.escapes).toBe(true);
    const kept = extract('a.py', SOURCE.replace('register(client)', 'register(None)'));
    expect(kept.clients[0].sends?.escapes).toBe(false);
  });

  it('finds whole identifiers only, and the names a run of identifier characters may end with', () => {
    const text = 'key = 1; keys = key_ + key; x = 1.e5key';
    expect(identifierOccurrences(text, 'key')).toEqual([0, 23, 36]);
    expect(namesEndingRun('a.method(', 2, 8)).toEqual(['method']);
    expect(namesEndingRun('1.e5AcsClient(', 2, 13)).toEqual([
      'e5AcsClient',
      'AcsClient',
      'csClient',
      'sClient',
      'Client',
      'lient',
      'ient',
      'ent',
      'nt',
      't',
    ]);
  });
});

describe('deeply nested files and star imports are read by walks instead', () => {
  it('gives the facts the offset look-ups give, on every Python fixture, whole and broken', () => {
    const { files, withFacts } = expectSitesAgree('.py', extract, (text) => [
      ...brokenVariants(text),
      text.replace(/:/g, (m, i) => (i % 7 ? m : '')),
    ]);
    expect(files).toBeGreaterThan(100);
    expect(withFacts).toBeGreaterThan(100);
  });

  it('reads a file nested four hundred levels deep, with the client inside', () => {
    const nested = `from aliyunsdkcore.client import AcsClient\nx = ${'f('.repeat(400)}AcsClient(a, b, c)${')'.repeat(400)}\n`;
    expect(extract('a.py', nested)).toEqual(extract('a.py', nested, 'walk'));
    expect(extract('a.py', nested).clients).toHaveLength(1);
  });

  it('reads a star-imported client by a walk', () => {
    const star = 'from aliyunsdkcore.client import *\nclient = AcsClient("a", "b", "cn-hangzhou")\n';
    expect(extract('a.py', star, 'text')).toEqual(extract('a.py', star, 'walk'));
    expect(extract('a.py', star, 'text').clients).toHaveLength(1);
  });
});
