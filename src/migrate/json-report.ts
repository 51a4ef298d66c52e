import type { ToolInfo } from '../report/summary.js';
import { displayPath } from '../workspace/display-path.js';
import type { MigrateResult } from './index.js';
import { shownDiff } from './report.js';

/** 1-based line and column (UTF-16) of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * `migrate --format json`: the plan as data. `files` are the changes (each edit an offset splice on
 * the file as it is, with its range, and the file's unified diff), `notes` what was not rewritten or
 * needs a check, `apps` the scan's verdicts that decided it, `written` what `--write` wrote, and
 * `builds` what `--build` found per application.
 */
export function migrateJson(result: MigrateResult, tool: ToolInfo, opts: { wrote: boolean }): string {
  const files = result.changes.map((c) => ({
    file: c.file,
    kind: c.kind,
    app: c.app === undefined ? undefined : displayPath(c.app) || '.',
    edits: c.edits.map((e) => ({
      start: e.start,
      end: e.end,
      text: e.text,
      range: { start: position(c.before, e.start), end: position(c.before, e.end) },
    })),
    // Printed, so hard-coded credentials are hidden as in the text diff; --patch keeps them.
    diff: shownDiff(c),
  }));
  const body = {
    tool,
    summary: {
      files: result.changes.length,
      written: result.written.length,
      writeFailed: result.writeFailed,
      notRewritten: result.unrewritten.filter((f) => f.severity === 'error').length,
      toCheck: result.unrewritten.filter((f) => f.severity !== 'error').length,
      dryRun: !opts.wrote,
    },
    files,
    notes: result.unrewritten,
    reminders: result.reminders,
    apps: result.apps.map((a) => ({
      dir: a.dir,
      verdict: a.verdict,
      reasons: a.reasons,
      languages: a.languages,
    })),
    written: result.written,
    writeFailed: result.writeFailed,
    recovered: result.recovered,
    ...(result.builds
      ? {
          builds: result.builds.map((b) => ({
            app: displayPath(b.app) || '.',
            language: b.language,
            status: b.status,
            commands: b.commands,
            ...(b.detail ? { detail: b.detail } : {}),
            restored: b.restored.map((p) => displayPath(p)),
          })),
        }
      : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
