import { labelledDiff } from '../migrate/diff.js';

/** What a `--normalize` match becomes in both outputs, so the diff still shows where it was. */
export const NORMALIZED = '<normalized>';

/** Diff lines shown in a report; the whole output stays in the logs. */
const MAX_DIFF_LINES = 24;

export interface OutputComparison {
  equal: boolean;
  /** Lines of the legacy run's output, after normalising. */
  lines: number;
  /** A short unified diff (legacy → migrated) when they differ. */
  diff?: string;
}

/** Line endings unified and every match of each pattern replaced, in order. */
export function normalizeOutput(text: string, patterns: readonly RegExp[]): string {
  let out = text.replace(/\r\n/g, '\n');
  for (const re of patterns) out = out.replace(globalOf(re), NORMALIZED);
  return out;
}

/** Compares two runs' standard output after `--normalize`; a difference comes with a short diff. */
export function compareOutputs(
  legacy: string,
  migrated: string,
  patterns: readonly RegExp[],
): OutputComparison {
  const a = normalizeOutput(legacy, patterns);
  const b = normalizeOutput(migrated, patterns);
  const lines = a === '' ? 0 : a.replace(/\n$/, '').split('\n').length;
  if (a === b) return { equal: true, lines };
  const full = labelledDiff('legacy stdout', 'migrated stdout', a, b, 1).replace(/\n$/, '').split('\n');
  const diff =
    full.length <= MAX_DIFF_LINES
      ? full.join('\n')
      : [...full.slice(0, MAX_DIFF_LINES), `... (${full.length - MAX_DIFF_LINES} more diff lines)`].join(
          '\n',
        );
  return { equal: false, lines, diff };
}

/**
 * A `--normalize` value as a RegExp, per line (`^` and `$` match at each line, as in grep); throws
 * with the reason when it does not compile.
 */
export function parseNormalize(source: string): RegExp {
  try {
    return new RegExp(source, 'gm');
  } catch (err) {
    throw new Error(
      `--normalize ${JSON.stringify(source)} is not a valid regular expression: ${(err as Error).message}`,
    );
  }
}

function globalOf(re: RegExp): RegExp {
  return re.global ? new RegExp(re.source, re.flags) : new RegExp(re.source, `${re.flags}g`);
}
