import type { KmsClient } from '../model/app.js';
import { configurationChange } from '../model/configuration-change.js';
import type { ApiCall, FileFacts } from '../model/facts.js';
import { isBlockedAction, isInstanceAction } from '../model/kms-actions.js';
import { lastSegment } from './client-judgement.js';

const ON_INSTANCE = new Set(['transfer', 'instance']);

/** A management or read action: not served by the instance, and not one that blocks the move. */
export function isManagementAction(action: string): boolean {
  return !isInstanceAction(action) && !isBlockedAction(action);
}

/** `ListKeys (a.py:3, b.py:9), DescribeKey (a.py:7)`: each action once, with where it is called. */
export function listCalls(calls: readonly { file: string; call: ApiCall }[]): string {
  const by = new Map<string, string[]>();
  for (const { file, call } of calls) {
    const list = by.get(call.action) ?? [];
    list.push(`${file}:${call.range.start.line}`);
    by.set(call.action, list);
  }
  return [...by]
    .map(([a, where]) => `${a} (${where.slice(0, 3).join(', ')}${where.length > 3 ? ', …' : ''})`)
    .join(', ');
}

export function managementNote(actions: string): string {
  return `management calls only: ${actions}; they stay on the shared KMS OpenAPI, which keeps serving them after the keys move, so no code change (a transfer client would also need instance settings to start)`;
}

/** Calls no client of their file is bound to: made through a client built elsewhere. */
function orphanCalls(files: readonly FileFacts[]): { file: string; call: ApiCall }[] {
  const out: { file: string; call: ApiCall }[] = [];
  for (const f of files) {
    const bound = new Set(f.clients.flatMap((c) => (c.boundTo ? [lastSegment(c.boundTo)] : [])));
    for (const call of f.calls)
      if (!call.receiver || !bound.has(lastSegment(call.receiver))) out.push({ file: f.file, call });
  }
  return out;
}

/**
 * Decides what each KMS client needs (KmsClient.change). A V2 client whose endpoint comes from the
 * project's settings needs a configuration change. A client whose traced requests are all management
 * calls needs nothing. So does every client of an application whose KMS calls are all management calls,
 * provided each client's use is traced or the application has calls made through clients built
 * elsewhere (a client whose calls cannot be traced at all keeps its rewrite: unknown is not
 * "management calls only"), and no KMS request has an action the code does not spell out.
 */
export function decideChanges(clients: KmsClient[], files: readonly FileFacts[]): void {
  const legacy = clients.filter((k) => !ON_INSTANCE.has(k.client.family));
  // Management calls only wins over a configuration change: on the instance endpoint they would fail.
  for (const k of legacy) {
    const sent = k.sentActions ?? [];
    const s = k.sends;
    if (sent.length > 0 && sent.every(isManagementAction) && s && s.untyped === 0 && !s.escapes) {
      const bound = k.client.boundTo && lastSegment(k.client.boundTo);
      const own = k.file.calls
        .filter((c) => c.receiver !== undefined && lastSegment(c.receiver) === bound)
        .map((call) => ({ file: k.file.file, call }));
      k.change = 'none';
      k.note = managementNote(listCalls(own));
      continue;
    }
    const config = configurationChange(k.client, k.file.language);
    if (config) {
      k.change = 'configuration';
      k.note = config;
    }
  }
  const all = files.flatMap((f) => f.calls.map((call) => ({ file: f.file, call })));
  // A client that executes requests this application does not show (a public `execute(AcsRequest)`
  // wrapper, a request built elsewhere) may send anything: unknown is not "management calls only".
  const unresolved =
    files.some((f) => (f.unresolvedCalls?.length ?? 0) > 0) ||
    legacy.some((k) => (k.sends?.untyped ?? 0) > 0);
  if (all.length === 0 || unresolved || !all.every((c) => isManagementAction(c.call.action))) return;
  const coding = legacy.filter((k) => k.change !== 'none');
  const orphans = orphanCalls(files).length > 0;
  if (!coding.every((k) => k.judgedBy === 'requests' || orphans)) return;
  const note = managementNote(listCalls(all));
  for (const k of coding) {
    k.change = 'none';
    k.note = note;
  }
}
