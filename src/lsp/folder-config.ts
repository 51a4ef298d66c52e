import { resolve } from 'node:path';
import { ConfigError, type KmsCodemodConfig } from '../config/config.js';
import { findConfig } from '../config/find-config.js';
import { type ConfigSetting, resolveConfig } from '../config/resolve-config.js';
import { RULES } from '../rules/index.js';

/** The config a workspace folder (or a file outside every folder) is analysed with. */
export interface FolderConfig {
  /** The config file: found upward from the folder, or the server's --config; undefined for none. */
  file?: string;
  config: KmsCodemodConfig;
  /**
   * Why the file could not be used (it names the file and the field). `config` is then the last
   * good one of this folder, or none: the server goes on linting and says so, never stops silently.
   */
  error?: string;
}

function configFileOf(setting: ConfigSetting, dir: string): string | undefined {
  if (setting === false || typeof setting === 'object') return undefined;
  if (typeof setting === 'string') return resolve(setting);
  return findConfig([dir]);
}

/**
 * The config of `dir` the way `kms-codemod scan dir` reads it (the same upward search, `ignores`
 * rebased to `dir`), with a broken file reported instead of thrown.
 */
export function loadFolderConfig(dir: string, setting: ConfigSetting, previous?: FolderConfig): FolderConfig {
  const file = configFileOf(setting, dir);
  try {
    return {
      file,
      config: resolveConfig(
        setting,
        dir,
        [dir],
        RULES.map((r) => r.meta.id),
      ),
    };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { file, config: previous?.config ?? { ignores: [], rules: {} }, error: err.message };
  }
}

/** What the user is told when a config cannot be used. */
export function configErrorMessage(fc: FolderConfig): string {
  return `kms-codemod: ${fc.error}. Until it is fixed, the language server uses the last valid config of this folder (or none).`;
}
