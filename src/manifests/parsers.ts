import { createRequire } from 'node:module';

/**
 * The maintained parsers the manifest modules read with, loaded on first use: application discovery
 * imports the module list on every scan, and most scans edit no manifest.
 */
const require = createRequire(import.meta.url);

type Saxes = typeof import('saxes');
type SmolToml = typeof import('smol-toml');

let saxes: Saxes | undefined;
let toml: SmolToml | undefined;

export function saxesParser(): InstanceType<Saxes['SaxesParser']> {
  saxes ??= require('saxes') as Saxes;
  return new saxes.SaxesParser({ position: true });
}

export function parseToml(text: string): Record<string, unknown> {
  toml ??= require('smol-toml') as SmolToml;
  return toml.parse(text) as Record<string, unknown>;
}
