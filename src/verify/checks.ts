import { isBlockedAction, isInstanceAction } from '../model/kms-actions.js';
import type { FaceCounts } from './mock-api.js';
import { describeError } from './transcript.js';
import type { CheckResult, SampleManifest, Transcript } from './types.js';

export interface RunOutcome {
  exitCode: number;
  transcript?: Transcript;
  /** Why no transcript could be read, with the tail of the output. */
  problem?: string;
}

const pass = (id: CheckResult['id'], message: string): CheckResult => ({ id, status: 'pass', message });
const fail = (id: CheckResult['id'], message: string): CheckResult => ({ id, status: 'fail', message });
export const skip = (id: CheckResult['id'], message: string): CheckResult => ({
  id,
  status: 'skip',
  message,
});

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

export function checkLegacyRun(run: RunOutcome): CheckResult {
  return succeeded(run)
    ? pass('legacy-run', 'the unmodified sample ran through the gateway')
    : fail('legacy-run', `the unmodified sample failed against the gateway: ${runFailure(run)}`);
}

export function checkMigratedRun(run: RunOutcome, manifest: SampleManifest): CheckResult {
  if (manifest.blocked)
    return skip('migrated-run', `expected to stop at ${manifest.blocked.action}; see blocked-call`);
  return succeeded(run)
    ? pass('migrated-run', 'the migrated sample ran against the instance')
    : fail('migrated-run', `the migrated sample failed after the key move: ${runFailure(run)}`);
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

export function checkOldCiphertexts(legacy: Transcript, migrated: Transcript | undefined): CheckResult {
  if (legacy.carry.length === 0)
    return skip('old-ciphertexts', 'the sample produces no ciphertext or signature to carry over');
  if (!migrated) return fail('old-ciphertexts', 'the migrated run printed no transcript');
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
    ? pass('old-ciphertexts', `${legacy.carry.length} item(s) from the legacy run opened after the move`)
    : fail(
        'old-ciphertexts',
        `legacy ciphertexts/signatures did not open after the move: ${problems.join('; ')}`,
      );
}

/** After the move, no action the instance serves may reach the gateway; the instance must have served some. */
export function checkGatewayCalls(
  gateway: FaceCounts,
  instance: FaceCounts,
  manifest: SampleManifest,
): CheckResult {
  if (gateway.byAction) {
    const leaked = Object.entries(gateway.byAction).filter(([a, n]) => n > 0 && isInstanceAction(a));
    if (leaked.length > 0) {
      return fail(
        'gateway-calls',
        `instance actions still reached the gateway after the move: ${leaked.map(([a, n]) => `${a}×${n}`).join(', ')}`,
      );
    }
  } else {
    const gatewayOnly = manifest.actions.filter((a) => !isInstanceAction(a));
    if (gatewayOnly.length > 0) {
      return skip(
        'gateway-calls',
        `the mock reports totals only (gateway ${gateway.total}); cannot separate ${gatewayOnly.join(', ')} from leaked crypto calls`,
      );
    }
    if (gateway.total > 0)
      return fail(
        'gateway-calls',
        `${gateway.total} call(s) reached the gateway after the move; the sample only uses instance actions`,
      );
  }
  if (instance.total === 0)
    return fail(
      'gateway-calls',
      'the instance served no call after the move: the migrated sample is not using the transfer client',
    );
  const kept = gateway.byAction
    ? Object.entries(gateway.byAction)
        .filter(([, n]) => n > 0)
        .map(([a, n]) => `${a}×${n}`)
    : [];
  return pass(
    'gateway-calls',
    `instance served ${instance.total} call(s); gateway after the move: ${kept.length ? kept.join(', ') : 'none'}`,
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

/** The run against an instance whose certificate the sample's CA did not sign must not connect. */
export function checkTls(run: RunOutcome, rogueInstance: FaceCounts): CheckResult {
  if (rogueInstance.total > 0) {
    return fail(
      'tls-verified',
      `the migrated sample sent ${rogueInstance.total} request(s) to an instance whose certificate its CA (KMS_CA_FILE) did not sign: TLS verification is off (Python: pass verify=<CA file>; Java/Go: set the CA in the Config)`,
    );
  }
  if (succeeded(run))
    return fail(
      'tls-verified',
      'the run against a foreign-certificate instance succeeded: it never reached the instance?',
    );
  const err = run.transcript?.error ?? run.transcript?.replayed.find((r) => !r.ok)?.error;
  if (err && !isInstanceAction(err.action) && !isBlockedAction(err.action)) {
    return fail(
      'tls-verified',
      `the run failed at ${err.action}, not at an instance call, so the TLS refusal is not shown: ${describeError(err)}`,
    );
  }
  return pass('tls-verified', `refused to connect${err ? ` (${err.code})` : ''}`);
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
