import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findExecutable, versionAtLeast } from '../../src/toolchains/find-executable.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

function dirWithTool(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kc-bin-'));
  writeFileSync(join(dir, name), '#!/bin/sh\n');
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe('findExecutable', () => {
  it('prefers preferDirs, then PATH, then fallbackDirs, and skips non-executables', () => {
    const prefer = dirWithTool('tool');
    const onPath = dirWithTool('tool');
    const fallback = dirWithTool('tool');
    const notExec = mkdtempSync(join(tmpdir(), 'kc-bin-'));
    writeFileSync(join(notExec, 'tool'), 'data');
    process.env.PATH = `${notExec}:${onPath}`;
    expect(findExecutable(['tool'], [prefer], [fallback])).toBe(join(prefer, 'tool'));
    expect(findExecutable(['tool'], [], [fallback])).toBe(join(onPath, 'tool'));
    process.env.PATH = notExec;
    expect(findExecutable(['tool'], [], [fallback])).toBe(join(fallback, 'tool'));
    expect(findExecutable(['tool'])).toBeUndefined();
  });

  it('compares versions component by component', () => {
    expect(versionAtLeast([3, 11, 7], [3, 8])).toBe(true);
    expect(versionAtLeast([3, 7], [3, 8])).toBe(false);
    expect(versionAtLeast([1, 26], [1, 21])).toBe(true);
    expect(versionAtLeast([2], [1, 21])).toBe(true);
  });
});
