import { describe, expect, it } from 'vitest';
import { parseSetupArgs, runSetup } from '../../src/toolchains/setup-cli.js';

describe('setup-cli arguments', () => {
  it('installs every language by default', () => {
    const parsed = parseSetupArgs([]);
    expect(typeof parsed).toBe('object');
    expect((parsed as { langs: string[] }).langs).toEqual(['python', 'java', 'go', 'node']);
  });

  it('accepts --only and --lang lists in both spellings', () => {
    expect((parseSetupArgs(['--only', 'go']) as { langs: string[] }).langs).toEqual(['go']);
    expect((parseSetupArgs(['--lang=python,node']) as { langs: string[] }).langs).toEqual(['python', 'node']);
    expect(
      (
        parseSetupArgs(['--lang', 'java', '--cache', '/tmp/x', '--force']) as {
          cacheDir: string;
          force: boolean;
        }
      ).cacheDir,
    ).toBe('/tmp/x');
  });

  it('makes Neovim ready by default and with --only neovim, not with --only go', () => {
    expect((parseSetupArgs([]) as { neovim: boolean }).neovim).toBe(true);
    expect(parseSetupArgs(['--only', 'neovim'])).toMatchObject({ langs: [], neovim: true });
    expect(parseSetupArgs(['--only', 'go'])).toMatchObject({ langs: ['go'], neovim: false });
  });

  it('rejects an unknown language and a flag without its value', () => {
    expect(parseSetupArgs(['--only', 'rust'])).toMatch(/unknown language 'rust'/);
    expect(parseSetupArgs(['--cache'])).toMatch(/--cache needs a value/);
  });

  it('exits 2 on bad usage', async () => {
    expect(await runSetup(['--lang', 'cobol', '--quiet'])).toBe(2);
  });
});
