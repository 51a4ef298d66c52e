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

  it('reports binary and unreadable files', () => {
    const reader = new SourceReader();
    const kinds = [
      reader.read(file('bin.ts', Buffer.from([0x69, 0, 1, 2])), 'bin.ts', 'typescript'),
      reader.read(join(dir, 'missing.ts'), 'missing.ts', 'typescript'),
    ].map((r) => (r.kind === 'skip' ? r.skip.reason : r.kind));
    expect(kinds).toEqual(['binary', 'unreadable']);
  });

  it('reads a file that is not UTF-8 in its detected encoding, and names the encoding', () => {
    const r = new SourceReader().read(
      file('l1.ts', Buffer.from(`${KMS}// café crème brûlée, déjà vu\n`, 'latin1')),
      'l1.ts',
      'typescript',
    );
    expect(r).toMatchObject({ kind: 'text', text: `${KMS}// café crème brûlée, déjà vu\n` });
    if (r.kind === 'text') expect(r.encoding).toMatch(/iso-8859-1|windows-1252/);
  });

  it('reads a file with a NUL byte when it names an SDK: it is source, not binary', () => {
    const r = new SourceReader().read(file('nul.ts', `${KMS}const s = '\0';\n`), 'nul.ts', 'typescript');
    expect(r).toMatchObject({ kind: 'text', text: `${KMS}const s = '\0';\n` });
  });

  it('skips a file that is not valid in the configured encoding, saying how to set it', () => {
    const bytes = Buffer.from(`${KMS}// caf\xe9\n`, 'latin1');
    const r = new SourceReader(undefined, 'utf-8').read(file('l2.ts', bytes), 'l2.ts', 'typescript');
    expect(r).toMatchObject({ kind: 'skip', skip: { reason: 'non-utf8' } });
    if (r.kind === 'skip') expect(r.skip.detail).toContain('encoding');
  });
});
