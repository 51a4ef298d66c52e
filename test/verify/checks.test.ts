import { describe, expect, it } from 'vitest';
import {
  checkBlockedCall,
  checkGatewayCalls,
  checkOldCiphertexts,
  checkResultsEqual,
  checkScanVerdict,
  checkTls,
  type RunOutcome,
  tlsAttemptOfSample,
} from '../../src/verify/checks.js';
import { normalizeCounts, normalizeCreatedKey } from '../../src/verify/mock-api.js';
import { parseTranscript } from '../../src/verify/transcript.js';
import type { SampleManifest, Transcript } from '../../src/verify/types.js';

const manifest = (over: Partial<SampleManifest> = {}): SampleManifest => ({
  name: 's',
  language: 'python',
  description: '',
  entry: 'main.py',
  keys: [],
  secrets: [],
  actions: ['Encrypt', 'Decrypt'],
  ...over,
});

const transcript = (over: Partial<Transcript> = {}): Transcript => ({
  sample: 's',
  language: 'python',
  steps: [],
  results: {},
  carry: [],
  replayed: [],
  error: null,
  ...over,
});

describe('parseTranscript', () => {
  it('takes the last marked JSON line, after whatever the SDK printed', () => {
    const out = [
      '{"KeyId":"k","CiphertextBlob":"abc"}',
      'ErrCode: nothing',
      '{"kmsSampleTranscript": 1, "sample": "seed", "results": {"keyId": "k"}, "carry": [{"id": "a", "kind": "decrypt", "expect": "p"}], "replayed": [], "error": null}',
      '',
    ].join('\n');
    const r = parseTranscript(out);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.transcript.results).toEqual({ keyId: 'k' });
      expect(r.transcript.carry[0].id).toBe('a');
    }
  });

  it('says so when there is no transcript', () => {
    const r = parseTranscript('Traceback (most recent call last):\n  boom\n');
    expect(r.ok).toBe(false);
  });
});

describe('checks', () => {
  it('results-equal names the differing key and hides secret values', () => {
    const legacy = transcript({ results: { plaintext: 'a', secretData: 'hunter2' } });
    const migrated = transcript({ results: { plaintext: 'b', secretData: 'other' } });
    const c = checkResultsEqual(legacy, migrated, manifest());
    expect(c.status).toBe('fail');
    expect(c.message).toContain('plaintext: legacy "a", migrated "b"');
    expect(c.message).toContain('secretData: legacy <hidden>');
    expect(c.message).not.toContain('hunter2');
    expect(
      checkResultsEqual(
        legacy,
        transcript({ results: { secretData: 'hunter2', plaintext: 'a' } }),
        manifest(),
      ).status,
    ).toBe('pass');
  });

  it('old-ciphertexts fails for a missing, failed or wrong replay', () => {
    const legacy = transcript({
      carry: [
        { id: 'a', kind: 'decrypt', expect: 'p' },
        { id: 'b', kind: 'decrypt', expect: 'q' },
        { id: 'c', kind: 'verify', expect: true },
      ],
    });
    const migrated = transcript({
      replayed: [
        { id: 'a', ok: true, value: 'p' },
        { id: 'b', ok: false, error: { action: 'Decrypt', code: 'Forbidden.KeyNotFound', message: 'gone' } },
      ],
    });
    const c = checkOldCiphertexts(legacy, migrated);
    expect(c.status).toBe('fail');
    expect(c.message).toContain('b (decrypt) failed: Decrypt failed with Forbidden.KeyNotFound');
    expect(c.message).toContain('c (verify) was not replayed');
    expect(c.message).not.toContain('a (decrypt)');
  });

  it('gateway-calls fails when an instance action reached the gateway, allows management calls', () => {
    const leaked = checkGatewayCalls(
      { total: 2, byAction: { DescribeKey: 1, Encrypt: 1 } },
      { total: 3 },
      manifest(),
    );
    expect(leaked.status).toBe('fail');
    expect(leaked.message).toContain('Encrypt×1');
    const fine = checkGatewayCalls({ total: 1, byAction: { DescribeKey: 1 } }, { total: 3 }, manifest());
    expect(fine.status).toBe('pass');
    const unused = checkGatewayCalls({ total: 0, byAction: {} }, { total: 0 }, manifest());
    expect(unused.status).toBe('fail');
    expect(unused.message).toContain('not using the transfer client');
  });

  it('blocked-call wants the failure exactly at the blocked action', () => {
    const m = manifest({ blocked: { action: 'ReEncrypt' } });
    const at = (action: string): RunOutcome => ({
      exitCode: 1,
      transcript: transcript({ error: { action, code: 'Forbidden.GatewayClosed', message: 'closed' } }),
    });
    expect(checkBlockedCall(at('ReEncrypt'), m).status).toBe('pass');
    expect(checkBlockedCall(at('Encrypt'), m).status).toBe('fail');
    expect(checkBlockedCall({ exitCode: 0, transcript: transcript() }, m).message).toContain(
      'still succeeded',
    );
    expect(checkBlockedCall(at('Encrypt'), manifest()).status).toBe('skip');
  });

  it('scan-verdict matches the manifest', () => {
    const blocked = manifest({ blocked: { action: 'ReEncrypt' } });
    expect(
      checkScanVerdict(
        { verdict: 'blocked', reasons: ['calls ReEncrypt at a.py:3: the KMS instance does not serve it'] },
        blocked,
      ).status,
    ).toBe('pass');
    expect(checkScanVerdict({ verdict: 'ready', reasons: [] }, blocked).status).toBe('fail');
    expect(checkScanVerdict({ verdict: 'ready', reasons: [] }, manifest()).status).toBe('pass');
    expect(
      checkScanVerdict({ verdict: 'nothing to migrate', reasons: ['no KMS client'] }, manifest()).status,
    ).toBe('fail');
    expect(checkScanVerdict(undefined, manifest()).status).toBe('fail');
  });

  it('tls-verified fails when the foreign instance saw a request, or when the run did not fail at an instance call', () => {
    const command = { run: 'tls', command: 'python main.py', exitCode: 1 };
    const refused: RunOutcome = {
      exitCode: 1,
      transcript: transcript({
        error: {
          action: 'Encrypt',
          code: 'SSLError',
          message:
            "Max retries (Caused by SSLError('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed'))",
        },
      }),
    };
    const attempt = tlsAttemptOfSample(refused, command, '127.0.0.1:4430');
    const said =
      "Max retries (Caused by SSLError('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed'))";
    expect(attempt.error).toBe(said);
    const pass = checkTls(attempt, { total: 0 }, { count: 2, lastReason: 'alert unknown ca' });
    expect(pass.status).toBe('pass');
    expect(pass.message).toBe(
      `\`python main.py\` refused the instance at 127.0.0.1:4430, whose certificate its CA did not sign: ${said} (2 TLS handshake(s) broken off, no request reached it)`,
    );
    expect(pass.evidence?.tls).toEqual({
      foreignInstance: '127.0.0.1:4430',
      requestsReceived: 0,
      handshakesRefused: 2,
      error: said,
    });
    // One request reaching the foreign instance is enough: TLS verification is off.
    const off = checkTls(attempt, { total: 1 }, { count: 0 });
    expect(off.status).toBe('fail');
    expect(off.message).toContain('TLS verification is off');
    // A failure with no handshake broken off says nothing about TLS.
    const silent = checkTls(attempt, { total: 0 }, { count: 0 });
    expect(silent.status).toBe('fail');
    expect(silent.message).toContain('without opening a TLS connection to the instance');
    const early: RunOutcome = {
      exitCode: 1,
      transcript: transcript({ error: { action: 'start', code: 'X', message: 'crash' } }),
    };
    expect(checkTls(tlsAttemptOfSample(early, command, 'h'), { total: 0 }, { count: 1 }).status).toBe('fail');
    const ok = tlsAttemptOfSample({ exitCode: 0, transcript: transcript() }, command, 'h');
    expect(checkTls(ok, { total: 0 }, { count: 1 }).status).toBe('fail');
  });

  it('reads per-action maps, {total, byAction} and plain totals', () => {
    expect(normalizeCounts({ gateway: { DescribeKey: 2 }, instance: { Encrypt: 1, Decrypt: 3 } })).toEqual({
      gateway: { total: 2, byAction: { DescribeKey: 2 } },
      instance: { total: 4, byAction: { Encrypt: 1, Decrypt: 3 } },
    });
    expect(normalizeCounts({ gateway: 3, instance: { total: 5, byAction: { Sign: 5 } } })).toEqual({
      gateway: { total: 3 },
      instance: { total: 5, byAction: { Sign: 5 } },
    });
  });

  it('reads created keys as ids or metadata', () => {
    expect(normalizeCreatedKey('key-1')).toEqual({ keyId: 'key-1' });
    expect(normalizeCreatedKey({ KeyId: 'key-2', PrimaryKeyVersion: 'v-2' })).toEqual({
      keyId: 'key-2',
      keyVersionId: 'v-2',
    });
    expect(normalizeCreatedKey({ nothing: true })).toBeUndefined();
  });
});

describe('mutations', () => {
  it('python-no-verify removes a verify= call argument and keeps the call balanced', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { applyMutation } = await import('../../src/verify/mutations.js');
    const dir = mkdtempSync(join(tmpdir(), 'verify-mutation-'));
    writeFileSync(
      join(dir, 'main.py'),
      'client = KmsTransferAcsClient(cfg, region_id=r, credential=c, verify=os.getenv("KMS_CA_FILE"))\n',
    );
    expect(applyMutation(dir, 'python-no-verify')).toHaveLength(1);
    expect(readFileSync(join(dir, 'main.py'), 'utf8')).toBe(
      'client = KmsTransferAcsClient(cfg, region_id=r, credential=c)\n',
    );
  });

  it('drop-config keeps a Go program compiling by using the orphaned config', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { applyMutation } = await import('../../src/verify/mutations.js');
    const dir = mkdtempSync(join(tmpdir(), 'verify-mutation-'));
    writeFileSync(
      join(dir, 'main.go'),
      '\tclient, err := dkmstransfer.NewClientWithAccessKey(r, a, s, kmsConfig)\n',
    );
    applyMutation(dir, 'drop-config');
    expect(readFileSync(join(dir, 'main.go'), 'utf8')).toBe(
      '\tclient, err := dkmstransfer.NewClientWithAccessKey(r, a, s, nil)\n\t_ = kmsConfig\n',
    );
  });
});
