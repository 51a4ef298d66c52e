import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MigrateOptions } from '../../src/migrate/index.js';

export const FIXTURE_ROOT = 'fixtures/rules/legacy-kms-client';

export interface Scenario {
  lang: string;
  name: string;
  dir: string;
  before: string;
  after: string;
  options: Partial<MigrateOptions>;
  /** Rule ids of the findings migrate must report (order-free). */
  unrewritten: string[];
}

/** Every before/after scenario; folders with an expect.json are scan-only scenarios of other rules. */
export function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const lang of readdirSync(FIXTURE_ROOT).sort()) {
    const langDir = join(FIXTURE_ROOT, lang);
    if (!statSync(langDir).isDirectory()) continue;
    for (const name of readdirSync(langDir).sort()) {
      const dir = join(langDir, name);
      if (
        !existsSync(join(dir, 'before')) ||
        !existsSync(join(dir, 'after')) ||
        existsSync(join(dir, 'expect.json'))
      )
        continue;
      const spec = existsSync(join(dir, 'migrate.json'))
        ? (JSON.parse(readFileSync(join(dir, 'migrate.json'), 'utf8')) as {
            options?: Partial<MigrateOptions>;
            unrewritten?: string[];
          })
        : {};
      out.push({
        lang,
        name,
        dir,
        before: join(dir, 'before'),
        after: join(dir, 'after'),
        options: spec.options ?? {},
        unrewritten: spec.unrewritten ?? [],
      });
    }
  }
  return out;
}

/** Relative paths of every file under dir. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
