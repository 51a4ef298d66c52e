import type { AppResult } from '../model/index.js';

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the other files of an application see of it: its verdict, reasons, clients and actions, in a
 * canonical order (the join lists files in whatever order it was given them). When an edit changes
 * this, the application's other open files are analysed again.
 */
export function appSignature(app: AppResult | undefined): string {
  if (!app) return '';
  return JSON.stringify({
    verdict: app.verdict,
    reasons: [...app.reasons].sort(order),
    clients: app.clients
      .map(
        (c) =>
          `${c.file}:${c.line}:${c.family}:${c.constructorName}:${[...c.evidence].sort(order).join(',')}`,
      )
      .sort(order),
    actions: app.actions
      .map(
        (a) =>
          `${a.action}:${a.servedBy}:${a.blocked}:${a.count}:${a.locations
            .map((l) => `${l.file}:${l.line}`)
            .sort(order)
            .join(',')}`,
      )
      .sort(order),
  });
}
