// The planted bugs of `npm run mutants`: each is one exact text substitution in one file, and the
// test files that must notice it. A substitution whose text is not found exactly once fails loudly
// (here and in test/mutants/targets.test.ts), so a refactor cannot turn a mutant into a no-op: update
// the text here along with the code.

/** @typedef {{ name: string, file: string, from: string, to: string, tests: string[], why: string }} Mutant */

/** @type {Mutant[]} */
export const MUTANTS = [
  {
    name: 'write-in-place',
    why: 'migrate --write overwrites the file in place instead of writing a temp file and renaming it',
    file: 'src/migrate/file-ops.ts',
    from: '  rename: renameSync,\n',
    to: '  rename: copyFileSync,\n',
    tests: ['test/migrate/write-behaviour.test.ts', 'test/migrate/harness.test.ts'],
  },
  {
    name: 'write-no-chmod',
    why: "migrate --write drops the chmod of the temp file, so the umask decides the file's mode",
    file: 'src/migrate/file-ops.ts',
    from: '      fchmodSync(fd, mode);\n',
    to: '',
    tests: ['test/migrate/write-behaviour.test.ts', 'test/migrate/harness.test.ts'],
  },
  {
    name: 'gateway-nonce-replay-off',
    why: 'the gateway accepts a reused SignatureNonce',
    file: 'src/mock/gateway-auth.ts',
    from: '    if (!nonce) return;\n',
    to: '    return;\n',
    tests: ['test/mock/gateway.test.ts'],
  },
  {
    name: 'transfer-getpublickey-to-gateway',
    why: 'the Node transfer client sends GetPublicKey to the shared gateway instead of the instance',
    file: 'src/transfer/legacy-actions.ts',
    from: '  GetPublicKey: getPublicKey,\n',
    to: '',
    tests: ['test/transfer/against-mock.test.ts'],
  },
  {
    name: 'blocked-list-without-export-data-key',
    why: 'ExportDataKey is no longer a blocked action',
    file: 'src/model/kms-actions.ts',
    from: "export const BLOCKED_ACTIONS = ['ReEncrypt', 'ExportDataKey', 'GenerateAndExportDataKey'] as const;",
    to: "export const BLOCKED_ACTIONS = ['ReEncrypt', 'GenerateAndExportDataKey'] as const;",
    tests: ['test/rules/fixtures.test.ts', 'test/scan/app-pass.test.ts'],
  },
  {
    name: 'app-verdict-needs-two-reasons',
    why: 'an application with a single blocking reason is "ready" instead of "blocked"',
    file: 'src/scan/app-pass.ts',
    from: "  if (reasons.length > 0) {\n    verdict = 'blocked';",
    to: "  if (reasons.length > 1) {\n    verdict = 'blocked';",
    tests: ['test/rules/fixtures.test.ts', 'test/scan/app-pass.test.ts'],
  },
  {
    name: 'hmac-v1-signature-unchecked',
    why: 'the gateway accepts any RPC (HMAC-SHA1) signature of the right length',
    file: 'src/protocol/rpc-signature.ts',
    from: '  const ok = given.length === expected.length && timingSafeEqual(given, expected);',
    to: '  const ok = given.length === expected.length;',
    tests: ['test/protocol/rpc-signature.test.ts', 'test/mock/gateway.test.ts'],
  },
  {
    name: 'hmac-acs3-signature-unchecked',
    why: 'the gateway accepts any ACS3-HMAC-SHA256 signature of the right length',
    file: 'src/protocol/acs3-signature.ts',
    from: '  const ok = expected.length === given.length && timingSafeEqual(expected, given);',
    to: '  const ok = expected.length === given.length;',
    tests: ['test/protocol/acs3-signature.test.ts', 'test/mock/gateway.test.ts'],
  },
  {
    name: 'rsa-signature-unchecked',
    why: 'the instance accepts any RSA request signature',
    file: 'src/protocol/dkms-signature.ts',
    from: "      .verify(publicKey, signatureBase64, 'base64');",
    to: "      .verify(publicKey, signatureBase64, 'base64') || true;",
    tests: ['test/protocol/dkms.test.ts', 'test/mock/instance.test.ts'],
  },
  {
    name: 'key-versions-ignored',
    why: 'a key with two versions is judged movable',
    file: 'src/keys/judge.ts',
    from: '  if (key.versionCount > 1) {',
    to: '  if (key.versionCount > 2) {',
    tests: ['test/keys/judge.test.ts'],
  },
  {
    name: 'key-rotation-ignored',
    why: 'a key with automatic rotation is judged movable',
    file: 'src/keys/judge.ts',
    from: "  return key.automaticRotation === 'Enabled' || key.automaticRotation === 'Suspended';",
    to: '  return false;',
    tests: ['test/keys/judge.test.ts'],
  },
  {
    name: 'key-suspended-rotation-ignored',
    why: 'a key whose rotation is suspended (a policy still configured) is judged movable',
    file: 'src/keys/judge.ts',
    from: "  return key.automaticRotation === 'Enabled' || key.automaticRotation === 'Suspended';",
    to: "  return key.automaticRotation === 'Enabled';",
    tests: ['test/keys/judge.test.ts'],
  },
  {
    name: 'key-rotation-remedy-despite-versions',
    why: '"disable rotation first" is offered for a key that also has several versions',
    file: 'src/keys/judge.ts',
    from: "  const onlyRotation = blockers.length === 1 && blockers[0].code === 'rotation-enabled';",
    to: "  const onlyRotation = blockers.some((b) => b.code === 'rotation-enabled');",
    tests: ['test/keys/judge.test.ts'],
  },
  {
    name: 'verify-tls-check-off',
    why: "verify's TLS check passes when the migrated sample talked to an instance its CA did not sign",
    file: 'src/verify/checks.ts',
    from: '  if (rogueInstance.total > 0) {',
    to: '  if (rogueInstance.total > 1) {',
    tests: ['test/verify/checks.test.ts'],
  },
  {
    name: 'verify-tls-no-handshake-needed',
    why: "verify's TLS check passes for a run that failed without ever reaching the foreign instance",
    file: 'src/verify/checks.ts',
    from: '  if (refused.count === 0)',
    to: '  if (refused.count < 0)',
    tests: ['test/verify/checks.test.ts'],
  },
  {
    name: 'ledger-fresh-counted-old',
    why: 'the mock counts a ciphertext made after the key move as old data read back',
    file: 'src/mock/ciphertext-ledger.ts',
    from: '    const old = madeIn !== undefined && madeIn < this.generation;',
    to: '    const old = madeIn !== undefined;',
    tests: ['test/mock/old-ciphertexts.test.ts'],
  },
  {
    name: 'verify-app-old-data-lost-passes',
    why: "verify's old-ciphertexts passes a user's app although old ciphertexts did not open after the move",
    file: 'src/verify/app-checks.ts',
    from: '  if (old.failed > 0)',
    to: '  if (old.failed > 99)',
    tests: ['test/verify/app-checks.test.ts'],
  },
  {
    name: 'instance-replay-check-off',
    why: 'the instance face accepts a replayed signed request',
    file: 'src/mock/instance-auth.ts',
    from: '  if (replay?.replayed(signature, req.socket)) {',
    to: '  if (false && replay?.replayed(signature, req.socket)) {',
    tests: ['test/mock/shared-machine.test.ts'],
  },
  {
    name: 'empty-context-without-aad',
    why: "EncryptionContext '{}' gives no AAD, unlike the vendor transfer SDKs",
    file: 'src/protocol/ciphertext-blob.ts',
    from: '  if (context === undefined) return Buffer.alloc(0);',
    to: '  if (!context || Object.keys(context).length === 0) return Buffer.alloc(0);',
    tests: [
      'test/protocol/client-key-and-blob.test.ts',
      'test/mock/instance.test.ts',
      'test/transfer/against-mock.test.ts',
    ],
  },
  {
    name: 'plan-legacy-app-no-change',
    why: 'plan says "no change needed" for an application that still has a gateway client',
    file: 'src/keys/build-plan.ts',
    from: "    else if (keepsLegacy) action = 'check-config';",
    to: "    else if (false && keepsLegacy) action = 'check-config';",
    tests: ['test/plan/legacy-and-env-defaults.test.ts', 'test/plan/plan.test.ts'],
  },
  {
    name: 'plan-env-default-not-a-key',
    why: 'the default literal of os.getenv("K", "key-…") is not a key reference',
    file: 'src/languages/tree-sitter/fact-sinks.ts',
    from: '  else if (origin.fallback !== undefined) ref.literal = origin.fallback;\n',
    to: '',
    tests: ['test/plan/legacy-and-env-defaults.test.ts'],
  },
];

/** How many times `needle` occurs in `text`. */
export function occurrences(text, needle) {
  if (needle === '') return 0;
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The mutated text; throws, naming the mutant and the file, unless `from` occurs exactly once. */
export function applyMutant(mutant, text) {
  const n = occurrences(text, mutant.from);
  if (n !== 1) {
    throw new Error(
      `mutant ${mutant.name}: its target text occurs ${n} times in ${mutant.file} (expected exactly once); the code changed, so update scripts/mutants.list.mjs`,
    );
  }
  return text.replace(mutant.from, () => mutant.to);
}
