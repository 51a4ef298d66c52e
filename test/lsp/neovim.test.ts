import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MIGRATE_TITLE } from '../../src/lsp/index.js';
import { findExecutable } from '../../src/toolchains/find-executable.js';
import { filesUnder } from '../migrate/fixture-scenarios.js';
import { skipOrFail } from '../support/gate.js';
import { copyWorkspace, emptyDir, FILES, removeTemps } from './workspace-fixture.js';

const CLI = 'dist/src/cli/main.js';
afterAll(removeTemps);

/** Neovim 0.7 is the first with `vim.lsp.start_client` and code action resolve (Debian 12 ships 0.7.2). */
function neovim(): { nvim?: string; problem?: string } {
  const nvim = findExecutable(['nvim']);
  if (!nvim)
    return {
      problem:
        "Neovim (nvim) is not installed: `node scripts/setup.mjs` installs Debian's neovim, or run apt-get install neovim",
    };
  const v = /NVIM v(\d+)\.(\d+)/.exec(spawnSync(nvim, ['--version'], { encoding: 'utf8' }).stdout ?? '');
  if (!v || (Number(v[1]) === 0 && Number(v[2]) < 7))
    return { problem: `${nvim} is older than 0.7: install a newer neovim` };
  return { nvim };
}

it('Neovim applies the quick fix of a Java, Python, Go and TS file; the files then equal migrate --write, manifests included', async (ctx) => {
  const { nvim, problem } = neovim();
  if (!nvim) skipOrFail(ctx, problem!);
  if (!existsSync(CLI)) skipOrFail(ctx, `${CLI} is missing: run npm run build`);

  const expected = copyWorkspace();
  const migrated = spawnSync(process.execPath, [CLI, 'migrate', '--write', expected], { encoding: 'utf8' });
  expect(migrated.status, migrated.stderr).toBe(0);

  const edited = copyWorkspace();
  const work = emptyDir();
  const report = join(work, 'report.json');
  const files = [FILES.java, FILES.python, FILES.go, FILES.ts].map((f) => join(edited, f));
  writeFileSync(
    join(work, 'params.json'),
    JSON.stringify({
      root: edited,
      files,
      cmd: [process.execPath, join(process.cwd(), CLI), 'lsp', '--stdio'],
      title: MIGRATE_TITLE,
      report,
      timeout: 90000,
    }),
  );
  const run = spawnSync(
    nvim!,
    [
      '--headless',
      '-u',
      'NONE',
      '-i',
      'NONE',
      '-n',
      '-c',
      `luafile ${join(process.cwd(), 'test/lsp/neovim/apply-quick-fixes.lua')}`,
    ],
    {
      encoding: 'utf8',
      timeout: 400000,
      env: { ...process.env, KMS_NVIM_PARAMS: join(work, 'params.json') },
    },
  );
  expect(existsSync(report), `nvim wrote no report (exit ${run.status}): ${run.stderr}`).toBe(true);
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    files: Record<string, { applied: boolean }>;
    problems: string[];
  };
  expect(r.problems).toEqual([]);
  for (const f of files) expect(r.files[f]?.applied, f).toBe(true);

  const all = filesUnder(expected);
  expect(filesUnder(edited)).toEqual(all);
  let changed = 0;
  for (const rel of all) {
    const want = readFileSync(join(expected, rel), 'utf8');
    expect(readFileSync(join(edited, rel), 'utf8'), rel).toBe(want);
    if (want !== readFileSync(join('fixtures/lsp/workspace', rel), 'utf8')) changed++;
  }
  // Four sources and their four manifests (pom.xml, requirements.txt, go.mod, package.json).
  expect(changed).toBe(8);
}, 600000);
