import { spawn, spawnSync } from 'node:child_process';

/** `--since` cannot be answered: not a git repository, an unknown ref, no shared history. */
export class SinceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SinceError';
  }
}

export interface ChangedFiles {
  /** The ref as given. */
  ref: string;
  /** The commit changes are counted from: the merge base of `ref` and HEAD. */
  mergeBase: string;
  /** HEAD when the changes were listed. */
  head: string;
  /**
   * Files changed since the merge base, relative to the scanned root with `/`: committed since, staged,
   * unstaged, and untracked files git does not ignore. Deleted files are listed too.
   */
  files: string[];
}

function run(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new SinceError(`--since needs git, which could not be run (${r.error.message})`);
  return { ok: r.status === 0, out: r.stdout ?? '', err: (r.stderr ?? '').trim() };
}

/** `run`, in the background: the two listings run side by side, and beside the scan's own start. */
function runAsync(cwd: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(new SinceError(`--since needs git, which could not be run (${e.message})`)),
    );
    child.on('close', (code) =>
      resolve({
        ok: code === 0,
        out: Buffer.concat(out).toString('utf8'),
        err: Buffer.concat(err).toString('utf8').trim(),
      }),
    );
  });
}

const FETCH_HINT =
  'In CI, fetch the base first (`git fetch origin main`), or check out the whole history (`fetch-depth: 0` with actions/checkout)';

function zList(out: string): string[] {
  return out.split('\0').filter(Boolean);
}

/**
 * What changed in the git repository around `root` since the merge base of `ref` and HEAD, as Semgrep
 * and Biome count it: the work tree against that commit (so uncommitted edits count) plus untracked
 * files that are not ignored. Read-only. Throws a SinceError that says what to do when `root` is not
 * in a repository, `ref` is unknown, or it shares no history with HEAD.
 */
export async function changedFiles(root: string, ref: string): Promise<ChangedFiles> {
  if (ref.startsWith('-')) throw new SinceError(`--since ${ref}: not a git ref`);
  // Three git calls side by side when all is well (the untracked files, like the other two, do not
  // depend on the merge base); the detailed ones below only to say what is wrong. Run in the scanned
  // root, git lists only the files under it, with paths relative to it (`--relative` for the diff).
  const quickCall = runAsync(root, ['rev-parse', '--show-toplevel', 'HEAD^{commit}', `${ref}^{commit}`]);
  const baseCall = runAsync(root, ['merge-base', 'HEAD', `${ref}^{commit}`]);
  const untrackedCall = runAsync(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const call of [baseCall, untrackedCall]) call.catch(() => undefined);
  const quick = await quickCall;
  const [quickTop, quickHead, quickTarget] = quick.ok ? quick.out.trim().split('\n') : [];
  const { topDir, head } = quickTarget ? { topDir: quickTop, head: quickHead } : resolveRefs(root, ref);
  const base = await baseCall;
  if (!base.ok) {
    const shallow = run(topDir, ['rev-parse', '--is-shallow-repository']).out.trim() === 'true';
    throw new SinceError(
      `--since ${ref}: it shares no history with HEAD${shallow ? ' in this shallow clone' : ''}, so there is no merge base to compare with. ${FETCH_HINT}.`,
    );
  }
  const mergeBase = base.out.trim();
  const [diff, untracked] = await Promise.all([
    runAsync(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', mergeBase, '--']),
    untrackedCall,
  ]);
  if (!diff.ok || !untracked.ok)
    throw new SinceError(`--since ${ref}: git could not list the changes (${diff.err || untracked.err})`);
  const files = new Set([...zList(diff.out), ...zList(untracked.out)]);
  return { ref, mergeBase, head, files: [...files].sort() };
}

/** The repository's top, HEAD and the ref's commit, or a SinceError saying which is missing. */
function resolveRefs(root: string, ref: string): { topDir: string; head: string; target: string } {
  const top = run(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok)
    throw new SinceError(
      `--since needs a git repository, and ${root} is not in one; run the scan in a clone, or leave out --since`,
    );
  const topDir = top.out.trim();
  const head = run(topDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) throw new SinceError(`--since ${ref}: the repository at ${topDir} has no commit yet`);
  const target = run(topDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!target.ok) throw new SinceError(`--since ${ref}: no such commit in ${topDir}. ${FETCH_HINT}.`);
  return { topDir, head: head.out.trim(), target: target.out.trim() };
}
