import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Finding, normalizeCode } from '../../src/model/index.js';
import { analyzeText, scan } from '../../src/scan/index.js';

const JAVA = `package acme;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Sealer {
    public Object seal(String t) throws Exception {
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
        EncryptRequest r = new EncryptRequest();
        return client.getAcsResponse(r);
    }
}
`;

async function prints(file: string, text: string): Promise<Map<string, string>> {
  const { findings } = await analyzeText(file, text);
  const out = new Map<string, string>();
  for (const f of findings) {
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    out.set(
      `${f.ruleId}@${normalizeCode(text.slice(f.range.startOffset, f.range.endOffset), 'java')}`,
      f.fingerprint ?? '',
    );
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'kms-fp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('normalizeCode', () => {
  it('drops whitespace and comments in each language, never what is inside a string', () => {
    expect(normalizeCode('new  DefaultAcsClient( /* the profile */ profile // x\n )', 'java')).toBe(
      'newDefaultAcsClient(profile)',
    );
    expect(normalizeCode('AcsClient(\n    region_id="cn"  # where\n)', 'python')).toBe(
      'AcsClient(region_id="cn")',
    );
    expect(normalizeCode('kms.NewClientWithAccessKey("a//b", ak)', 'go')).toBe(
      'kms.NewClientWithAccessKey("a//b",ak)',
    );
    expect(normalizeCode("x.request('Encrypt', { a: '#1' }) // send", 'typescript')).toBe(
      "x.request('Encrypt',{a:'#1'})",
    );
  });
});

describe('finding fingerprints', () => {
  it('survive inserted lines above, re-indentation and moving the rest of the file', async () => {
    const base = await prints('Sealer.java', JAVA);
    expect(base.size).toBeGreaterThanOrEqual(2);
    const shifted = JAVA.replace(
      'public class Sealer {',
      '// a comment\n\n\npublic class Sealer {\n    private int n;',
    );
    const reindented = JAVA.replace(
      '        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));',
      '  DefaultAcsClient client = new DefaultAcsClient(\n      DefaultProfile.getProfile("cn-hangzhou") /* region */);',
    );
    const moved = JAVA.replace(
      '    public Object seal(String t)',
      '    public int other() { return 1; }\n\n    public Object seal(String t)',
    );
    for (const variant of [shifted, reindented, moved])
      expect(await prints('Sealer.java', variant)).toEqual(base);
  });

  it('change when the matched code changes, and tell identical matches apart by occurrence', async () => {
    const base = await prints('Sealer.java', JAVA);
    const changed = await prints('Sealer.java', JAVA.replace('"cn-hangzhou"', '"cn-shanghai"'));
    const clientKey = [...base.keys()].find((k) => k.startsWith('legacy-kms-client@')) ?? '';
    expect(changed.get(clientKey)).toBeUndefined();
    const clientPrints = [...changed.entries()].filter(([k]) => k.startsWith('legacy-kms-client@'));
    expect(clientPrints).toHaveLength(1);
    expect(clientPrints[0][1]).not.toBe(base.get(clientKey));

    const twice = JAVA.replace(
      '        EncryptRequest r',
      '        DefaultAcsClient client2 = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));\n        EncryptRequest r',
    );
    const { findings } = await analyzeText('Sealer.java', twice);
    const legacy = findings.filter((f: Finding) => f.ruleId === 'legacy-kms-client');
    expect(legacy).toHaveLength(2);
    expect(new Set(legacy.map((f) => f.fingerprint)).size).toBe(2);
    // The first of the two is the same finding as in the file that had only one.
    expect(legacy[0].fingerprint).toBe(base.get(clientKey));
  });

  it('depend on the path and the rule', async () => {
    const a = await prints('Sealer.java', JAVA);
    const b = await prints('other/Sealer.java', JAVA);
    for (const [k, v] of a) expect(b.get(k)).not.toBe(v);
    expect(new Set(a.values()).size).toBe(a.size);
  });

  it('are the same from a scan (digests taken at extraction) as from the text', async () => {
    writeFileSync(join(tmp, 'Sealer.java'), JAVA);
    const scanned = await scan({ paths: [tmp], root: tmp });
    const { findings } = await analyzeText('Sealer.java', JAVA);
    expect(scanned.findings.map((f) => [f.ruleId, f.fingerprint])).toEqual(
      findings.map((f) => [f.ruleId, f.fingerprint]),
    );
  });
});
