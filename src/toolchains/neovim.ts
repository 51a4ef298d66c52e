import { findExecutable, versionAtLeast } from './find-executable.js';
import { runCommand, tailOf } from './run-command.js';

/** The first Neovim with `vim.lsp.start_client` and `codeAction/resolve` (Debian 12 ships 0.7.2). */
export const MIN_NEOVIM = [0, 7];

export type NeovimStatus =
  | { ok: true; nvim: string; version: string }
  | { ok: false; reason: string; installFailed?: boolean };

async function installed(): Promise<NeovimStatus | undefined> {
  const nvim = findExecutable(['nvim']);
  if (!nvim) return undefined;
  const out = await runCommand(nvim, ['--version'], { timeoutMs: 30000 });
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(out.stdout);
  const version = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
  if (!m || !versionAtLeast(version, MIN_NEOVIM))
    return { ok: false, reason: `${nvim} is older than ${MIN_NEOVIM.join('.')}: install a newer neovim` };
  return { ok: true, nvim, version: version.join('.') };
}

/** Root runs apt-get itself; anyone else only with a sudo that asks no password. */
async function aptRunner(): Promise<string[] | undefined> {
  if (!findExecutable(['apt-get'])) return undefined;
  if (process.getuid?.() === 0) return [];
  const sudo = findExecutable(['sudo']);
  if (sudo && (await runCommand(sudo, ['-n', 'true'], { timeoutMs: 10000 })).code === 0) return [sudo, '-n'];
  return undefined;
}

/**
 * Neovim for the editor end-to-end test (test/lsp/neovim.test.ts): the one on PATH, else Debian's
 * `neovim` package, installed with apt-get when this runs as root (or with a password-less sudo). The
 * install waits for another apt's lock instead of failing, and refreshes the package lists once when
 * the package is not known yet. Never throws: a machine without apt, or without the right to use it,
 * gets a reason naming what to install.
 */
export async function ensureNeovim(
  onProgress: (line: string) => void = () => undefined,
): Promise<NeovimStatus> {
  const present = await installed();
  if (present) return present;
  const runner = await aptRunner();
  if (!runner)
    return {
      ok: false,
      reason:
        'Neovim (nvim) is missing and cannot be installed here (apt-get needs root): install neovim 0.7 or newer',
    };
  const [cmd, ...pre] = runner.length ? runner : ['apt-get'];
  const apt = (args: string[]) =>
    runCommand(
      cmd,
      [...pre, ...(runner.length ? ['apt-get'] : []), '-o', 'DPkg::Lock::Timeout=600', ...args],
      {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        onLine: (l) => onProgress(`apt-get: ${l}`),
        timeoutMs: 900000,
      },
    );
  const install = () => apt(['install', '-y', '--no-install-recommends', 'neovim']);
  let result = await install();
  if (result.code !== 0) {
    // Fresh images ship without package lists ("Unable to locate package"); a stale list 404s.
    onProgress('apt-get install neovim failed; refreshing the package lists and trying again');
    await apt(['update']);
    result = await install();
  }
  if (result.code !== 0)
    return { ok: false, installFailed: true, reason: `apt-get install neovim failed:\n${tailOf(result)}` };
  return (
    (await installed()) ?? {
      ok: false,
      installFailed: true,
      reason: 'apt-get installed neovim, but nvim is not on PATH',
    }
  );
}
