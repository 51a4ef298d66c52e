import { parentPort } from 'node:worker_threads';
import type { Language } from '../model/index.js';
import { extractFile } from './extract-file.js';

/** Worker side of the extraction pool (src/workspace/pool.ts): one parse per file it is handed. */
export interface ExtractTask {
  file: string;
  text: string;
  language: Language;
}

parentPort?.on('message', async (msg: { index: number; input: ExtractTask }) => {
  const { file, text, language } = msg.input;
  const output = await extractFile(file, text, language);
  parentPort?.postMessage({ index: msg.index, output });
});
