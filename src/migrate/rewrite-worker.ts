import { parentPort } from 'node:worker_threads';
import { type MigrateTextOptions, migrateText } from './migrate-text.js';

/**
 * Runs `migrateText` for hosts whose module loader must not touch our code: jscodeshift hooks
 * `require` with babel for every file, which cannot compile ts-morph. A worker thread has its own
 * loader. Protocol: { id, file, text, options } → { id, result } | { id, error }.
 */
parentPort?.on('message', (msg: { id: number; file: string; text: string; options: MigrateTextOptions }) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: migrateText(msg.file, msg.text, msg.options) });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: (err as Error).message });
  }
});
