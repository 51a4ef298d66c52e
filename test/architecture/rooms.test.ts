import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Rooms depend one way: cli → lsp/review → scan/migrate → languages/rules → model/protocol. Each room
 * here lists the rooms it must never import from (type imports included: they tie the rooms as much).
 */
const SRC = join(import.meta.dirname, '../../src');
const ABOVE_SCAN = ['cli', 'lsp', 'review'];
const FORBIDDEN: Record<string, readonly string[]> = {
  model: ['cli', 'lsp', 'review', 'scan', 'migrate', 'languages', 'rules', 'report', 'cache', 'workspace'],
  protocol: ['cli', 'lsp', 'review', 'scan', 'migrate', 'languages', 'rules', 'report', 'cache'],
  languages: [...ABOVE_SCAN, 'scan', 'migrate'],
  rules: [...ABOVE_SCAN, 'scan', 'migrate'],
  report: [...ABOVE_SCAN, 'scan', 'migrate'],
  cache: [...ABOVE_SCAN, 'scan', 'migrate'],
  suppressions: [...ABOVE_SCAN, 'scan', 'migrate'],
  scan: ABOVE_SCAN,
  migrate: ABOVE_SCAN,
  verify: ABOVE_SCAN,
  keys: ABOVE_SCAN,
  lsp: ['cli'],
  review: ['cli'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function roomOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0];
}

describe('rooms depend one way', () => {
  const files = sources(SRC);

  it('reads the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('no room imports from a room above it', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const room = roomOf(file);
      const forbidden = FORBIDDEN[room];
      if (!forbidden) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = roomOf(normalize(join(dirname(file), m[1])));
        if (forbidden.includes(target)) wrong.push(`${relative(SRC, file)} imports ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
