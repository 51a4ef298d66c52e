import { existsSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findExecutable, versionAtLeast } from './find-executable.js';
import { runCommand, tailOf } from './run-command.js';
import { MIN_RUNTIME, PYTHON_PACKAGES } from './sdk-versions.js';
import { readStamp, stampKey, withLock, writeStamp } from './stamp.js';
import type { EnsureOptions, MissingToolchain, PythonToolchain } from './types.js';

const INSTALL_HINT =
  'install python3 (3.8 or newer) with the venv module, e.g. apt-get install python3 python3-venv';

async function findPython(): Promise<{ path: string; version: number[] } | string> {
  const fromEnv = process.env.KMS_CODEMOD_PYTHON;
  const candidates = fromEnv ? [fromEnv] : ['python3.11', 'python3', 'python'];
  for (const name of candidates) {
    const path = name.includes('/') ? name : findExecutable([name]);
    if (!path) continue;
    const r = await runCommand(path, ['-c', 'import sys, venv; print("%d.%d.%d" % sys.version_info[:3])']);
    if (r.code !== 0) continue;
    const version = r.stdout.trim().split('.').map(Number);
    if (versionAtLeast(version, MIN_RUNTIME.python)) return { path, version };
  }
  return `no Python ${MIN_RUNTIME.python.join('.')}+ with venv found: ${INSTALL_HINT}`;
}

function venvPython(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

function envFor(venv: string): Record<string, string> {
  const bin = join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  return {
    VIRTUAL_ENV: venv,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

export async function ensurePython(
  cacheDir: string,
  opts: EnsureOptions,
): Promise<PythonToolchain | MissingToolchain> {
  const say = opts.onProgress ?? (() => {});
  const dir = join(cacheDir, 'python');
  const venv = join(dir, 'venv');
  const found = await findPython();
  if (typeof found === 'string') return { lang: 'python', ok: false, reason: found };
  const key = stampKey({
    packages: PYTHON_PACKAGES,
    python: found.version.slice(0, 2),
    interpreter: found.path,
  });
  const ready = (): PythonToolchain => ({
    lang: 'python',
    ok: true,
    python: venvPython(venv),
    env: envFor(venv),
  });
  if (!opts.force && readStamp(dir, key) && existsSync(venvPython(venv))) return ready();

  return withLock(
    dir,
    () => say('python: waiting for another setup to finish'),
    async () => {
      if (!opts.force && readStamp(dir, key) && existsSync(venvPython(venv))) return ready();
      say(`python: creating venv in ${venv} with ${found.path} ${found.version.join('.')}`);
      rmSync(venv, { recursive: true, force: true });
      const mk = await runCommand(found.path, ['-m', 'venv', venv], { onLine: (l) => say(`python: ${l}`) });
      if (mk.code !== 0) {
        return {
          lang: 'python',
          ok: false,
          installFailed: true,
          reason: `python -m venv failed:\n${tailOf(mk)}\n${INSTALL_HINT}`,
        };
      }
      const specs = PYTHON_PACKAGES.map((p) => `${p.name}==${p.version}`);
      const pipArgs = [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--progress-bar',
        'off',
      ];
      const pipOpts = {
        onLine: (l: string) => say(`python: ${l}`),
        env: { ...process.env, PIP_REQUIRE_VIRTUALENV: '0' },
      };
      // Several SDKs ship only sdists. Building them against the venv's own setuptools, instead of an
      // isolated build env per sdist, cut a cold install from ~9.5 to ~1.5 minutes here.
      say('python: pip install setuptools wheel (build tools for the sdist-only SDKs)');
      const tools = await runCommand(venvPython(venv), [...pipArgs, 'setuptools', 'wheel'], pipOpts);
      say(`python: pip install ${specs.join(' ')}`);
      let pip = await runCommand(
        venvPython(venv),
        [...pipArgs, ...(tools.code === 0 ? ['--no-build-isolation'] : []), ...specs],
        pipOpts,
      );
      if (pip.code !== 0 && tools.code === 0) {
        say('python: retrying with isolated builds');
        pip = await runCommand(venvPython(venv), [...pipArgs, ...specs], pipOpts);
      }
      if (pip.code !== 0) {
        return {
          lang: 'python',
          ok: false,
          installFailed: true,
          reason: `pip install of the pinned SDKs failed (see src/toolchains/sdk-versions.ts):\n${tailOf(pip)}`,
        };
      }
      // Import every top-level package once: a broken wheel shows here, not in the first test.
      const check = await runCommand(venvPython(venv), [
        '-c',
        'import aliyunsdkcore, aliyunsdkkms, openapi.client, sdk.client, alibabacloud_dkms_transfer.kms_transfer_acs_client, alibabacloud_kms_kms20160120.transfer_client, alibabacloud_kms20160120.client',
      ]);
      if (check.code !== 0) {
        return {
          lang: 'python',
          ok: false,
          installFailed: true,
          reason: `the installed SDKs do not import:\n${tailOf(check)}`,
        };
      }
      writeStamp(dir, key, { python: venvPython(venv) });
      say('python: ready');
      return ready();
    },
  );
}
