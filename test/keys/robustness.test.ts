import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryFileError, parseInventoryText } from '../../src/keys/inventory-file.js';
import { parseYamlDocuments } from '../../src/keys/yaml-lite.js';

const INVENTORY = readFileSync(join(import.meta.dirname, '../../fixtures/keys/inventory.json'), 'utf8');

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('bad input is reported, never a crash', () => {
  it('every truncation of an inventory either parses or fails with InventoryFileError', () => {
    for (let cut = 0; cut < INVENTORY.length; cut += 37) {
      try {
        const inv = parseInventoryText(INVENTORY.slice(0, cut), 'cut.json');
        // A cut that still parses (between top-level values) must not invent keys.
        expect(inv.keys.length).toBeLessThanOrEqual(10);
      } catch (err) {
        expect(err).toBeInstanceOf(InventoryFileError);
      }
    }
  });

  it('random byte flips give InventoryFileError or per-key problems', () => {
    const next = rng(7);
    for (let round = 0; round < 300; round++) {
      const chars = INVENTORY.split('');
      for (let k = 0; k < 3; k++)
        chars[Math.floor(next() * chars.length)] = String.fromCharCode(Math.floor(next() * 128));
      try {
        const inv = parseInventoryText(chars.join(''), 'flip.json');
        expect(inv.keys.length + inv.problems.length).toBeGreaterThan(0);
      } catch (err) {
        expect(err).toBeInstanceOf(InventoryFileError);
      }
    }
  });

  it('deep nesting is refused, not a stack overflow', () => {
    expect(() => parseInventoryText(`${'['.repeat(5000)}${']'.repeat(5000)}`, 'deep.json')).toThrow(
      /nesting too deep/,
    );
  });

  it('yaml-lite never throws on random text', () => {
    const next = rng(11);
    const alphabet = 'ab:- \n\t#"\'[]{}|>,.';
    for (let round = 0; round < 500; round++) {
      let text = '';
      const len = Math.floor(next() * 200);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(() => parseYamlDocuments(text)).not.toThrow();
    }
  });
});
