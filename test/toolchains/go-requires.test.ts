import { describe, expect, it } from 'vitest';
import { requireBlock } from '../../src/toolchains/go.js';

describe('requireBlock', () => {
  it('merges single-line and block requires, dropping // indirect comments', () => {
    const goMod = [
      'module x',
      '',
      'go 1.21',
      '',
      'require github.com/a/b v1.0.0',
      '',
      'require (',
      '\tgithub.com/c/d v0.2.0',
      '\tgithub.com/e/f v0.3.0 // indirect',
      ')',
      '',
    ].join('\n');
    expect(requireBlock(goMod)).toBe(
      'require (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d v0.2.0\n\tgithub.com/e/f v0.3.0\n)\n',
    );
  });
});
