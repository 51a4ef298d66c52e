import type { MigrationWindow } from './plan-types.js';

export class WindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WindowError';
  }
}

/** A bare date or a date-time without zone is taken as UTC, so the same flag gives the same plan anywhere. */
function parseInstant(s: string, which: string, whole: string): Date {
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    throw new WindowError(
      `--window "${whole}": the ${which} "${t}" is not an ISO 8601 date or date-time; write e.g. "2026-12-05T18:00Z/2026-12-05T22:00Z"`,
    );
  }
  const withZone =
    /[T ]\d{2}:\d{2}/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t)
      ? `${t}Z`
      : /[T ]/.test(t)
        ? t
        : `${t}T00:00:00Z`;
  const d = new Date(withZone.replace(' ', 'T'));
  if (Number.isNaN(d.getTime()))
    throw new WindowError(`--window "${whole}": the ${which} "${t}" is not a real date`);
  return d;
}

/** `"<start>/<end>"` (ISO 8601 interval). */
export function parseWindow(text: string): MigrationWindow {
  const parts = text.split('/');
  if (parts.length !== 2) {
    throw new WindowError(
      `--window "${text}": expected "<start>/<end>", e.g. "2026-12-05T18:00Z/2026-12-05T22:00Z"`,
    );
  }
  const start = parseInstant(parts[0], 'start', text);
  const end = parseInstant(parts[1], 'end', text);
  if (end.getTime() <= start.getTime())
    throw new WindowError(`--window "${text}": the end must be after the start`);
  return { start, end };
}

/** Same day-of-month one calendar month later, clamped to the month's last day (Jan 31 → Feb 28/29). */
export function addOneMonth(d: Date): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
}

export function iso(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}
