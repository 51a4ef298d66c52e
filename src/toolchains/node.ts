import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './find-executable.js';
import { runCommand, tailOf } from './run-command.js';
import { NPM_PACKAGES } from './sdk-versions.js';
import { readStamp, stampKey, withLock, writeStamp } from './stamp.js';
import type { EnsureOptions, MissingToolchain, NodeToolchain } from './types.js';

export async function ensureNode(
  cacheDir: string,
  opts: EnsureOptions,
): Promise<NodeToolchain | MissingToolchain> {
  const say = opts.onProgress ?? (() => {});
  const npm = findExecutable(['npm']);
  if (!npm) return { lang: 'node', ok: false, reason: 'no npm found: install Node.js 20 with npm' };
  const dir = join(cacheDir, 'node');
  const nodePath = join(dir, 'node_modules');
  const key = stampKey({ packages: NPM_PACKAGES });
  const ready = (): NodeToolchain => ({ lang: 'node', ok: true, nodePath, env: { NODE_PATH: nodePath } });
  const complete = () => NPM_PACKAGES.every((p) => existsSync(join(nodePath, p.name, 'package.json')));
  if (!opts.force && readStamp(dir, key) && complete()) return ready();

  return withLock(
    dir,
    () => say('node: waiting for another setup to finish'),
    async () => {
      if (!opts.force && readStamp(dir, key) && complete()) return ready();
      mkdirSync(dir, { recursive: true });
      // A package.json of its own keeps npm from walking up into an unrelated project.
      if (!existsSync(join(dir, 'package.json'))) {
        writeFileSync(
          join(dir, 'package.json'),
          `${JSON.stringify({ name: 'kms-codemod-sdk-toolchain', private: true }, null, 2)}\n`,
        );
      }
      const specs = NPM_PACKAGES.map((p) => `${p.name}@${p.version}`);
      say(`node: npm install ${specs.join(' ')} into ${dir}`);
      const r = await runCommand(
        npm,
        [
          'install',
          '--prefix',
          dir,
          '--save-exact',
          '--no-audit',
          '--no-fund',
          '--loglevel',
          'error',
          ...specs,
        ],
        { cwd: dir, onLine: (l) => say(`node: ${l}`) },
      );
      if (r.code !== 0 || !complete()) {
        return {
          lang: 'node',
          ok: false,
          installFailed: true,
          reason: `npm install into ${dir} failed:\n${tailOf(r)}`,
        };
      }
      writeStamp(dir, key, { nodePath });
      say('node: ready');
      return ready();
    },
  );
}
