import { dirname, resolve } from 'node:path';
import { type KmsCodemodConfig, loadConfig } from './config.js';
import { findConfig } from './find-config.js';
import { rebaseIgnores } from './rebase-ignores.js';

/** A config object, a config file's path, `false` for none, or unset: found above the scanned paths. */
export type ConfigSetting = KmsCodemodConfig | string | false | undefined;

/**
 * The config of one run. A file found by the upward search has its `ignores` read relative to its
 * own directory; a file named with `--config` relative to the scan root, as ESLint reads `-c`.
 */
export function resolveConfig(
  setting: ConfigSetting,
  root: string,
  paths: readonly string[],
  knownRules: readonly string[],
): KmsCodemodConfig {
  if (setting === false) return { ignores: [], rules: {} };
  if (typeof setting === 'object') return setting;
  if (typeof setting === 'string') return loadConfig(root, knownRules, resolve(setting));
  const file = findConfig(paths.length ? paths : [root]);
  if (!file) return { ignores: [], rules: {} };
  const config = loadConfig(dirname(file), knownRules, file);
  return { ...config, ignores: rebaseIgnores(config.ignores, dirname(file), root) };
}
