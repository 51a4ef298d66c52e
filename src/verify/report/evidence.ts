import { describeCalls } from '../mock-api.js';
import type { CheckEvidence } from '../types.js';

/** One thing a check saw, as a line of a report, with verbatim lines under it (a run's output, a diff). */
export interface EvidenceItem {
  text: string;
  block?: { kind: 'output' | 'diff'; lines: string[] };
}

// A report names a command in full up to here; JSON keeps it whole.
const SHOWN_COMMAND = 200;
const shown = (command: string) =>
  command.length > SHOWN_COMMAND ? `${command.slice(0, SHOWN_COMMAND - 3)}...` : command;

/** A check's evidence as report lines, shared by the text and markdown reports. */
export function evidenceItems(e: CheckEvidence | undefined): EvidenceItem[] {
  if (!e) return [];
  const items: EvidenceItem[] = [];
  for (const c of e.commands ?? []) {
    items.push({
      text: `${c.run}: \`${shown(c.command)}\` exited ${c.exitCode}${c.log ? ` (full output: ${c.log})` : ''}`,
      ...(c.output?.length ? { block: { kind: 'output' as const, lines: c.output } } : {}),
    });
  }
  for (const c of e.calls ?? [])
    items.push({
      text: `calls ${c.when}: gateway ${describeCalls(c.gateway)}; instance ${describeCalls(c.instance)}`,
    });
  if (e.oldCiphertexts) {
    const o = e.oldCiphertexts;
    items.push({
      text: `ciphertexts made before the move and decrypted after it: ${o.opened} opened, ${o.failed} failed${o.lastError ? ` (${o.lastError})` : ''}`,
    });
  }
  if (e.replayed?.length)
    items.push({
      text: `legacy items replayed: ${e.replayed.map((r) => `${r.id} (${r.kind}) ${r.ok ? 'opened' : 'did not open'}`).join(', ')}`,
    });
  if (e.tls) {
    const t = e.tls;
    items.push({
      text: `foreign-certificate instance ${t.foreignInstance}: ${t.requestsReceived} request(s) received, ${t.handshakesRefused} TLS handshake(s) broken off${t.error ? `; the client said: ${t.error}` : ''}`,
    });
  }
  if (e.comparison) {
    const c = e.comparison;
    const normalized = c.normalize.length
      ? ` after --normalize ${c.normalize.map((p) => `/${p}/`).join(', ')}`
      : '';
    items.push({
      text: `standard output compared: ${c.lines} line(s)${normalized}`,
      ...(c.diff ? { block: { kind: 'diff' as const, lines: c.diff.split('\n') } } : {}),
    });
  }
  return items;
}
