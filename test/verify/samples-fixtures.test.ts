import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSamplesDir } from '../../src/verify/package-root.js';
import { findSamples } from '../../src/verify/samples.js';

const root = bundledSamplesDir();
const HELPERS: Record<string, string> = {
  java: 'Transcript.java',
  python: 'transcript.py',
  go: 'transcript.go',
  ts: 'transcript.ts',
};
const REQUIRED = [
  'envelope',
  'encryption-context',
  'asymmetric-sign',
  'secret',
  'manage-and-crypto',
  'blocked-reencrypt',
];

describe('bundled samples', () => {
  const { samples, problems } = findSamples([]);

  it('all load with valid manifests', () => {
    expect(problems).toEqual([]);
    expect(samples.length).toBe(28);
  });

  it.each(['java', 'python', 'go', 'ts'])(
    '%s has every required scenario, and a seed-shaped one unless TS',
    (lang) => {
      const names = samples.filter((s) => s.manifest.language === lang).map((s) => s.manifest.name);
      for (const name of REQUIRED) expect(names).toContain(name);
      const seed = samples.filter((s) => s.manifest.language === lang && s.manifest.seedShape);
      expect(seed.length).toBe(lang === 'ts' ? 0 : 1);
    },
  );

  it('exactly the ReEncrypt samples are marked blocked, and they call ReEncrypt', () => {
    for (const s of samples) {
      const text = readdirSync(s.dir)
        .filter((f) => /\.(java|py|go|ts)$/.test(f))
        .map((f) => readFileSync(join(s.dir, f), 'utf8'))
        .join('\n');
      const callsReEncrypt = /ReEncrypt(Request)?\b|'ReEncrypt'/.test(text.replace(/\/\/.*|#.*/g, ''));
      expect(!!s.manifest.blocked, s.id).toBe(callsReEncrypt);
    }
  });

  it('every sample carries an identical copy of its language transcript helper', () => {
    for (const s of samples) {
      const helper = HELPERS[s.manifest.language];
      expect(readFileSync(join(s.dir, helper), 'utf8'), s.id).toBe(
        readFileSync(join(root, '_shared', helper), 'utf8'),
      );
    }
  });

  it('no sample hard-codes credentials: the AccessKey comes from the environment', () => {
    for (const s of samples) {
      const main = readdirSync(s.dir).filter(
        (f) => /\.(java|py|go|ts)$/.test(f) && !/^transcript\./i.test(f),
      );
      const text = main.map((f) => readFileSync(join(s.dir, f), 'utf8')).join('\n');
      expect(text, s.id).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
      expect(text, s.id).not.toMatch(/LTAI[0-9A-Za-z]{8,}/);
    }
  });

  it('keys and secrets are declared for every variable the sample reads', () => {
    for (const s of samples) {
      const text = readdirSync(s.dir)
        .filter((f) => /\.(java|py|go|ts)$/.test(f))
        .map((f) => readFileSync(join(s.dir, f), 'utf8'))
        .join('\n');
      const declared = new Set([
        ...s.manifest.keys.flatMap((k) => [k.env, ...(k.versionEnv ? [k.versionEnv] : [])]),
        ...s.manifest.secrets.map((x) => x.env),
      ]);
      for (const m of text.matchAll(
        /"(KMS_(?:[A-Z0-9]+_)*(?:KEY_ID|KEY2_ID|VERSION_ID|SECRET_NAME))"|'(KMS_[A-Z0-9_]+)'/g,
      )) {
        const name = m[1] ?? m[2];
        if (name === 'KMS_SAMPLE_REPLAY') continue;
        expect(declared, `${s.id} reads ${name}`).toContain(name);
      }
    }
  });
});
