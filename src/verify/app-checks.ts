import { commandEvidence, type PhaseRun } from './app-phase.js';
import { fail, pass, skip } from './checks.js';
import { compareOutputs } from './compare-output.js';
import { describeCalls, type OldCiphertexts } from './mock-api.js';
import { errorLine, linesThatMatter } from './output-lines.js';
import type { CallEvidence, CheckResult } from './types.js';

/**
 * The checks of `verify --before/--after` (and `--run`) on a user's own application. Each says what
 * it proved, with the commands, the calls per face and the ciphertexts read back as evidence.
 */

/** How the phases were given, and whether the work directory is kept (then evidence names the logs). */
export interface AppCheckContext {
  /** `--run`: one command for both phases. */
  sameCommand: boolean;
  keep?: boolean;
}

const SHOWN_COMMAND = 60;

/** `--after (`python app.py read`)`: the flag that gave the command, and the command, shortened. */
export function commandName(r: Pick<PhaseRun, 'run' | 'command'>, sameCommand: boolean): string {
  const flag = sameCommand ? '--run' : r.run === 'before' ? '--before' : '--after';
  const text = r.command.length > SHOWN_COMMAND ? `${r.command.slice(0, SHOWN_COMMAND - 3)}...` : r.command;
  return `${flag} (\`${text}\`)`;
}

/** The line that says what went wrong in a failed run, for a one-line message. */
function why(r: PhaseRun): string {
  const line = errorLine(linesThatMatter(r.stdout, r.stderr));
  return line ? `: ${line}` : '';
}

/** The unmodified app through the gateway: the before phase, and the after phase's baseline run. */
export function checkAppLegacy(
  before: PhaseRun,
  baseline: PhaseRun | undefined,
  calls: CallEvidence[],
  ctx: AppCheckContext,
): CheckResult {
  const failed = before.code !== 0 ? before : baseline && baseline.code !== 0 ? baseline : undefined;
  const runs = [before, ...(baseline ? [baseline] : [])];
  const evidence = {
    commands: runs.map((r) => commandEvidence(r, { withOutput: r === failed, keep: ctx.keep })),
    calls,
  };
  if (failed === before)
    return fail(
      'legacy-run',
      `${commandName(before, ctx.sameCommand)} failed on the unmodified app, through the gateway (exit ${before.code})${why(before)}`,
      evidence,
    );
  if (failed)
    return fail(
      'legacy-run',
      `${commandName(failed, ctx.sameCommand)} failed on the unmodified app before any key moved (exit ${failed.code})${why(failed)}: fix the command first`,
      evidence,
    );
  const served = calls.map((c) => `${c.when}: gateway ${describeCalls(c.gateway)}`).join('; ');
  const what =
    ctx.sameCommand || !baseline
      ? commandName(before, true)
      : `${commandName(before, false)} then ${commandName(baseline, false)}`;
  return pass('legacy-run', `${what} passed on the unmodified app through the gateway (${served})`, evidence);
}

/** The after phase on the migrated app, against the instance. */
export function checkAppMigrated(after: PhaseRun, ctx: AppCheckContext): CheckResult {
  const who = commandName(after, ctx.sameCommand);
  const evidence = { commands: [commandEvidence(after, { withOutput: after.code !== 0, keep: ctx.keep })] };
  return after.code === 0
    ? pass('migrated-run', `${who} passed on the migrated app against the instance`, evidence)
    : fail(
        'migrated-run',
        `${who} failed on the migrated app after the key move (exit ${after.code})${why(after)}`,
        evidence,
      );
}

/** The after phase's standard output on the migrated app equals its output on the unmodified app. */
export function checkAppOutputs(
  baseline: PhaseRun | undefined,
  after: PhaseRun,
  normalize: readonly RegExp[],
  ctx: AppCheckContext,
): CheckResult {
  const who = commandName(after, ctx.sameCommand);
  if (!baseline) return skip('results-equal', 'not compared (--no-compare)');
  if (after.code !== 0)
    return skip('results-equal', 'not compared: the migrated run failed (see migrated-run)');
  const cmp = compareOutputs(baseline.stdout, after.stdout, normalize);
  const patterns = normalize.map((re) => re.source);
  const evidence = {
    comparison: { lines: cmp.lines, normalize: patterns, ...(cmp.diff ? { diff: cmp.diff } : {}) },
  };
  const after_ = patterns.length ? `, after ${patterns.length} --normalize pattern(s)` : '';
  return cmp.equal
    ? pass(
        'results-equal',
        `${who} printed the same ${cmp.lines} line(s) on the unmodified and the migrated app${after_}`,
        evidence,
      )
    : fail(
        'results-equal',
        `${who} printed something else on the migrated app than on the unmodified app${after_} (diff below; --normalize REGEX for timestamps or ids, --no-compare to turn this off)`,
        evidence,
      );
}

/** Yesterday's data: the migrated after phase decrypted ciphertexts made before the move, and passed. */
export function checkAppReadBack(after: PhaseRun, old: OldCiphertexts, ctx: AppCheckContext): CheckResult {
  const evidence = { oldCiphertexts: old };
  const who = commandName(after, ctx.sameCommand);
  if (old.failed > 0)
    return fail(
      'old-ciphertexts',
      `${old.failed} ciphertext(s) made before the move did not open after it (${old.lastError ?? 'no error recorded'}); ${old.opened} did`,
      evidence,
    );
  if (after.code !== 0)
    return fail(
      'old-ciphertexts',
      `${who} failed on the migrated app (exit ${after.code}), so it did not show that data from before the move still opens (${old.opened} ciphertext(s) made before the move opened first)`,
      evidence,
    );
  if (old.opened > 0)
    return pass(
      'old-ciphertexts',
      `${who} read back ${old.opened} ciphertext(s) made before the move, through the instance, and passed`,
      evidence,
    );
  const how =
    'write a record with --before and read it back with --after (the work directory is kept between the phases, $KMS_VERIFY_WORK_DIR)';
  return ctx.sameCommand
    ? skip(
        'old-ciphertexts',
        `${who} decrypted no ciphertext made before the move, so nothing shows that old data still opens: ${how}`,
        evidence,
      )
    : fail('old-ciphertexts', `${who} decrypted no ciphertext made before the move: ${how}`, evidence);
}
