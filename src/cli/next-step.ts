import type { ScanResult } from '../model/index.js';
import { shellQuote } from '../report/shell-quote.js';

export { shellQuote };

/**
 * The last lines of scan's text report: the exact `migrate` command that rewrites what the scan
 * found, with the scan's own path and file-selection arguments, when an application is ready.
 * (No `scan --fix`: a fix on scan's side would write without showing the dry-run diff first.)
 * A ready library is not rewritten by that command (migrate reports the change to make instead), so
 * it is counted apart, with the flag that rewrites it.
 */
export function nextStep(result: ScanResult, args: readonly string[]): string {
  const ready = result.apps.filter((a) => a.verdict === 'ready');
  if (ready.length === 0) return '';
  const libraries = ready.filter((a) => a.kind === 'library').length;
  const command = ['kms-codemod', 'migrate', ...args].map(shellQuote).join(' ');
  const programs = ready.length - libraries;
  const what =
    libraries === 0
      ? `To migrate ${ready.length} application(s)`
      : `To migrate ${programs} application(s) (${libraries} librar${libraries === 1 ? 'y is' : 'ies are'} only reported, with the change to make, unless you add --allow-library-env)`;
  return `\n${what}, review the diff of:\n  ${command}\nthen run it again with --write.\n`;
}
