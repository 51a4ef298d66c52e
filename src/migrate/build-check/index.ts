import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type RunResult, runCommand, tailOf } from '../../toolchains/run-command.js';
import { encodeSource } from '../../workspace/source-encoding.js';
import type { FileChange } from '../plan-migration.js';
import { buildPlan } from './plan.js';
import { type Original, restoreOriginals } from './rollback.js';
import type { AppBuild, BuildLanguage, BuildOptions, BuildStep } from './types.js';

export { type Original, restoreOriginals } from './rollback.js';
export type { AppBuild, BuildLanguage, BuildOptions, BuildStatus, BuildTool } from './types.js';

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

function languageOf(file: string): BuildLanguage | undefined {
  if (file.endsWith('.go')) return 'go';
  if (file.endsWith('.java')) return 'java';
  if (file.endsWith('.py')) return 'python';
  if (/\.[cm]?[jt]sx?$/.test(file)) return 'typescript';
  return undefined;
}

function shown(step: BuildStep): string {
  const args = step.args.map((a) => (a.includes('\n') ? '<check script>' : a));
  return [basename(step.cmd), ...args].join(' ');
}

function read(path: string): Buffer | undefined {
  return existsSync(path) ? readFileSync(path) : undefined;
}

/**
 * The files to put back if the check fails: every file migrate wrote for the application, as it was
 * before, and the files the build commands themselves may write (go.sum), as they are now.
 */
function originalsOf(changes: readonly FileChange[], steps: readonly BuildStep[]): Original[] {
  const out: Original[] = changes.map((c) => ({ path: c.path, text: encodeSource(c.before, c.encoding) }));
  for (const path of new Set(steps.flatMap((s) => s.touches ?? [])))
    if (!out.some((o) => o.path === path)) out.push({ path, text: read(path) });
  return out;
}

async function checkApp(
  app: string,
  language: BuildLanguage,
  changes: readonly FileChange[],
  options: BuildOptions,
): Promise<AppBuild> {
  const sources = changes.filter((c) => c.kind !== 'manifest' && languageOf(c.path) === language);
  const plan = buildPlan(
    app,
    language,
    sources.map((c) => c.path),
    options,
  );
  if ('skip' in plan)
    return { app, language, status: 'skipped', commands: [], detail: plan.skip, restored: [] };
  const originals = originalsOf(changes, plan.steps);
  const env = { ...process.env, ...options.env };
  const after = await runSteps(plan.steps, app, env, options);
  if (!after.failed) return { app, language, status: 'passed', commands: after.commands, restored: [] };
  const restored = restoreOriginals(originals);
  // Put back, the application shows whether the rewrite broke it or it did not build before either;
  // what that second build writes (go.sum) is put back too.
  const before = await runSteps(plan.steps, app, env, options);
  restoreOriginals(originals.filter((o) => !changes.some((c) => c.path === o.path)));
  const note = before.failed ? 'it does not build without the rewrite either (fix that first); ' : '';
  const detail = note + stripAnsi(tailOf(after.failed, 25));
  return { app, language, status: 'failed', commands: after.commands, detail, restored };
}

/** Runs the steps in order until one fails; the commands run, and the failing one's output. */
async function runSteps(
  steps: readonly BuildStep[],
  app: string,
  env: Record<string, string | undefined>,
  options: BuildOptions,
): Promise<{ commands: string[]; failed?: RunResult }> {
  const commands: string[] = [];
  for (const step of steps) {
    commands.push(shown(step));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const r = await runCommand(step.cmd, step.args, { cwd: app, env, timeoutMs });
    if (r.code !== 0) return { commands, failed: r };
  }
  return { commands };
}

/** Maven colours its output even in batch mode; a finding's message is plain text. */
function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * `migrate --write --build`: for each application migrate wrote, the language's own check with the
 * user's toolchain (build-check/plan.ts). When a check fails, the application's files go back to how
 * they were (every file migrate wrote for it, and what the build itself wrote), and the result carries
 * the compiler's message. Applications are checked one after another: builds are heavy, and two Maven
 * or Go builds at once only compete for the same cores.
 */
export async function checkBuilds(
  written: readonly FileChange[],
  options: BuildOptions = {},
): Promise<AppBuild[]> {
  const byApp = new Map<string, FileChange[]>();
  for (const c of written) {
    if (!c.app) continue;
    const list = byApp.get(c.app) ?? [];
    list.push(c);
    byApp.set(c.app, list);
  }
  const out: AppBuild[] = [];
  for (const [app, changes] of byApp) {
    const languages = new Set(changes.map((c) => languageOf(c.path)).filter((l) => l !== undefined));
    const results: AppBuild[] = [];
    for (const language of languages) {
      const result = await checkApp(app, language, changes, options);
      results.push(result);
      if (result.status === 'failed') break;
    }
    out.push(...results);
  }
  return out;
}
