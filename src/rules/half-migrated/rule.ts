import type { KmsClient } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

/**
 * A legacy client that a transfer client replaces: one scan wants rewritten (not one left as it is on
 * purpose, for management calls or a configuration change); TS/JS V2 clients stay as they are.
 */
function leftBehind(k: KmsClient): boolean {
  if (k.change !== 'code') return false;
  const { family } = k.client;
  if (family === 'legacy-core' || family === 'pop-core') return true;
  return family === 'tea-kms' && k.file.language !== 'typescript' && k.file.language !== 'javascript';
}

function at(k: KmsClient): string {
  return `${k.file.file}:${k.client.range.start.line}`;
}

export const rule: Rule = {
  meta: {
    id: 'half-migrated',
    defaultSeverity: 'warning',
    title: 'A migration left half done: transfer clients beside legacy ones, or without their SDK',
    description:
      'An application whose code builds transfer clients while legacy clients are left, or whose manifest lacks the transfer SDK its code uses, was migrated in part (an interrupted run, an older tool, a hand edit). It does not build, or still calls the shared gateway that closes. `kms-codemod migrate` finishes it.',
  },
  check(app) {
    const transfer = app.kmsClients.filter((k) => k.client.family === 'transfer');
    if (transfer.length === 0) return [];
    const missing = (app.missingSdks ?? []).map((m) =>
      makeFinding(
        rule,
        app,
        m.client.file,
        m.client.client.range,
        `Half migrated: this transfer client needs ${m.packages.join(', ')}, which the application's ${m.ecosystem} manifests do not declare, so the application does not build. Run \`kms-codemod migrate\` to add it.`,
        { severity: 'error', data: { ecosystem: m.ecosystem, packages: m.packages } },
      ),
    );
    const legacy = app.kmsClients
      .filter(leftBehind)
      .map((k) =>
        makeFinding(
          rule,
          app,
          k.file,
          k.client.range,
          `Half migrated: this application already builds a transfer client (${at(transfer[0])}), but this legacy client still calls the shared gateway, which closes one month after the keys move. Run \`kms-codemod migrate\` to finish the move.`,
        ),
      );
    return [...missing, ...legacy];
  },
};
