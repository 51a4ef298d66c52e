import { describe, expect, it } from 'vitest';
import { appKind } from '../../src/scan/app-kind.js';

describe('the entry-point memo (what the fact cache remembers for the application pass)', () => {
  const sources = ['lib/a.go', 'lib/b.go', 'cmd/main.go'];
  const files: Record<string, string> = {
    'go.mod': 'module example.com/x\n',
    'lib/a.go': 'package lib\n',
    'lib/b.go': 'package lib\n',
    'cmd/main.go': 'package main\n',
  };

  it('answers from the memo without reading, and records what it had to read', () => {
    const read: string[] = [];
    const recorded = new Map<string, boolean>();
    const memo = {
      get: (rel: string) => recorded.get(rel),
      set: (rel: string, v: boolean) => recorded.set(rel, v),
    };
    const reader = (rel: string) => {
      read.push(rel);
      return files[rel];
    };
    const first = appKind(['go.mod'], sources, reader, memo);
    expect(first).toEqual({ kind: 'application', evidence: 'cmd/main.go is an entry point' });
    expect(read).toEqual(['go.mod', ...sources]);
    expect([...recorded]).toEqual([
      ['lib/a.go', false],
      ['lib/b.go', false],
      ['cmd/main.go', true],
    ]);
    read.length = 0;
    expect(appKind(['go.mod'], sources, reader, memo)).toEqual(first);
    expect(read).toEqual(['go.mod']);
    // Without a memo, the same answer from the files.
    expect(appKind(['go.mod'], sources, (rel) => files[rel])).toEqual(first);
  });
});
