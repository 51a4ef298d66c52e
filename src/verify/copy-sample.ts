import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';

// Build output and installs never travel with a copy: each copy is built from sources only.
const LEFT_BEHIND = new Set(['node_modules', '__pycache__', 'classes', 'target', '.venv', 'sample-app']);

/** Copies a sample (or a user's app) into `to`, replacing whatever was there; the original is never touched. */
export function copySample(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(from, to, {
    recursive: true,
    filter: (src) => !LEFT_BEHIND.has(basename(src)) && !src.endsWith('.class'),
  });
}
