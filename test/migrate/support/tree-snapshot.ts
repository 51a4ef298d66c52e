import { chownSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Snapshot = Map<string, Buffer>;

/** Every file under `dir`, by path relative to it, with its bytes. */
export function snapshot(dir: string): Snapshot {
  const out: Snapshot = new Map();
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  visit(dir);
  return out;
}

/** Whether, in `now`, every file of `app` has its bytes of `before`, or every one those of `after`. */
export function wholly(app: string, now: Snapshot, before: Snapshot, after: Snapshot): boolean {
  const files = [...before.keys()].filter((f) => f.startsWith(`${app}/`));
  const same = (ref: Snapshot) => files.every((f) => now.get(f)?.equals(ref.get(f) as Buffer));
  return same(before) || same(after);
}

/** Gives `dir` and everything under it to `uid` (tests run as root act as an unprivileged user). */
export function chownRecursive(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chownRecursive(p, uid);
    else chownSync(p, uid, uid);
  }
}
