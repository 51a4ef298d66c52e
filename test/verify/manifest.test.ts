import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/verify/manifest.js';
import { findSamples } from '../../src/verify/samples.js';

function sampleDir(manifest: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'verify-manifest-'));
  writeFileSync(join(dir, 'sample.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return dir;
}

const good = {
  name: 'x',
  language: 'python',
  entry: 'main.py',
  keys: [{ env: 'KMS_AES_KEY_ID', spec: 'Aliyun_AES_256' }],
  actions: ['Encrypt'],
};

describe('loadManifest', () => {
  it('reads a valid manifest and fills defaults', () => {
    const r = loadManifest(sampleDir(good));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.manifest.keys[0].usage).toBe('ENCRYPT/DECRYPT');
      expect(r.manifest.secrets).toEqual([]);
      expect(r.manifest.blocked).toBeUndefined();
    }
  });

  it.each([
    ['not JSON', '{', 'cannot read a JSON manifest'],
    ['unknown language', { ...good, language: 'cobol' }, '"language" must be one of'],
    ['no entry', { ...good, entry: '' }, '"entry"'],
    ['lower-case env', { ...good, keys: [{ env: 'kms_key', spec: 'RSA_2048' }] }, 'keys[0].env'],
    ['blocked without action', { ...good, blocked: {} }, 'blocked.action'],
  ])('reports %s with the file name, without throwing', (_label, manifest, expected) => {
    const dir = sampleDir(manifest);
    const r = loadManifest(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toContain(join(dir, 'sample.json'));
      expect(r.problem).toContain(expected);
    }
  });

  it('findSamples skips bad samples with a problem and keeps the good ones', () => {
    const bad = sampleDir({ ...good, language: 'cobol' });
    const ok = sampleDir(good);
    const missing = join(tmpdir(), 'verify-no-such-dir-xyz');
    const r = findSamples([bad, ok, missing]);
    expect(r.samples.map((s) => s.dir)).toEqual([ok]);
    expect(r.problems).toHaveLength(2);
  });

  it('findSamples filters by language', () => {
    const py = sampleDir(good);
    const goDir = sampleDir({ ...good, language: 'go', entry: '.' });
    mkdirSync(join(goDir, 'x'), { recursive: true });
    expect(findSamples([py, goDir], ['go']).samples.map((s) => s.manifest.language)).toEqual(['go']);
  });
});
