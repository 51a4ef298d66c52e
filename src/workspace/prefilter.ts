import type { Language } from '../model/index.js';
import { SDK_LITERALS, SDK_PATTERNS } from './sdk-literals.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PATTERNS = new Map<Language, RegExp>(
  (Object.keys(SDK_LITERALS) as Language[])
    .filter((l) => SDK_LITERALS[l].length > 0)
    .map((l) => [
      l,
      new RegExp(
        [...SDK_LITERALS[l].map(escapeRegExp), ...(SDK_PATTERNS[l] ? [SDK_PATTERNS[l]] : [])].join('|'),
      ),
    ]),
);

/**
 * Whether a file may use an SDK: one regex over the raw bytes read as latin1 (every literal is ASCII,
 * so a UTF-8 file matches exactly when its text does, at several hundred MB/s).
 */
export function mayUseSdk(language: Language, bytes: Buffer): boolean {
  return PATTERNS.has(language) && mayUseSdkText(language, bytes.toString('latin1'));
}

export function mayUseSdkText(language: Language, text: string): boolean {
  const re = PATTERNS.get(language);
  return re ? re.test(text) : false;
}
