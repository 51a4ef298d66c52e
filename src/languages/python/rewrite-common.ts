import type { SyntaxNode } from '../rewrite-kit/parse.js';
import { type InstanceSettings, quoted, type SettingName, settingValue } from '../rewrite-kit/settings.js';

/** A setting as Python: the literal the user chose, or an environment lookup. */
export function pyValue(settings: InstanceSettings, name: SettingName): string {
  const v = settingValue(settings, name);
  return v.literal !== undefined ? quoted(v.literal) : `os.getenv(${quoted(v.envName)})`;
}

/** The statement (child of a block or the module) holding `node`. */
export function enclosingStatement(node: SyntaxNode): SyntaxNode | undefined {
  let cur: SyntaxNode | null = node;
  while (cur?.parent) {
    if (cur.parent.type === 'block' || cur.parent.type === 'module') return cur;
    cur = cur.parent;
  }
  return undefined;
}

export function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** `name = Class(\n  protocol="https",\n  endpoint=..., client_key_file=..., password=...,\n)` as lines. */
export function instanceConfigLines(
  name: string,
  cls: string,
  settings: InstanceSettings,
  indent: string,
  unit: string,
): string[] {
  const fields: [string, SettingName][] = [
    ['endpoint', 'endpoint'],
    ['client_key_file', 'clientKeyFile'],
    ['password', 'clientKeyPassword'],
  ];
  return [
    `${indent}${name} = ${cls}(`,
    `${indent}${unit}protocol="https",`,
    ...fields.map(([field, setting]) => `${indent}${unit}${field}=${pyValue(settings, setting)},`),
    `${indent})`,
  ];
}
