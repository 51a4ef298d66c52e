import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Source files that are not UTF-8 (GBK/GB18030, Shift-JIS, Latin-1 ... in our users' code) are read
 * in their own encoding and written back in it. UTF-8 is always tried first: a file that is valid
 * UTF-8 is read as UTF-8 whatever the setting. Otherwise the configured encoding (`--encoding`, config
 * `encoding`) is used, or with `auto` the candidates chardet ranks, in its order. A candidate is taken
 * only when encoding the decoded text gives back the very bytes of the file, so that the bytes a
 * rewrite does not touch are written back unchanged; a wrong guess among such encodings can only
 * change how comments look in a diff, never the file.
 */
export const AUTO_ENCODING = 'auto';

export type Decoded =
  /** `encoding` is undefined for UTF-8 (a BOM stays in the text, so offsets match the file). */
  { ok: true; text: string; encoding?: string } | { ok: false; detail: string };

interface Iconv {
  decode(buf: Buffer, encoding: string, options?: { stripBOM?: boolean }): string;
  encode(text: string, encoding: string, options?: { addBOM?: boolean }): Buffer;
  encodingExists(encoding: string): boolean;
}
interface Chardet {
  analyse(buf: Uint8Array): { name: string; confidence: number }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const require = createRequire(import.meta.url);
// Loaded on the first file that is not UTF-8: nearly every scan never needs them.
let iconvModule: Iconv | undefined;
let chardetModule: Chardet | undefined;
const iconv = (): Iconv => {
  iconvModule ??= require('iconv-lite') as Iconv;
  return iconvModule;
};
const chardet = (): Chardet => {
  chardetModule ??= require('chardet') as Chardet;
  return chardetModule;
};

/** `auto`, `utf-8`, or an encoding iconv-lite knows (`gbk`, `gb18030`, `shift_jis`, `latin1`, ...). */
export function isKnownEncoding(name: string): boolean {
  const n = name.trim().toLowerCase();
  return n === AUTO_ENCODING || isUtf8(n) || iconv().encodingExists(n);
}

function isUtf8(name: string | undefined): boolean {
  return name === undefined || /^utf-?8$/i.test(name);
}

/** GB18030 is what chardet calls GBK text too; plain GBK (CP936) is the fallback for its single 0x80. */
function candidates(buf: Buffer, configured: string | undefined): string[] {
  if (configured && configured.toLowerCase() !== AUTO_ENCODING) return [configured.toLowerCase()];
  const names = chardet()
    .analyse(buf)
    .map((c) => c.name.toLowerCase())
    .filter((n) => !n.startsWith('utf-') && !n.startsWith('iso-2022'));
  return [...new Set(names.flatMap((n) => (n === 'gb18030' ? [n, 'gbk'] : [n])))];
}

/** The text of a source file's bytes, in UTF-8 or its own encoding (see the module comment). */
export function decodeSource(buf: Buffer, configured?: string): Decoded {
  try {
    return { ok: true, text: utf8.decode(buf) };
  } catch {
    // not UTF-8: try the configured or detected encoding below
  }
  const fixed = configured !== undefined && configured.toLowerCase() !== AUTO_ENCODING;
  if (fixed && isUtf8(configured))
    return { ok: false, detail: 'not valid UTF-8 (the configured encoding); fix the file or set "encoding"' };
  for (const encoding of candidates(buf, configured)) {
    if (!iconv().encodingExists(encoding)) continue;
    const text = iconv().decode(buf, encoding, { stripBOM: false });
    if (iconv().encode(text, encoding, { addBOM: false }).equals(buf)) return { ok: true, text, encoding };
  }
  return {
    ok: false,
    detail: fixed
      ? `not UTF-8 and not valid ${configured} (it does not read back byte for byte); give its encoding with --encoding or the config's "encoding"`
      : `not UTF-8, and no encoding was found that reads it back byte for byte; give its encoding with --encoding or the config's "encoding"`,
  };
}

/** The bytes to write for `text` in the encoding it was read in (undefined: UTF-8, BOM as in the text). */
export function encodeSource(text: string, encoding?: string): Buffer {
  return isUtf8(encoding)
    ? Buffer.from(text, 'utf8')
    : iconv().encode(text, encoding as string, { addBOM: false });
}

/** Whether `text` can be written in `encoding` with no character lost (a rewrite only adds ASCII, but say so if not). */
export function encodesLosslessly(text: string, encoding?: string): boolean {
  if (isUtf8(encoding)) return true;
  const bytes = encodeSource(text, encoding);
  return iconv().decode(bytes, encoding as string, { stripBOM: false }) === text;
}

/**
 * Reads a file scan has read before, in the encoding scan found (`undefined`: UTF-8), or any file
 * (a manifest) with detection. Throws with the reason when it cannot be read or decoded.
 */
export function readSourceFile(
  path: string,
  encoding: string = AUTO_ENCODING,
): { text: string; encoding?: string } {
  const decoded = decodeSource(readFileSync(path), encoding);
  if (!decoded.ok) throw new Error(decoded.detail);
  return { text: decoded.text, ...(decoded.encoding ? { encoding: decoded.encoding } : {}) };
}
