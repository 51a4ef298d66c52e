import { unifiedDiff } from '../migrate/diff.js';
import { applyEdits, type Finding, type TextEdit } from '../model/index.js';
import { shellQuote } from '../report/shell-quote.js';
import { commentMarker } from './markers.js';
import { fence, type NoSuggestion, type Suggestion } from './suggestion.js';

const SEVERITY_BADGE: Record<Finding['severity'], string> = {
  error: '🔴 **error**',
  warning: '🟡 **warning**',
  info: '🔵 **info**',
};

/** The command that applies a finding's fix to its application. */
export function migrateCommand(f: Finding): string {
  return `kms-codemod migrate ${shellQuote(f.app ?? '.')} --write`;
}

function fenced(lang: string, text: string): string {
  const f = fence(text);
  return `${f}${lang}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${f}`;
}

function whyNot(s: NoSuggestion): string {
  if (s.reason === 'outside-range') return s.why ?? '';
  if (s.reason === 'line-ending') return 'it changes how a line ends, which a suggestion cannot express';
  return '';
}

/** The collapsed diff of a fix that cannot be a suggestion, or of the other files a fix edits. */
function diffBlock(summary: string, diffs: string): string {
  return `<details><summary>${summary}</summary>\n\n${fenced('diff', diffs)}\n\n</details>`;
}

export interface CommentParts {
  finding: Finding & { fingerprint: string };
  /** The suggestion block, or why there is none. */
  suggestion?: Suggestion | NoSuggestion;
  /** Head text of a file (the finding's own and the fix's other files). */
  textOf: (file: string) => string | undefined;
}

/** The diff of a fix's edits on one file of the head, or '' when its text is not at hand. */
function fileDiff(file: string, edits: readonly TextEdit[], textOf: CommentParts['textOf']): string {
  const text = textOf(file);
  if (text === undefined || edits.length === 0) return '';
  try {
    return unifiedDiff(file, text, applyEdits(text, edits));
  } catch {
    return '';
  }
}

/**
 * A line comment's body: the finding, its fix as a ```suggestion block when it is one, else as a
 * collapsed diff with the `migrate` command; the other files the fix edits (manifests) always as a
 * collapsed diff; and the hidden marker with the finding's fingerprint.
 */
export function commentBody(p: CommentParts): string {
  const f = p.finding;
  const out = [`${SEVERITY_BADGE[f.severity]} · \`${f.ruleId}\` · kms-codemod`, '', f.message];
  const fix = f.fix;
  if (fix) {
    const s = p.suggestion;
    if (s && 'lines' in s) {
      out.push('', fenced('suggestion', s.lines.map((l) => `${l}\n`).join('')));
      out.push('', 'This is the rewrite `kms-codemod migrate` makes here.');
    } else if (fix.edits.length === 0) {
      out.push('', fix.title);
    } else {
      const own = fileDiff(f.file, fix.edits, p.textOf);
      const why = s && 'reason' in s ? whyNot(s) : '';
      if (own)
        out.push(
          '',
          diffBlock(
            `The rewrite <code>kms-codemod migrate</code> makes${why ? ` (not a suggestion: ${why})` : ''}`,
            own,
          ),
        );
    }
    const otherFiles = (fix.otherFiles ?? []).filter((o) => o.edits.length > 0);
    const others = otherFiles.map((o) => fileDiff(o.file, o.edits, p.textOf)).filter(Boolean);
    const names = otherFiles.map((o) => `\`${o.file}\``).join(', ');
    if (others.length > 0)
      out.push(
        '',
        diffBlock(
          `It also edits ${otherFiles.map((o) => `<code>${o.file}</code>`).join(', ')}`,
          others.join(''),
        ),
      );
    if (s && 'lines' in s && otherFiles.length > 0)
      out.push(
        '',
        `The suggestion alone leaves ${names} as they are; \`${migrateCommand(f)}\` makes every edit.`,
      );
    else if (!(s && 'lines' in s) && fix.edits.length > 0)
      out.push('', `Apply it with \`${migrateCommand(f)}\`.`);
  }
  out.push('', commentMarker(f.fingerprint, f.ruleId));
  return out.join('\n');
}
