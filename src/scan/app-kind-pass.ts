import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { AppAnalysis, EntryPointMemo } from '../model/index.js';
import type { SourceEntry } from '../workspace/walk.js';
import { appKind } from './app-kind.js';

/** An entry point sits near the top of a file (a package clause, a main class); manifests are small. */
const READ_LIMIT = 256 * 1024;

/** One buffer for every read: a library's sources are read one after another, thousands of them. */
let head: Buffer | undefined;

function readHead(abs: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    head ??= Buffer.allocUnsafe(READ_LIMIT);
    const buf = head;
    const n = readSync(fd, buf, 0, READ_LIMIT, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Sets `kind` on each application that uses KMS (the others need no answer, and a large repository's
 * sources are read again only for those). Reads manifests first; sources only until one is a program.
 */
export function classifyApps(
  root: string,
  analyses: AppAnalysis[],
  sources: readonly SourceEntry[],
  locate: (file: string) => string,
  memo?: EntryPointMemo,
): void {
  const wanted = new Map(analyses.filter((a) => a.usesKms || a.kmsClients.length > 0).map((a) => [a.dir, a]));
  if (wanted.size === 0) return;
  const sourcesOf = new Map<string, string[]>();
  for (const s of sources) {
    const dir = locate(s.rel);
    if (!wanted.has(dir)) continue;
    const list = sourcesOf.get(dir) ?? [];
    list.push(s.rel);
    sourcesOf.set(dir, list);
  }
  for (const a of wanted.values()) {
    const verdict = appKind(
      a.manifests,
      sourcesOf.get(a.dir) ?? [],
      (rel) => readHead(join(root, rel)),
      memo,
    );
    a.kind = verdict.kind;
    a.kindEvidence = verdict.evidence;
  }
}
