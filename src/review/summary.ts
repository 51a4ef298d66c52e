import type { AppResult, Finding, Verdict } from '../model/index.js';
import { shellQuote } from '../report/shell-quote.js';
import { GATEWAY_DEADLINE, plural, type ToolInfo } from '../report/summary.js';
import type { ReviewOptions, ReviewPlan } from './review-plan.js';

const VERDICT: Record<Verdict, string> = {
  ready: '🟡 ready to migrate',
  blocked: '🔴 blocked',
  'no code change': '🔵 no code change',
  incomplete: '⚪ incomplete',
  'nothing to migrate': '🟢 nothing to migrate',
};

/** GitHub refuses a comment body over 65,536 characters; the lists are cut well before. */
const MAX_LISTED = 50;

export interface SummaryInput {
  plan: ReviewPlan;
  /** The applications that hold a file the pull request changes. */
  apps: readonly AppResult[];
  options: ReviewOptions;
  tool: ToolInfo;
  git: { base: string; mergeBase: string; head: string };
  /** How the kept findings are shown: line comments on the PR, or annotations on the run. */
  shownAs: 'comments' | 'annotations' | 'report';
  /** Said first, when the review could not go where it was asked to (a fork PR's read-only token). */
  notice?: string;
  /** Findings in the changed files that a `kms-codemod-ignore-*` comment silences, or the baseline accepts. */
  silenced?: number;
  accepted?: number;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function where(f: Finding): string {
  return `\`${cell(f.file)}:${f.range.start.line}\``;
}

function listed(title: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const out = [`<details><summary>${title} (${findings.length})</summary>`, ''];
  for (const f of findings.slice(0, MAX_LISTED))
    out.push(`- ${where(f)} \`${f.ruleId}\` (${f.severity}): ${cell(f.message)}`);
  if (findings.length > MAX_LISTED)
    out.push(`- … and ${findings.length - MAX_LISTED} more: run the scan below for all of them`);
  out.push('', '</details>', '');
  return out;
}

/** Counts per rule: kept on the PR's lines, commented, and outside the diff. */
function ruleTable(plan: ReviewPlan): string[] {
  const rules = new Map<
    string,
    { severity: string; kept: number; commented: number; outside: number; below: number }
  >();
  const row = (f: Finding) => {
    const r = rules.get(f.ruleId) ?? { severity: f.severity, kept: 0, commented: 0, outside: 0, below: 0 };
    rules.set(f.ruleId, r);
    return r;
  };
  for (const f of plan.kept) row(f).kept++;
  for (const f of [...plan.commented, ...plan.alreadyPosted]) row(f).commented++;
  for (const f of plan.outsideDiff) row(f).outside++;
  for (const f of plan.belowLevel) row(f).below++;
  if (rules.size === 0) return ['No finding in the changed files.', ''];
  const out = [
    "| rule | on this PR's lines | with a comment | below the level | outside the diff |",
    '|---|---|---|---|---|',
  ];
  for (const [id, r] of [...rules].sort(([a], [b]) => a.localeCompare(b)))
    out.push(`| \`${id}\` | ${r.kept} | ${r.commented} | ${r.below} | ${r.outside} |`);
  out.push('');
  return out;
}

/** The commands that take the pull request's applications further. */
function commands(apps: readonly AppResult[]): string[] {
  const ready = apps.filter((a) => a.verdict === 'ready').map((a) => shellQuote(a.dir));
  const all = apps.filter((a) => a.verdict !== 'nothing to migrate').map((a) => shellQuote(a.dir));
  if (all.length === 0) return [];
  const out = ['**What to run**', '', '```sh'];
  out.push(`kms-codemod scan ${all.join(' ')} --format markdown   # the full report of these applications`);
  if (ready.length > 0) {
    out.push(`kms-codemod migrate ${ready.join(' ')}              # the rewrite, as a diff`);
    out.push(`kms-codemod migrate ${ready.join(' ')} --write      # apply it`);
  }
  out.push('```', '');
  if (apps.some((a) => a.verdict === 'blocked'))
    out.push(
      'A blocked application cannot move until the calls named above are gone: the KMS instance does not serve them.',
      '',
    );
  return out;
}

/**
 * The one summary comment of a pull request (and the job summary of the annotations reporter): the
 * verdict per application, counts per rule, what got no comment and why, the gateway deadline and
 * the commands to run. The hidden marker that finds it again is added by the GitHub reporter.
 */
export function reviewSummary(s: SummaryInput): string {
  const p = s.plan;
  const out = ['## kms-codemod: KMS migration check', ''];
  if (s.notice) out.push(`> [!NOTE]\n> ${s.notice}`, '');
  if (s.apps.length === 0) out.push('This pull request changes no application that uses KMS.', '');
  else {
    out.push('| application | verdict | why |', '|---|---|---|');
    for (const a of s.apps) {
      const why = a.verdict === 'nothing to migrate' ? '—' : a.reasons.map(cell).join('<br>') || '—';
      out.push(`| \`${cell(a.dir)}\` | ${VERDICT[a.verdict]} | ${why} |`);
    }
    out.push('');
  }
  if (s.apps.some((a) => a.verdict !== 'nothing to migrate')) out.push(`> ${GATEWAY_DEADLINE}`, '');
  out.push(...ruleTable(p));
  // What the summary says is the state of the pull request, not of this run, so a run that
  // changes nothing leaves it as it was (and does not edit it).
  const commented = p.commented.length + p.alreadyPosted.length;
  const shown =
    s.shownAs === 'comments'
      ? `${commented} with a line comment`
      : s.shownAs === 'annotations'
        ? `${plural(p.kept.length, 'annotation')} on this run`
        : `${plural(p.kept.length, 'finding')} reported`;
  out.push(
    `**${plural(p.kept.length, 'finding')}** at or above \`${s.options.level}\` on this pull request's lines (filter \`${s.options.mode}\`): ${shown}.`,
    '',
  );
  out.push(...listed(`More than the limit of ${s.options.maxComments} comments a run`, p.overLimit));
  out.push(...listed('On changed lines that no line comment can anchor on', p.offHunk));
  out.push(
    ...listed(
      'Outside the diff (not counted for the check)',
      p.outsideDiff.filter((f) => f.severity !== 'info'),
    ),
  );
  if (p.staleAnswered.length)
    out.push(
      `${plural(p.staleAnswered.length, 'earlier comment')} whose finding is gone stayed, because someone answered it.`,
      '',
    );
  const quiet = [
    s.silenced ? `${plural(s.silenced, 'finding')} silenced by \`kms-codemod-ignore\` comments` : '',
    s.accepted ? `${plural(s.accepted, 'finding')} the baseline accepts` : '',
  ].filter(Boolean);
  if (quiet.length) out.push(`Not counted: ${quiet.join('; ')}.`, '');
  out.push(...commands(s.apps));
  out.push(
    `<sub>${s.tool.name} ${s.tool.version} · head ${s.git.head.slice(0, 12)} · base \`${cell(s.git.base)}\` (merge base ${s.git.mergeBase.slice(0, 12)})</sub>`,
  );
  return out.join('\n');
}
