import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS } from '../../src/cli/program.js';

describe('the program loads only what it runs', () => {
  it('--version and -V load no command (a version check must not load the parsers)', async () => {
    for (const flag of ['--version', '-V'])
      expect((await buildProgram(['node', 'kms-codemod', flag])).commands).toHaveLength(0);
  });

  it('a command loads itself alone; the top-level help loads them all', async () => {
    expect((await buildProgram(['node', 'kms-codemod', 'keys'])).commands.map((c) => c.name())).toEqual([
      'keys',
    ]);
    expect((await buildProgram(['node', 'kms-codemod', '--help'])).commands).toHaveLength(
      Object.keys(COMMANDS).length,
    );
  });
});
