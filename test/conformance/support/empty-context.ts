import type { KmsTransferPopClient } from '../../../src/transfer/index.js';

/**
 * Empty EncryptionContext forms (issue 13.8), the same four in every conformance program. `Object`
 * and `Padded` hash the empty encoded context; `Empty` and `Absent` send no AAD, as the vendor
 * transfer SDKs do. A ciphertext decrypts with a form of its own group only.
 */
export const CONTEXT_CASES = [
  { name: 'Object', context: '{}' },
  { name: 'Padded', context: ' {} ' },
  { name: 'Empty', context: '' },
  { name: 'Absent', context: undefined },
] as const;

const hashed = (name: string) => name === 'Object' || name === 'Padded';

/** The checks the `transfer` program reports for these cases. */
export const CONTEXT_CHECKS = {
  before: ['empty-context-forms-through-gateway-before-move', 'whitespace-context-refused-by-gateway'],
  after: [
    'empty-context-gateway-ciphertexts-decrypt-after-move',
    'empty-context-node-ciphertexts-decrypt',
    'whitespace-context-refused-by-transfer-client',
    'empty-context-ciphertexts-for-node',
  ],
} as const;

function params(extra: Record<string, string>, context: string | undefined): Record<string, string> {
  return context === undefined ? extra : { ...extra, EncryptionContext: context };
}

/** One ciphertext per form, made by our Node transfer client: `ctx<Name>` → blob. */
export async function nodeContextBlobs(
  client: KmsTransferPopClient,
  keyId: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of CONTEXT_CASES) {
    const enc = (await client.request(
      'Encrypt',
      params({ KeyId: keyId, Plaintext: `ctx ${c.name}` }, c.context),
      { method: 'POST' },
    )) as { CiphertextBlob: string };
    out[`ctx${c.name}`] = enc.CiphertextBlob;
  }
  return out;
}

/** `KMS_TEST_CTX_<SOURCE>_<NAME>` for a program, from `ctx<Name>` outputs. */
export function contextEnv(
  source: 'GATEWAY' | 'NODE',
  blobs: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const c of CONTEXT_CASES) {
    const blob = blobs[`ctx${c.name}`];
    if (!blob) throw new Error(`no ${source} ciphertext for the ${c.name} EncryptionContext`);
    env[`KMS_TEST_CTX_${source}_${c.name.toUpperCase()}`] = blob;
  }
  return env;
}

/** Decrypts every vendor ciphertext with every form through our client; lists each mismatch. */
export async function nodeContextMatrix(
  client: KmsTransferPopClient,
  blobs: Record<string, string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const b of CONTEXT_CASES) {
    const blob = blobs[`ctx${b.name}`];
    if (!blob) {
      problems.push(`the program printed no ciphertext for the ${b.name} EncryptionContext`);
      continue;
    }
    for (const c of CONTEXT_CASES) {
      const got = await client
        .request('Decrypt', params({ CiphertextBlob: blob }, c.context), { method: 'POST' })
        .then((r) => (r as { Plaintext: string }).Plaintext)
        .catch((e: Error) => e);
      const same = hashed(b.name) === hashed(c.name);
      if (same && got !== `ctx ${b.name}`)
        problems.push(`${b.name} ciphertext, context ${JSON.stringify(c.context)}: ${String(got)}`);
      if (!same && !(got instanceof Error))
        problems.push(
          `${b.name} ciphertext decrypted with context ${JSON.stringify(c.context)}, whose AAD differs`,
        );
    }
  }
  return problems;
}
