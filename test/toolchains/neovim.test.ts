import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ensureNeovim } from '../../src/toolchains/neovim.js';

// The install path of `ensureNeovim`, against an apt-get on PATH that behaves like a fresh Debian image:
// `install` fails ("Unable to locate package") until `update` has run, then puts an nvim on PATH.
let dir: string;
let savedPath: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-nvim-'));
  savedPath = process.env.PATH;
});
afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

function fakeApt(behaviour: 'fresh-image' | 'broken'): void {
  const bin = join(dir, 'bin');
  writeFileSync(
    join(dir, 'apt-get'),
    `#!/bin/sh
echo "$*" >> "${dir}/calls"
case "$*" in
  *update*) /usr/bin/touch "${dir}/lists"; exit 0 ;;
  *install*)
    if [ "${behaviour}" = broken ] || [ ! -e "${dir}/lists" ]; then echo "E: Unable to locate package neovim" >&2; exit 100; fi
    /bin/mkdir -p "${bin}"
    printf '#!/bin/sh\\necho "NVIM v0.7.2"\\n' > "${bin}/nvim"; /bin/chmod +x "${bin}/nvim"; exit 0 ;;
esac
`,
  );
  chmodSync(join(dir, 'apt-get'), 0o755);
  // Not root: a password-less sudo that runs what it is given (`sudo -n apt-get ...`).
  writeFileSync(join(dir, 'sudo'), '#!/bin/sh\nshift\nexec "$@"\n');
  chmodSync(join(dir, 'sudo'), 0o755);
  // Only the fake apt-get (and sudo) and the place its nvim lands: no real nvim.
  process.env.PATH = `${dir}:${bin}`;
}

it('installs with apt-get, refreshing the package lists once when the package is unknown', async () => {
  fakeApt('fresh-image');
  const lines: string[] = [];
  const status = await ensureNeovim((l) => lines.push(l));
  expect(status).toMatchObject({ ok: true, version: '0.7.2' });
  expect(lines.some((l) => l.includes('refreshing the package lists'))).toBe(true);
  expect(existsSync(join(dir, 'lists'))).toBe(true);
});

it('reports a failed install with apt-get’s own words, never throws', async () => {
  fakeApt('broken');
  const status = await ensureNeovim();
  expect(status.ok).toBe(false);
  if (status.ok) return;
  expect(status.installFailed).toBe(true);
  expect(status.reason).toContain('Unable to locate package neovim');
});

it('without apt-get, names what to install', async () => {
  process.env.PATH = dir;
  const status = await ensureNeovim();
  expect(status).toMatchObject({ ok: false });
  if (!status.ok) expect(status.reason).toContain('install neovim');
});
