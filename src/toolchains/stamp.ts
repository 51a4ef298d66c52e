import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Bump when the cache layout changes, so old caches are rebuilt rather than misread. */
const LAYOUT_VERSION = 1;

export function stampKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ layout: LAYOUT_VERSION, parts }))
    .digest('hex')
    .slice(0, 16);
}

/** The saved result of a finished bootstrap, or undefined when missing, stale or unreadable. */
export function readStamp<T>(dir: string, key: string): T | undefined {
  const file = join(dir, 'stamp.json');
  if (!existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; value?: T };
    return saved.key === key ? saved.value : undefined;
  } catch {
    return undefined;
  }
}

export function writeStamp(dir: string, key: string, value: unknown): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'stamp.json');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ key, value, at: new Date().toISOString() }, null, 2));
  renameSync(tmp, file);
}

const STALE_LOCK_MS = 30 * 60_000;
const WAIT_LOCK_MS = 30 * 60_000;

/**
 * Serialises bootstraps of one toolchain across processes (parallel test workers, two CLIs): a
 * directory lock next to the toolchain directory. A lock older than 30 minutes is a crashed run's.
 */
export async function withLock<T>(dir: string, onWait: () => void, body: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) {
          rmSync(lock, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue;
      }
      if (Date.now() - started > WAIT_LOCK_MS)
        throw new Error(`timed out waiting for ${lock}; remove it if no setup is running`);
      if (!told) {
        onWait();
        told = true;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
