import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyTransform } from 'jscodeshift/dist/testUtils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as transform from '../../transforms/kms-transfer.js';
import { FIXTURE_ROOT, filesUnder } from '../migrate/fixture-scenarios.js';

const BUILT = 'dist/src/migrate/rewrite-worker.js';

/** The transform loads the built library (as it does when installed); compile when sources are newer. */
function ensureBuilt(): void {
  const newest = Math.max(
    ...['src/migrate', 'src/languages', 'src/model', 'src/manifests', 'src/toolchains'].flatMap((d) =>
      filesUnder(d).map((f) => statSync(join(d, f)).mtimeMs),
    ),
  );
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest) return;
  // tsc emits even when other areas have type errors in flight; only the emitted file matters here.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'ignore' });
  if (!existsSync(BUILT))
    throw new Error(`could not build ${BUILT}: run npx tsc -p tsconfig.json and read its errors`);
}

function pairs(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const name of [
    'withComments',
    'aliasedImport',
    'clientInField',
    'clientInBean',
    'tabs',
    'multipleClients',
    'crlf',
    'commonjs',
    'alreadyMigrated',
  ]) {
    const dir = join(FIXTURE_ROOT, 'typescript', name);
    for (const f of filesUnder(join(dir, 'before')).filter((f) => /\.[jt]sx?$/.test(f)))
      out.push([`${name}/${f}`, join(dir, 'before', f), join(dir, 'after', f)]);
  }
  return out;
}

describe('transforms/kms-transfer.ts', () => {
  beforeAll(ensureBuilt, 600_000);

  it('has a before/after pair in every scenario it names (it.each of nothing would pass)', () => {
    const names = new Set(pairs().map(([id]) => id.split('/')[0]));
    expect(names.size).toBe(9);
  });

  it.each(pairs())(
    '%s gives the same output as migrate (testUtils.applyTransform)',
    async (_id, before, after) => {
      const output = await applyTransform(
        transform,
        {},
        { path: before, source: readFileSync(before, 'utf8') },
      );
      // applyTransform trims; an unchanged file comes back as its source.
      const expected = readFileSync(after, 'utf8').trim();
      expect(output === '' ? readFileSync(before, 'utf8').trim() : output).toBe(expected);
    },
  );

  it('runs under the jscodeshift CLI', () => {
    const work = mkdtempSync(join(tmpdir(), 'kms-jscodeshift-'));
    try {
      cpSync(join(FIXTURE_ROOT, 'typescript/withComments/before'), work, { recursive: true });
      const r = spawnSync(
        'npx',
        [
          'jscodeshift',
          '-t',
          join(process.cwd(), 'transforms/kms-transfer.ts'),
          '--extensions=ts,js',
          '--parser=tsx',
          work,
        ],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(readFileSync(join(work, 'app.ts'), 'utf8')).toBe(
        readFileSync(join(FIXTURE_ROOT, 'typescript/withComments/after/app.ts'), 'utf8'),
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
