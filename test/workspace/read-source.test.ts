import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceReader } from '../../src/workspace/read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, body: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

const KMS = "import Core from '@alicloud/pop-core';\n";

describe('SourceReader', () => {
  it('skips files over the size limit with the reason and the flag to raise it', () => {
    const r = new SourceReader(4096).read(file('big.ts', KMS + 'x'.repeat(5000)), 'big.ts', 'typescript');
    expect(r).toMatchObject({ kind: 'skip', skip: { file: 'big.ts', reason: 'too-large' } });
    if (r.kind === 'skip') expect(r.skip.detail).toContain('--max-file-size');
  });

  it('reuses its buffer without leaking one file into the next, at any size up to the limit', () => {
    const reader = new SourceReader(1024 * 1024);
    const big = `${KMS}// ${'a'.repeat(300_000)}\n`;
    const small = `${KMS}// b\n`;
    const middle = `${KMS}// ${'c'.repeat(70_000)}\n`;
    for (const [name, body] of [
      ['1.ts', small],
      ['2.ts', big],
      ['3.ts', small],
      ['4.ts', middle],
    ] as const) {
      expect(reader.read(file(name, body), name, 'typescript')).toEqual({
        kind: 'text',
        text: body,
        bytes: Buffer.byteLength(body),
      });
    }
  });

  it('never decodes a file that names no SDK literal, and keeps a BOM', () => {
    const reader = new SourceReader();
    expect(reader.read(file('plain.ts', 'export const x = 1;\n'), 'plain.ts', 'typescript')).toEqual({
      kind: 'no-sdk',
      bytes: 20,
    });
    const bom = `\uFEFF${KMS}`;
    expect(reader.read(file('bom.ts', bom), 'bom.ts', 'typescript')).toMatchObject({
      kind: 'text',
      text: bom,
    });
  });

  it('reports binary, non-UTF-8 and unreadable files', () => {
    const reader = new SourceReader();
    const kinds = [
      reader.read(file('bin.ts', Buffer.from([0x69, 0, 1, 2])), 'bin.ts', 'typescript'),
      reader.read(file('l1.ts', Buffer.from(`${KMS}// caf\xe9\n`, 'latin1')), 'l1.ts', 'typescript'),
      reader.read(join(dir, 'missing.ts'), 'missing.ts', 'typescript'),
    ].map((r) => (r.kind === 'skip' ? r.skip.reason : r.kind));
    expect(kinds).toEqual(['binary', 'non-utf8', 'unreadable']);
  });
});
