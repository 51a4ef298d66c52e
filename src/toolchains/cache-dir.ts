import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** $KMS_CODEMOD_CACHE, or ~/.cache/kms-codemod (XDG_CACHE_HOME honoured). */
export function defaultCacheDir(): string {
  const fromEnv = process.env.KMS_CODEMOD_CACHE;
  if (fromEnv && fromEnv.trim() !== '') return resolve(fromEnv);
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.trim() !== '' ? xdg : join(homedir(), '.cache'), 'kms-codemod');
}
