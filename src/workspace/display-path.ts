import { isAbsolute, relative, sep } from 'node:path';

/** A path as the user would type it from here: relative to the working directory when inside it, `/` separators. */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return shown.split(sep).join('/');
}
