import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeAtomic } from '../write.js';

/** A file as it was before migrate touched it (its bytes, in its own encoding); `text` undefined when it did not exist. */
export interface Original {
  path: string;
  text: string | Buffer | undefined;
}

/**
 * Puts files back as they were: each original text is written again (atomically, keeping the mode),
 * and a file that did not exist is removed. Returns the paths restored; a path that cannot be written
 * is reported to `failed` and the others are still restored.
 */
export function restoreOriginals(
  originals: readonly Original[],
  failed: (path: string, err: Error) => void = () => {},
): string[] {
  const restored: string[] = [];
  for (const o of originals) {
    try {
      if (o.text !== undefined && existsSync(o.path)) writeAtomic(o.path, o.text);
      else if (o.text !== undefined) writeFileSync(o.path, o.text);
      else if (existsSync(o.path)) unlinkSync(o.path);
      restored.push(o.path);
    } catch (err) {
      failed(o.path, err as Error);
    }
  }
  return restored;
}
