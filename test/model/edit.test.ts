import { describe, expect, it } from 'vitest';
import { applyEdits, EditOverlapError, LineIndex } from '../../src/model/index.js';

describe('applyEdits', () => {
  it('splices at UTF-16 offsets and leaves everything else as it was', () => {
    const text = '// 中文😀\nnew DefaultAcsClient(profile);\r\n';
    const start = text.indexOf('DefaultAcsClient');
    const out = applyEdits(text, [
      { start, end: start + 'DefaultAcsClient'.length, text: 'KmsTransferAcsClient' },
      { start: text.indexOf(')'), end: text.indexOf(')'), text: ', config' },
    ]);
    expect(out).toBe('// 中文😀\nnew KmsTransferAcsClient(profile, config);\r\n');
  });

  it('collapses identical edits and refuses overlapping ones', () => {
    const e = { start: 1, end: 3, text: 'x' };
    expect(applyEdits('abcd', [e, { ...e }])).toBe('axd');
    expect(() => applyEdits('abcd', [e, { start: 2, end: 4, text: 'y' }])).toThrow(EditOverlapError);
  });

  it('keeps two insertions at one point in the given order', () => {
    expect(
      applyEdits('ab', [
        { start: 1, end: 1, text: '1' },
        { start: 1, end: 1, text: '2' },
      ]),
    ).toBe('a12b');
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const idx = new LineIndex('ab\ncd\n\nx');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(4)).toEqual({ line: 2, column: 2 });
    expect(idx.position(7)).toEqual({ line: 4, column: 1 });
    expect(idx.range(3, 5).end).toEqual({ line: 2, column: 3 });
  });
});
