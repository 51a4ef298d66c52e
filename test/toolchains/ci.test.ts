import { describe, expect, it } from 'vitest';
import { inCI } from '../../src/toolchains/ci.js';
import { skipOrFail } from '../support/gate.js';

describe('inCI', () => {
  it('is any non-empty CI other than false/0', () => {
    for (const v of ['true', '1', 'yes', 'TRUE', 'github-actions']) expect(inCI({ CI: v }), v).toBe(true);
    for (const v of [undefined, '', ' ', 'false', 'FALSE', '0'])
      expect(inCI({ CI: v }), String(v)).toBe(false);
  });
});

describe('skipOrFail', () => {
  const ctx = () => {
    const notes: (string | undefined)[] = [];
    return {
      notes,
      skip: (note?: string) => {
        notes.push(note);
        throw new Error('skipped');
      },
    };
  };

  it('skips with the reason outside CI and fails under CI', () => {
    const saved = process.env.CI;
    try {
      process.env.CI = '0';
      const outside = ctx();
      expect(() => skipOrFail(outside, 'go missing')).toThrow('skipped');
      expect(outside.notes).toEqual(['go missing']);
      process.env.CI = '1';
      const inside = ctx();
      expect(() => skipOrFail(inside, 'go missing')).toThrow(/go missing \(CI is set/);
      expect(inside.notes).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
