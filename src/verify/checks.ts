import { isBlockedAction, isInstanceAction } from '../model/kms-actions.js';
import { describeCalls, type FaceCounts, type OldCiphertexts, type TlsRefusals } from './mock-api.js';
import { tlsErrorLine } from './output-lines.js';
import { describeError } from './transcript.js';
import type {
  CallEvidence,
  CheckEvidence,
  CheckResult,
  CommandEvidence,
  SampleManifest,
  Transcript,
} from './types.js';

export interface RunOutcome {
  exitCode: number;
  transcript?: Transcript;
  /** Why no transcript could be read, with the tail of the output. */
  problem?: string;
  /** What ran, for the evidence (a failed run's lines that matter included). */
  command?: CommandEvidence;
}

const commandsOf = (run: RunOutcome): CheckEvidence | undefined =>
  run.command ? { commands: [run.command] } : undefined;

const result =
  (status: CheckResult['status']) =>
  (id: CheckResult['id'], message: string, evidence?: CheckEvidence): CheckResult =>
    evidence ? { id, status, message, evidence } : { id, status, message };
export const pass = result('pass');
export const fail = result('fail');
export const skip = result('skip');

function runFailure(run: RunOutcome): string {
  if (!run.transcript) return run.problem ?? `exit code ${run.exitCode}, no transcript`;
  if (run.transcript.error) return describeError(run.transcript.error);
  const replay = run.transcript.replayed.find((r) => !r.ok);
  if (replay?.error) return `replaying ${replay.id}: ${describeError(replay.error)}`;
  return `exit code ${run.exitCode}`;
}

export function succeeded(run: RunOutcome): boolean {
  return (
    run.exitCode === 0 &&
    !!run.transcript &&
    !run.transcript.error &&
    run.transcript.replayed.every((r) => r.ok)
  );
}

/** The unmodified sample ran through the gateway; `calls` are the mock's counts for that run. */
export function checkLegacyRun(run: RunOutcome, calls?: CallEvidence): CheckResult {
  const evidence: CheckEvidence = { ...commandsOf(run), ...(calls ? { calls: [calls] } : {}) };
  const served = calls ? ` (gateway: ${describeCalls(calls.gateway)})` : '';
  return succeeded(run)
    ? pass('legacy-run', `the unmodified sample ran through the gateway${served}`, evidence)
    : fail('legacy-run', `the unmodified sample failed against the gateway: ${runFailure(run)}`, evidence);
}

export function checkMigratedRun(run: RunOutcome, manifest: SampleManifest): CheckResult {
  if (manifest.blocked)
    return skip('migrated-run', `expected to stop at ${manifest.blocked.action}; see blocked-call`);
  return succeeded(run)
    ? pass('migrated-run', 'the migrated sample ran against the instance', commandsOf(run))
    : fail(
        'migrated-run',
        `the migrated sample failed after the key move: ${runFailure(run)}`,
        commandsOf(run),
      );
}

/** Values a message may show: secrets and long blobs are hidden, the key names still say what differed. */
function shown(key: string, value: unknown): string {
  if (/secret|password/i.test(key)) return '<hidden>';
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function checkResultsEqual(
  legacy: Transcript,
  migrated: Transcript | undefined,
  manifest: SampleManifest,
): CheckResult {
  if (manifest.blocked) return skip('results-equal', 'a blocked sample has no results after the move');
  if (!migrated) return fail('results-equal', 'the migrated run printed no transcript to compare');
  const keys = new Set([...Object.keys(legacy.results), ...Object.keys(migrated.results)]);
  const diffs: string[] = [];
  for (const k of [...keys].sort()) {
    if (!deepEqual(legacy.results[k], migrated.results[k])) {
      diffs.push(`${k}: legacy ${shown(k, legacy.results[k])}, migrated ${shown(k, migrated.results[k])}`);
    }
  }
  if (keys.size === 0) return fail('results-equal', 'the legacy run recorded no results to compare');
  return diffs.length === 0
    ? pass('results-equal', `${keys.size} result(s) equal: ${[...keys].sort().join(', ')}`)
    : fail('results-equal', `results differ after the move: ${diffs.join('; ')}`);
}

/** `N ciphertext(s) made before the move decrypted after it`, as the mock's ledger counted them. */
export function describeOldCiphertexts(old: OldCiphertexts): string {
  const opened = `the mock saw ${old.opened} ciphertext(s) made before the move decrypt after it`;
  return old.failed > 0
    ? `${opened}, and ${old.failed} fail to (${old.lastError ?? 'no error recorded'})`
    : opened;
}

export function checkOldCiphertexts(
  legacy: Transcript,
  migrated: Transcript | undefined,
  ledger?: OldCiphertexts,
): CheckResult {
  if (legacy.carry.length === 0)
    return skip('old-ciphertexts', 'the sample produces no ciphertext or signature to carry over');
  if (!migrated) return fail('old-ciphertexts', 'the migrated run printed no transcript');
  const evidence: CheckEvidence = {
    replayed: legacy.carry.map((item) => ({
      id: item.id,
      kind: item.kind,
      ok: migrated.replayed.some((r) => r.id === item.id && r.ok && deepEqual(r.value, item.expect)),
    })),
    ...(ledger ? { oldCiphertexts: ledger } : {}),
  };
  const seen = ledger ? `; ${describeOldCiphertexts(ledger)}` : '';
  const problems: string[] = [];
  for (const item of legacy.carry) {
    const r = migrated.replayed.find((x) => x.id === item.id);
    if (!r) problems.push(`${item.id} (${item.kind}) was not replayed`);
    else if (!r.ok)
      problems.push(
        `${item.id} (${item.kind}) failed: ${r.error ? describeError(r.error) : 'no error recorded'}`,
      );
    else if (!deepEqual(r.value, item.expect))
      problems.push(
        `${item.id} (${item.kind}) gave ${shown(item.id, r.value)}, expected ${shown(item.id, item.expect)}`,
      );
  }
  return problems.length === 0
    ? pass(
        'old-ciphertexts',
        `${legacy.carry.length} item(s) from the legacy run opened after the move (${legacy.carry.map((c) => c.kind).join(', ')})${seen}`,
        evidence,
      )
    : fail(
        'old-ciphertexts',
        `legacy ciphertexts/signatures did not open after the move: ${problems.join('; ')}${seen}`,
        evidence,
      );
}

/**
 * After the move, no action the instance serves may reach the gateway; the instance must have served
 * some. `subject` names what ran (`the migrated sample`, `the migrated app`).
 */
export function checkGatewayCalls(
  gateway: FaceCounts,
  instance: FaceCounts,
  manifest: Pick<SampleManifest, 'actions'>,
  subject = 'the migrated sample',
): CheckResult {
  const evidence: CheckEvidence = {
    calls: [{ when: 'after the move', gateway: gateway.byAction ?? {}, instance: instance.byAction ?? {} }],
  };
  const faces = `instance: ${instance.byAction ? describeCalls(instance.byAction) : `${instance.total} call(s)`}; gateway: ${gateway.byAction ? describeCalls(gateway.byAction) : `${gateway.total} call(s)`}`;
  if (gateway.byAction) {
    const leaked = Object.entries(gateway.byAction).filter(([a, n]) => n > 0 && isInstanceAction(a));
    if (leaked.length > 0) {
      return fail(
        'gateway-calls',
        `instance actions still reached the gateway after the move: ${leaked.map(([a, n]) => `${a}×${n}`).join(', ')} (${faces})`,
        evidence,
      );
    }
  } else {
    const gatewayOnly = manifest.actions.filter((a) => !isInstanceAction(a));
    if (gatewayOnly.length > 0) {
      return skip(
        'gateway-calls',
        `the mock reports totals only (gateway ${gateway.total}); cannot separate ${gatewayOnly.join(', ')} from leaked crypto calls`,
        evidence,
      );
    }
    if (gateway.total > 0)
      return fail(
        'gateway-calls',
        `${gateway.total} call(s) reached the gateway after the move; the sample only uses instance actions`,
        evidence,
      );
  }
  if (instance.total === 0)
    return fail(
      'gateway-calls',
      `the instance served no call after the move: ${subject} is not using the transfer client`,
      evidence,
    );
  return pass(
    'gateway-calls',
    `after the move, every instance action reached the instance and none the closed gateway (${faces})`,
    evidence,
  );
}

export interface ScanVerdict {
  verdict: string;
  reasons: string[];
}

export function checkScanVerdict(verdict: ScanVerdict | undefined, manifest: SampleManifest): CheckResult {
  if (!verdict) return fail('scan-verdict', 'scan found no application in the sample directory');
  const blockedReasons = verdict.reasons.filter((r) =>
    /\b(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)\b/.test(r),
  );
  if (manifest.blocked) {
    const action = manifest.blocked.action;
    const named = verdict.verdict === 'blocked' && blockedReasons.some((r) => r.includes(action));
    return named
      ? pass('scan-verdict', `scan says blocked: ${blockedReasons[0]}`)
      : fail(
          'scan-verdict',
          `scan says "${verdict.verdict}" (${verdict.reasons.join('; ') || 'no reason'}), expected blocked by ${action}`,
        );
  }
  if (blockedReasons.length > 0)
    return fail('scan-verdict', `scan wrongly blocks the sample: ${blockedReasons.join('; ')}`);
  if (verdict.verdict === 'nothing to migrate')
    return fail('scan-verdict', `scan sees nothing to migrate (${verdict.reasons.join('; ')})`);
  return pass(
    'scan-verdict',
    `scan says ${verdict.verdict}${verdict.reasons.length ? ` (${verdict.reasons.join('; ')})` : ''}`,
  );
}

export function checkBlockedCall(migrated: RunOutcome, manifest: SampleManifest): CheckResult {
  if (!manifest.blocked) return skip('blocked-call', 'not a blocked sample');
  const action = manifest.blocked.action;
  const err = migrated.transcript?.error;
  if (!err) {
    return succeeded(migrated)
      ? fail(
          'blocked-call',
          `the sample still succeeded after the move although it calls ${action}: the gateway did not close for the moved keys`,
        )
      : fail('blocked-call', `the sample failed without a transcript error: ${runFailure(migrated)}`);
  }
  if (err.action !== action)
    return fail('blocked-call', `expected the failure at ${action}, got ${describeError(err)}`);
  return pass('blocked-call', `failed at ${action} as expected (${err.code})`);
}

/** A run against an instance whose certificate the configured CA did not sign, however it was made. */
export interface TlsAttempt {
  /** How a message names what ran: `` `python main.py` ``, `` --after (`python app.py read`) ``. */
  who: string;
  command: CommandEvidence;
  succeeded: boolean;
  /** The TLS error the client named, from its output or its error. */
  error?: string;
  /** Why the run failed before any instance call (a sample's transcript says where). */
  failedBefore?: string;
  /** `127.0.0.1:<port>` of that instance. */
  foreignInstance: string;
}

/** The sample's run against the foreign instance, read from its transcript. */
export function tlsAttemptOfSample(
  run: RunOutcome,
  command: CommandEvidence,
  foreignInstance: string,
): TlsAttempt {
  const err = run.transcript?.error ?? run.transcript?.replayed.find((r) => !r.ok)?.error;
  const before = err && !isInstanceAction(err.action) && !isBlockedAction(err.action);
  return {
    who: `\`${command.command}\``,
    command,
    succeeded: succeeded(run),
    error: err ? (tlsErrorLine(err.message) ?? describeError(err)) : run.problem,
    failedBefore: before ? describeError(err) : undefined,
    foreignInstance,
  };
}

/**
 * The run against a foreign-certificate instance must refuse it: no request may reach that instance,
 * the run must fail, and the instance must have seen the client break off the TLS handshake.
 */
export function checkTls(
  attempt: TlsAttempt,
  rogueInstance: FaceCounts,
  refused: TlsRefusals = { count: 0 },
): CheckResult {
  const evidence: CheckEvidence = {
    commands: [attempt.command],
    tls: {
      foreignInstance: attempt.foreignInstance,
      requestsReceived: rogueInstance.total,
      handshakesRefused: refused.count,
      ...(attempt.error ? { error: attempt.error } : {}),
    },
  };
  const who = attempt.who;
  if (rogueInstance.total > 0) {
    return fail(
      'tls-verified',
      `${who} sent ${rogueInstance.total} request(s) to an instance whose certificate its CA (KMS_CA_FILE) did not sign: TLS verification is off (Python: pass verify=<CA file>; Java/Go: set the CA in the Config)`,
      evidence,
    );
  }
  if (attempt.succeeded)
    return fail(
      'tls-verified',
      `${who} succeeded against a foreign-certificate instance: it never reached the instance?`,
      evidence,
    );
  if (attempt.failedBefore)
    return fail(
      'tls-verified',
      `the run failed before any instance call, so the TLS refusal is not shown: ${attempt.failedBefore}`,
      evidence,
    );
  if (refused.count === 0)
    return fail(
      'tls-verified',
      `${who} failed (exit ${attempt.command.exitCode}) without opening a TLS connection to the instance, so it shows nothing about TLS${attempt.error ? `: ${attempt.error}` : ''}`,
      evidence,
    );
  return pass(
    'tls-verified',
    `${who} refused the instance at ${attempt.foreignInstance}, whose certificate its CA did not sign: ${attempt.error ?? refused.lastReason ?? 'handshake broken off'} (${refused.count} TLS handshake(s) broken off, no request reached it)`,
    evidence,
  );
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
