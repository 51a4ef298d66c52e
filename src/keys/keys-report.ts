import type { KeysResult } from './judge-inventory.js';
import { table, VERDICT_LABEL } from './markdown.js';
import type { InventoryProblem, KeyJudgement } from './types.js';

export const KEYS_FORMATS = ['text', 'json', 'markdown'] as const;
export type KeysFormat = (typeof KEYS_FORMATS)[number];

function problemLine(p: InventoryProblem, source: string): string {
  const where = p.line ? `${source}:${p.line}` : source;
  return `${where}: key ${p.key}${p.field ? `, field ${p.field}` : ''}: ${p.message}`;
}

function explain(j: KeyJudgement): string {
  const text = j.reasons.map((r) => r.message).join('; ');
  return j.remedy ? `${text}. Remedy: ${j.remedy}` : text;
}

function label(j: KeyJudgement): string {
  return j.key.aliases.length ? `${j.key.keyId} (${j.key.aliases.join(', ')})` : j.key.keyId;
}

export function renderKeysText(r: KeysResult): string {
  const out: string[] = [];
  for (const j of r.keys) {
    out.push(`${VERDICT_LABEL[j.verdict].padEnd(20)} ${j.key.region ?? '-'}  ${label(j)}`);
    out.push(`${' '.repeat(21)}${explain(j)}`);
  }
  for (const o of r.others)
    out.push(
      `${'not supported'.padEnd(20)} ${o.resource.region ?? '-'}  ${o.resource.kind} ${o.resource.name}`,
    );
  if (r.others.length === 0) {
    out.push('Secrets and certificates of the old console cannot be migrated (none listed here).');
  }
  for (const n of r.inventory.notes) out.push(`note: ${n}`);
  for (const p of r.inventory.problems) out.push(`error: ${problemLine(p, r.inventory.source)}`);
  const s = r.summary;
  out.push(
    '',
    `${s.total} keys: ${s['can-move']} can move, ${s['not-supported']} not supported, ${s['no-migration-needed']} need no migration` +
      (s.secretsAndCertificates ? `; ${s.secretsAndCertificates} secrets/certificates not supported` : '') +
      (s.problems ? `; ${s.problems} entries could not be read` : ''),
  );
  return `${out.join('\n')}\n`;
}

export function renderKeysMarkdown(r: KeysResult): string {
  const out = [`# KMS keys: migration judgement`, '', `Source: \`${r.inventory.source}\``, ''];
  out.push(
    table(
      ['Key', 'Region', 'Aliases', 'Origin', 'Rotation', 'Versions', 'Instance', 'Verdict', 'Why'],
      r.keys.map((j) => [
        `\`${j.key.keyId}\``,
        j.key.region,
        j.key.aliases.join(', '),
        j.key.origin,
        j.key.automaticRotation,
        j.key.versionCount,
        j.key.dkmsInstanceId ?? 'default',
        `**${VERDICT_LABEL[j.verdict]}**`,
        explain(j),
      ]),
    ),
    '',
    '## Secrets and certificates',
    '',
    r.others.length
      ? table(
          ['Kind', 'Name', 'Region', 'Verdict', 'Why'],
          r.others.map((o) => [
            o.resource.kind,
            o.resource.name,
            o.resource.region,
            'not supported',
            o.reasons[0].message,
          ]),
        )
      : 'Secrets, certificates and private CA of the old console cannot be migrated; none were listed.',
  );
  if (r.inventory.problems.length) {
    out.push('', '## Entries that could not be read', '');
    for (const p of r.inventory.problems) out.push(`- ${problemLine(p, r.inventory.source)}`);
  }
  if (r.inventory.notes.length) out.push('', ...r.inventory.notes.map((n) => `> ${n}`));
  const s = r.summary;
  out.push(
    '',
    `**${s.total} keys**: ${s['can-move']} can move, ${s['not-supported']} not supported, ${s['no-migration-needed']} need no migration.`,
  );
  return `${out.join('\n')}\n`;
}

export function keysJson(r: KeysResult, tool: { name: string; version: string }) {
  return {
    tool,
    source: r.inventory.source,
    keys: r.keys,
    others: r.others,
    problems: r.inventory.problems,
    notes: r.inventory.notes,
    summary: r.summary,
  };
}

export function renderKeys(
  r: KeysResult,
  format: KeysFormat,
  tool: { name: string; version: string },
): string {
  if (format === 'json') return `${JSON.stringify(keysJson(r, tool), null, 2)}\n`;
  if (format === 'markdown') return renderKeysMarkdown(r);
  return renderKeysText(r);
}
