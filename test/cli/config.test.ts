import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, validateConfig } from '../../src/config/config.js';

const RULES = ['legacy-kms-client', 'blocked-kms-api'];
const dir = mkdtempSync(join(tmpdir(), 'kms-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kms-codemod.config.json', () => {
  it('is optional, and read from the scanned root when present', () => {
    expect(loadConfig(dir, RULES)).toEqual({ ignores: [], rules: {} });
    writeFileSync(
      join(dir, 'kms-codemod.config.json'),
      JSON.stringify({ ignores: ['gen/'], rules: { 'blocked-kms-api': 'off' }, maxFileSize: 10 }),
    );
    expect(loadConfig(dir, RULES)).toEqual({
      ignores: ['gen/'],
      rules: { 'blocked-kms-api': 'off' },
      maxFileSize: 10,
    });
  });

  it('names the file and the field on every mistake', () => {
    const bad: [unknown, RegExp][] = [
      [[], /must be a JSON object/],
      [{ ignore: [] }, /unknown field "ignore"/],
      [{ ignores: 'x' }, /"ignores" must be an array/],
      [
        { rules: { 'legacy-kms-client': 'fatal' } },
        /rules\.legacy-kms-client must be one of off, info, warning, error/,
      ],
      [{ rules: { nope: 'off' } }, /unknown rule "nope"/],
      [{ maxFileSize: -1 }, /"maxFileSize" must be a positive number/],
    ];
    for (const [raw, msg] of bad) {
      expect(() => validateConfig(raw, 'x/kms-codemod.config.json', RULES)).toThrow(msg);
      expect(() => validateConfig(raw, 'x/kms-codemod.config.json', RULES)).toThrow(
        /^x\/kms-codemod\.config\.json: /,
      );
    }
  });

  it('refuses an explicit file that is missing or not JSON', () => {
    expect(() => loadConfig(dir, RULES, join(dir, 'missing.json'))).toThrow(ConfigError);
    writeFileSync(join(dir, 'broken.json'), '{ "rules": ');
    expect(() => loadConfig(dir, RULES, join(dir, 'broken.json'))).toThrow(/broken\.json: not valid JSON/);
  });
});

describe('a found config’s ignores, seen from the scan root', async () => {
  const { rebaseIgnores } = await import('../../src/config/rebase-ignores.js');
  it('are kept when the config sits in the root, and for patterns that match at any depth', () => {
    expect(rebaseIgnores(['gen/', '*.gen.ts', '/legacy'], '/r', '/r')).toEqual([
      'gen/',
      '*.gen.ts',
      '/legacy',
    ]);
    expect(rebaseIgnores(['dist', '*.gen.ts'], '/r', '/r/svc')).toEqual(['dist', '*.gen.ts']);
  });
  it('lose the part of their path above the root, or are dropped when they point elsewhere', () => {
    expect(
      rebaseIgnores(
        ['svc/gen/', '/svc/old/**', 'other/x', '*/gen2', '**/tmp', '!svc/gen/keep.ts'],
        '/r',
        '/r/svc',
      ),
    ).toEqual(['/gen/', '/old/**', '/gen2', '**/tmp', '!/gen/keep.ts']);
    expect(rebaseIgnores(['svc'], '/r', '/r/svc')).toEqual(['svc']);
    expect(rebaseIgnores(['svc/'], '/r', '/r/svc')).toEqual(['svc/']);
  });
  it('are anchored under the config’s directory when that lies below the root', () => {
    expect(rebaseIgnores(['gen/', 'a/b'], '/r/svc', '/r')).toEqual(['/svc/**/gen/', '/svc/a/b']);
  });
});
