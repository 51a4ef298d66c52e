import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../model/index.js';
import { isKnownEncoding } from '../workspace/source-encoding.js';

export type RuleSetting = Severity | 'off';

/** `kms-codemod.config.json`: what a repository tells the scan. */
export interface KmsCodemodConfig {
  /** Gitignore-style globs left out of the scan. */
  ignores: string[];
  /** Per-rule severity override, or 'off'. */
  rules: Record<string, RuleSetting>;
  /** Files larger than this (bytes) are skipped. */
  maxFileSize?: number;
  includeVendored?: boolean;
  /** Encoding of source files that are not UTF-8 (`gbk`, `shift_jis`, `latin1`, ...), or `auto` (detect). */
  encoding?: string;
}

export const CONFIG_FILE = 'kms-codemod.config.json';
const SETTINGS = new Set(['off', 'info', 'warning', 'error']);

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Checks a parsed config; every problem names the file and the field, and says what is allowed. */
export function validateConfig(raw: unknown, file: string, knownRules: readonly string[]): KmsCodemodConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file}: the config must be a JSON object like {"ignores": [], "rules": {}}`);
  }
  const o = raw as Record<string, unknown>;
  const cfg: KmsCodemodConfig = { ignores: [], rules: {} };
  for (const key of Object.keys(o)) {
    if (!['ignores', 'rules', 'maxFileSize', 'includeVendored', 'encoding', '$schema'].includes(key)) {
      throw new ConfigError(
        `${file}: unknown field "${key}"; allowed: ignores, rules, maxFileSize, includeVendored, encoding`,
      );
    }
  }
  if (o.ignores !== undefined) {
    if (!Array.isArray(o.ignores) || o.ignores.some((g) => typeof g !== 'string')) {
      throw new ConfigError(`${file}: "ignores" must be an array of glob strings`);
    }
    cfg.ignores = o.ignores as string[];
  }
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) {
      throw new ConfigError(`${file}: "rules" must be an object of rule id → off|info|warning|error`);
    }
    for (const [id, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (!knownRules.includes(id))
        throw new ConfigError(`${file}: unknown rule "${id}" in "rules"; known: ${knownRules.join(', ')}`);
      if (typeof v !== 'string' || !SETTINGS.has(v)) {
        throw new ConfigError(`${file}: rules.${id} must be one of off, info, warning, error`);
      }
      cfg.rules[id] = v as RuleSetting;
    }
  }
  if (o.maxFileSize !== undefined) {
    if (typeof o.maxFileSize !== 'number' || !(o.maxFileSize > 0)) {
      throw new ConfigError(`${file}: "maxFileSize" must be a positive number of bytes`);
    }
    cfg.maxFileSize = o.maxFileSize;
  }
  if (o.includeVendored !== undefined) {
    if (typeof o.includeVendored !== 'boolean')
      throw new ConfigError(`${file}: "includeVendored" must be true or false`);
    cfg.includeVendored = o.includeVendored;
  }
  if (o.encoding !== undefined) {
    if (typeof o.encoding !== 'string' || !isKnownEncoding(o.encoding))
      throw new ConfigError(
        `${file}: "encoding" must be "auto" or an encoding name such as "gbk", "gb18030", "shift_jis" or "latin1"`,
      );
    cfg.encoding = o.encoding;
  }
  return cfg;
}

/**
 * Loads `explicitPath`, or `<root>/kms-codemod.config.json` when present, or an empty config.
 * A missing explicit file or a malformed one is an error (the CLI exits 2).
 */
export function loadConfig(
  root: string,
  knownRules: readonly string[],
  explicitPath?: string,
): KmsCodemodConfig {
  const path = explicitPath ?? join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (!explicitPath && (err as NodeJS.ErrnoException).code === 'ENOENT') return { ignores: [], rules: {} };
    throw new ConfigError(
      `${path}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  return validateConfig(raw, path, knownRules);
}
