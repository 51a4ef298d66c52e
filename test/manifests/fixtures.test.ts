import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransferNeed } from '../../src/languages/rewrite-kit/rewriter.js';
import { manifestModuleFor, NEED_PACKAGES } from '../../src/manifests/index.js';
import { manifestsIn } from '../../src/migrate/apps.js';
import { manifestsFor, planManifest, resolveDependencies } from '../../src/migrate/manifest-plan.js';
import { applyEdits } from '../../src/model/edit.js';
import { filesUnder } from '../migrate/fixture-scenarios.js';

/**
 * Real-shaped manifests, `fixtures/manifests/<ecosystem>/<case>/{before,after}` with a case.json:
 * `{ shape, needs, app?, library?, optional?, problems? }`. Each runs through the same functions
 * migrate uses (src/migrate/manifest-plan.ts) and the rewrite harness's checks.
 */
interface ManifestCase {
  shape: string;
  needs: TransferNeed[];
  /** The application directory inside before/ (default `.`). */
  app?: string;
  library?: boolean;
  optional?: boolean;
  /** Problem codes expected (order-free). */
  problems?: string[];
}

const ROOT = 'fixtures/manifests';
const cases = readdirSync(ROOT)
  .sort()
  .flatMap((eco) =>
    readdirSync(join(ROOT, eco))
      .sort()
      .map((name) => ({ id: `${eco}/${name}`, dir: join(ROOT, eco, name) })),
  )
  .filter((c) => existsSync(join(c.dir, 'case.json')))
  .map((c) => ({ ...c, spec: JSON.parse(readFileSync(join(c.dir, 'case.json'), 'utf8')) as ManifestCase }));

function plan(root: string, spec: ManifestCase, read: (abs: string) => string) {
  const app = join(root, spec.app ?? '.');
  const needs = new Set(spec.needs);
  const { deps } = resolveDependencies(needs);
  const style = {
    library: Boolean(spec.library),
    optionalNeeds: spec.optional ? needs : new Set<TransferNeed>(),
  };
  return manifestsFor(app, manifestsIn(app), deps).map((path) => ({
    path,
    ...planManifest(path, read(path), deps, style),
  }));
}

it('holds the issue-18 shapes in every ecosystem migrate edits', () => {
  const ids = cases.map((c) => c.id);
  for (const id of [
    'maven/dependency-in-comment',
    'maven/only-in-dependency-management',
    'maven/in-profile',
    'maven/older-version-crlf',
    'maven/property-version',
    'maven/parent-pom-module',
    'gradle/version-catalog',
    'pypi/poetry-group',
    'pypi/requirements-hashes',
    'pypi/optional-import-extra',
    'go/replace-directive',
  ])
    expect(ids).toContain(id);
});

describe.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  const before = join(c.dir, 'before');
  const after = join(c.dir, 'after');
  const files = filesUnder(before);
  const read = (abs: string) => readFileSync(abs, 'utf8');
  const plans = plan(before, c.spec, read);

  it('produces after/ exactly, with the expected problems', () => {
    expect(filesUnder(after)).toEqual(files);
    for (const f of files) {
      const p = plans.find((x) => relative(before, x.path) === f);
      const text = read(join(before, f));
      expect(p ? applyEdits(text, p.edits) : text, f).toBe(read(join(after, f)));
    }
    const codes = plans.flatMap((p) => p.problems.map((q) => q.code)).sort();
    expect(codes).toEqual([...(c.spec.problems ?? [])].sort());
    // Messages never name the file: the caller adds the path once.
    for (const p of plans)
      for (const q of p.problems) expect(q.message).not.toContain(relative(before, p.path));
  });

  it('replaces only text extract recorded, never across lines; inserts only whole lines or list items', () => {
    for (const p of plans) {
      const text = read(p.path);
      const mod = manifestModuleFor(p.path);
      const seen = mod?.extract(text);
      const spans = [
        ...(seen?.declared ?? []).flatMap((d) => [d.versionSpan, d.scopeSpan]),
        ...Object.values(seen?.properties ?? {}),
      ].filter((s) => s !== undefined);
      for (const e of p.edits) {
        if (e.end === e.start) continue;
        expect(
          spans.some((s) => s.start <= e.start && e.end <= s.end),
          `${p.path}: [${e.start},${e.end}) replaces "${text.slice(e.start, e.end)}", which extract did not record`,
        ).toBe(true);
        expect(text.slice(e.start, e.end)).not.toContain('\n');
      }
    }
  });

  it('keeps line endings and indentation style', () => {
    for (const f of files) {
      const b = read(join(before, f));
      const a = read(join(after, f));
      const crlfOnly = b.includes('\r\n') && !/(^|[^\r])\n/.test(b);
      if (crlfOnly) expect(/(^|[^\r])\n/.test(a), `${f}: a bare LF in a CRLF file`).toBe(false);
      if (!b.includes('\r\n')) expect(a.includes('\r\n'), `${f}: CRLF in an LF file`).toBe(false);
      if (/\n\t/.test(b) && !/\n {2,}\S/.test(b))
        expect(/\n {2,}\S/.test(a), `${f}: spaces in a tab file`).toBe(false);
    }
  });

  it('a second pass changes nothing, and every needed package is then present', () => {
    const second = plan(before, c.spec, (abs) => read(join(after, relative(before, abs))));
    for (const p of second) expect(p.edits, p.path).toEqual([]);
    const refusedOrNoted = new Set(c.spec.problems ?? []);
    if (refusedOrNoted.has('hash-checking') || refusedOrNoted.has('optional-not-declared')) return;
    const needed = c.spec.needs.flatMap((n) => NEED_PACKAGES[n].names);
    const present = new Set<string>();
    for (const p of second) {
      const mod = manifestModuleFor(p.path);
      for (const d of mod?.extract(read(join(after, relative(before, p.path)))).declared ?? [])
        if (d.scope === 'main' || (c.spec.optional && d.scope === 'optional'))
          present.add(d.name.toLowerCase());
    }
    // A module inherits what its parent POM declares and manages; the catalog's accessors name modules.
    for (const name of needed) {
      const inCatalog = second.some(
        (p) => read(join(after, relative(before, p.path))).match(/libs\.[\w.]+/g)?.length,
      );
      if (!inCatalog) expect([...present], name).toContain(name.toLowerCase());
    }
  });
});
