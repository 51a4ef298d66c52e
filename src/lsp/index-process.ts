import { type ScanProgress, scan } from '../scan/index.js';
import type { IndexMessage, IndexRequest } from './index-build.js';

// The language server's index process (index-build.ts): one scan of one folder, then it exits.

/** Progress goes to the editor a few times a second at most. */
const PROGRESS_EVERY_MS = 150;

function post(m: IndexMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(m, undefined, undefined, () => resolve());
  });
}

async function run(req: IndexRequest): Promise<void> {
  let last = 0;
  const onProgress = (progress: ScanProgress) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS && progress.done !== progress.total) return;
    last = now;
    void post({ type: 'progress', progress });
  };
  try {
    await post({
      type: 'done',
      result: await scan({ root: req.root, config: req.config, cache: req.cache, onProgress }),
    });
  } catch (err) {
    await post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
  process.disconnect?.();
}

// The server gone (crashed, killed): nothing is waiting for this build.
process.on('disconnect', () => process.exit(0));
process.once('message', (req: IndexRequest) => void run(req));
