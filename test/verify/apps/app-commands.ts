import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureToolchain } from '../../../src/toolchains/index.js';
import { packageRoot } from '../../../src/verify/package-root.js';
import { skipOrFail } from '../../support/gate.js';

/**
 * The fixture apps of `fixtures/apps/<lang>/records/` and the commands that build and run them with
 * the real SDKs of the bootstrapped toolchains, as a user's own `--before`/`--after` would. Each app
 * writes two encrypted records with `write` and prints them with `read`; its key id comes from its own
 * setting, APP_KMS_KEY_ID, mapped to the mock's ready-made key.
 */
export const APP_LANGS = ['python', 'java', 'go', 'ts'] as const;
export type AppLang = (typeof APP_LANGS)[number];

export interface AppCommands {
  dir: string;
  before: string;
  after: string;
  /** The Python app prints when it read: that line differs between runs. */
  normalize: RegExp[];
}

export const appDir = (lang: AppLang) => join(packageRoot(), 'fixtures', 'apps', lang, 'records');

const KEY = 'APP_KMS_KEY_ID="$KMS_VERIFY_AES_KEY_ID"';
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The commands for one language's app, or why they cannot run here. */
export async function appCommands(lang: AppLang): Promise<AppCommands | { missing: string }> {
  const dir = appDir(lang);
  const both = (run: (mode: string) => string, normalize: RegExp[] = []) => ({
    dir,
    before: run('write'),
    after: run('read'),
    normalize,
  });
  switch (lang) {
    case 'python': {
      const tc = await ensureToolchain('python');
      if (!tc.ok) return { missing: tc.reason };
      return both((mode) => `${KEY} ${q(tc.python)} app.py ${mode}`, [/^read at .*$/m]);
    }
    case 'java': {
      const tc = await ensureToolchain('java');
      if (!tc.ok) return { missing: tc.reason };
      // javac and java read CLASSPATH; the app is compiled in each phase, as `mvn compile exec:java` would.
      const cp = `CLASSPATH=${q(tc.classpath)}`;
      return both(
        (mode) =>
          `export ${cp}; ${q(tc.javac)} -nowarn -d classes App.java && ${KEY} ${q(tc.java)} -cp "classes:$CLASSPATH" App ${mode}`,
      );
    }
    case 'go': {
      const tc = await ensureToolchain('go');
      if (!tc.ok) return { missing: tc.reason };
      const env = Object.entries(tc.env)
        .map(([k, v]) => `${k}=${q(v)}`)
        .join(' ');
      return both((mode) => `env ${env} ${q(tc.go)} build -o records . && ${KEY} ./records ${mode}`);
    }
    case 'ts': {
      const tc = await ensureToolchain('node');
      if (!tc.ok) return { missing: tc.reason };
      const built = join(packageRoot(), 'dist', 'src', 'verify', 'runners', 'node.js');
      const transfer = join(packageRoot(), 'packages', 'transfer', 'dist');
      if (!existsSync(built) || !existsSync(transfer))
        return { missing: `${built} or ${transfer} is not built; run \`npm run build\`` };
      const launcher = join(packageRoot(), 'test', 'verify', 'apps', 'run-ts-app.mjs');
      return both((mode) => `${KEY} ${q(process.execPath)} ${q(launcher)} ${q(tc.nodePath)} app.ts ${mode}`);
    }
  }
}

/** The app's commands, or a skip with the reason (a failure under CI: a missing toolchain never passes). */
export async function requireApp(
  lang: AppLang,
  ctx: { skip: (note?: string) => void },
): Promise<AppCommands> {
  const cmds = await appCommands(lang);
  if ('missing' in cmds) return skipOrFail(ctx, `${lang} app cannot run: ${cmds.missing}`);
  return cmds;
}
