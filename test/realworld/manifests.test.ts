import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestModuleFor, NEED_PACKAGES } from '../../src/manifests/index.js';
import { migrate } from '../../src/migrate/index.js';
import { corpusCases } from './corpus.js';

/**
 * The manifest half of the corpus proof: after `migrate --write`, no application's source imports an
 * SDK its manifests do not declare for the running code (read back with the manifest modules'
 * `extract`, so a comment, a dev group or a profile does not count). The compile half builds them.
 */
const IMPORTS: { pattern: RegExp; need: keyof typeof NEED_PACKAGES; ext: string }[] = [
  { pattern: /\bcom\.aliyun\.kms\.KmsTransferAcsClient\b/, need: 'java-transfer', ext: '.java' },
  { pattern: /\bfrom alibabacloud_dkms_transfer\b/, need: 'python-transfer', ext: '.py' },
  {
    pattern: /"github\.com\/aliyun\/alibabacloud-dkms-transfer-go-sdk\/sdk"/,
    need: 'go-transfer',
    ext: '.go',
  },
];

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const cases = corpusCases().filter((c) => c.expect.build && c.expect.build !== 'typescript');

describe('corpus: after migrate --write, manifests declare what the rewritten sources import', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const work = mkdtempSync(join(tmpdir(), 'kms-corpus-manifests-'));
    temps.push(work);
    cpSync(c.dir, work, { recursive: true });
    const result = await migrate({ paths: [work], write: true });
    const sources = new Set(result.changes.filter((x) => x.kind === 'source').map((x) => x.path));
    const all = files(work);
    for (const src of sources) {
      const text = readFileSync(src, 'utf8');
      for (const { pattern, need, ext } of IMPORTS) {
        if (!src.endsWith(ext) || !pattern.test(text)) continue;
        // The application's manifests: the nearest directory above the source that has one.
        let dir = dirname(src);
        let manifests: string[] = [];
        for (; dir.startsWith(work); dir = dirname(dir)) {
          manifests = all.filter(
            (f) => dirname(f) === dir && manifestModuleFor(f)?.ecosystem === NEED_PACKAGES[need].ecosystem,
          );
          if (manifests.length > 0) break;
        }
        if (manifests.length === 0) continue; // no manifest at all: migrate reminds the user instead
        const declared = manifests.flatMap(
          (m) => manifestModuleFor(m)?.extract(readFileSync(m, 'utf8')).declared ?? [],
        );
        const optional = /^\s*try:/m.test(text);
        for (const name of NEED_PACKAGES[need].names) {
          const found = declared.some(
            (d) =>
              d.name.toLowerCase().replace(/[-_.]+/g, '-') === name.toLowerCase().replace(/[-_.]+/g, '-') &&
              (d.scope === 'main' || (optional && d.scope === 'optional')),
          );
          expect(
            found,
            `${relative(work, src)} imports ${need}; ${manifests.map((m) => relative(work, m)).join(', ')} lacks ${name}`,
          ).toBe(true);
        }
      }
    }
  });
});
