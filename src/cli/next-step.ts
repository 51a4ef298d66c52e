import type { ScanResult } from '../model/index.js';

/** Quotes an argument for a POSIX shell only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The last lines of scan's text report: the exact `migrate` command that rewrites what the scan
 * found, with the scan's own path and file-selection arguments, when an application is ready.
 * (No `scan --fix`: a fix on scan's side would write without showing the dry-run diff first.)
 */
export function nextStep(result: ScanResult, args: readonly string[]): string {
  const ready = result.apps.filter((a) => a.verdict === 'ready').length;
  if (ready === 0) return '';
  const command = ['kms-codemod', 'migrate', ...args].map(shellQuote).join(' ');
  return `\nTo migrate ${ready} application(s), review the diff of:\n  ${command}\nthen run it again with --write.\n`;
}
