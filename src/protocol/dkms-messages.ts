import protobuf from 'protobufjs';

/**
 * The dkms-gcs-0.2 protobuf messages (dkms-protocol.md §1.4), built from an in-code table so no
 * .proto file has to ship. Field numbers are what the wire uses; names follow the SDKs.
 */
type FieldType = 'string' | 'bytes' | 'bool' | 'int32';
type FieldSpec = [name: string, type: FieldType, repeated?: 'repeated'];

const S = (n: string): FieldSpec => [n, 'string'];
const B = (n: string): FieldSpec => [n, 'bytes'];

const encryptReq = [S('KeyId'), B('Plaintext'), S('Algorithm'), B('Aad'), B('Iv'), S('PaddingMode')];
const encryptResp = [
  S('KeyId'),
  B('CiphertextBlob'),
  B('Iv'),
  S('RequestId'),
  S('Algorithm'),
  S('PaddingMode'),
];
const decryptReq = [B('CiphertextBlob'), S('KeyId'), S('Algorithm'), B('Aad'), B('Iv'), S('PaddingMode')];
const decryptResp = [S('KeyId'), B('Plaintext'), S('RequestId'), S('Algorithm'), S('PaddingMode')];
const gdkResp = [S('KeyId'), B('Iv'), B('Plaintext'), B('CiphertextBlob'), S('RequestId'), S('Algorithm')];
const gdkpReq = [S('KeyId'), S('Algorithm'), S('KeyPairSpec'), S('KeyFormat'), B('Aad')];
const gdkpResp = [
  S('KeyId'),
  B('Iv'),
  S('KeyPairSpec'),
  B('PrivateKeyPlaintext'),
  B('PrivateKeyCiphertextBlob'),
  B('PublicKey'),
  S('RequestId'),
  S('Algorithm'),
];
const gdkpWpResp = [
  S('KeyId'),
  B('Iv'),
  S('KeyPairSpec'),
  B('PrivateKeyCiphertextBlob'),
  B('PublicKey'),
  S('RequestId'),
  S('Algorithm'),
];
const advGdkpReq = [S('KeyId'), S('KeyPairSpec'), S('KeyFormat'), B('Aad')];

/** Message name → fields in field-number order (a `null` leaves a number unused). */
const MESSAGES: Record<string, (FieldSpec | null)[]> = {
  EncryptRequest: encryptReq,
  EncryptResponse: encryptResp,
  DecryptRequest: decryptReq,
  DecryptResponse: decryptResp,
  SignRequest: [S('KeyId'), B('Digest'), S('Algorithm'), B('Message'), S('MessageType')],
  SignResponse: [S('KeyId'), B('Signature'), S('RequestId'), S('Algorithm'), S('MessageType')],
  VerifyRequest: [S('KeyId'), B('Digest'), B('Signature'), S('Algorithm'), B('Message'), S('MessageType')],
  VerifyResponse: [S('KeyId'), ['Value', 'bool'], S('RequestId'), S('Algorithm'), S('MessageType')],
  HmacRequest: [S('KeyId'), B('Message')],
  HmacResponse: [S('KeyId'), B('Signature'), S('RequestId')],
  GenerateRandomRequest: [['Length', 'int32']],
  GenerateRandomResponse: [B('Random'), S('RequestId')],
  HashRequest: [B('Message'), S('Algorithm')],
  HashResponse: [B('Digest'), null, S('RequestId')],
  GenerateDataKeyRequest: [S('KeyId'), S('Algorithm'), ['NumberOfBytes', 'int32'], B('Aad')],
  GenerateDataKeyResponse: gdkResp,
  GetPublicKeyRequest: [S('KeyId')],
  GetPublicKeyResponse: [S('KeyId'), S('PublicKey'), S('RequestId')],
  GetSecretValueRequest: [
    S('SecretName'),
    S('VersionStage'),
    S('VersionId'),
    ['FetchExtendedConfig', 'bool'],
  ],
  GetSecretValueResponse: [
    S('SecretName'),
    S('SecretType'),
    S('SecretData'),
    S('SecretDataType'),
    ['VersionStages', 'string', 'repeated'],
    S('VersionId'),
    S('CreateTime'),
    S('RequestId'),
    S('LastRotationDate'),
    S('NextRotationDate'),
    S('ExtendedConfig'),
    S('AutomaticRotation'),
    S('RotationInterval'),
  ],
  AdvanceEncryptRequest: encryptReq,
  AdvanceEncryptResponse: [...encryptResp, S('KeyVersionId')],
  AdvanceDecryptRequest: decryptReq,
  AdvanceDecryptResponse: [...decryptResp, S('KeyVersionId')],
  AdvanceGenerateDataKeyRequest: [S('KeyId'), ['NumberOfBytes', 'int32'], B('Aad')],
  AdvanceGenerateDataKeyResponse: [...gdkResp, S('KeyVersionId')],
  GenerateDataKeyPairRequest: gdkpReq,
  GenerateDataKeyPairResponse: gdkpResp,
  GenerateDataKeyPairWithoutPlaintextRequest: gdkpReq,
  GenerateDataKeyPairWithoutPlaintextResponse: gdkpWpResp,
  AdvanceGenerateDataKeyPairRequest: advGdkpReq,
  AdvanceGenerateDataKeyPairResponse: [...gdkpResp, S('KeyVersionId')],
  AdvanceGenerateDataKeyPairWithoutPlaintextRequest: advGdkpReq,
  AdvanceGenerateDataKeyPairWithoutPlaintextResponse: [...gdkpWpResp, S('KeyVersionId')],
  KmsEncryptRequest: [S('KeyId'), B('Plaintext'), B('Aad')],
  KmsEncryptResponse: [S('KeyId'), B('CiphertextBlob'), S('RequestId')],
  KmsDecryptRequest: [B('CiphertextBlob'), B('Aad')],
  KmsDecryptResponse: [S('KeyId'), B('Plaintext'), S('RequestId')],
  Error: [['StatusCode', 'int32'], S('ErrorCode'), S('ErrorMessage'), S('RequestId')],
};

/** The `x-kms-apiname` values the SDKs send (each has `<name>Request`/`<name>Response`). */
export const DKMS_API_NAMES = [
  'Encrypt',
  'Decrypt',
  'Sign',
  'Verify',
  'GenerateRandom',
  'GenerateDataKey',
  'GetPublicKey',
  'GetSecretValue',
  'AdvanceEncrypt',
  'AdvanceDecrypt',
  'AdvanceGenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'AdvanceGenerateDataKeyPair',
  'AdvanceGenerateDataKeyPairWithoutPlaintext',
  'Hmac',
  'Hash',
] as const;
export type DkmsApiName = (typeof DKMS_API_NAMES)[number];

function buildRoot(): protobuf.Root {
  const nested: Record<string, { fields: Record<string, { type: string; id: number; rule?: string }> }> = {};
  for (const [message, fields] of Object.entries(MESSAGES)) {
    const out: Record<string, { type: string; id: number; rule?: string }> = {};
    fields.forEach((f, i) => {
      if (!f) return;
      out[f[0]] = f[2] ? { type: f[1], id: i + 1, rule: 'repeated' } : { type: f[1], id: i + 1 };
    });
    nested[message] = { fields: out };
  }
  return protobuf.Root.fromJSON({ nested: { api: { nested } } });
}

const root = buildRoot();
const types = new Map<string, protobuf.Type>();

function typeOf(message: string): protobuf.Type {
  let t = types.get(message);
  if (!t) {
    if (!MESSAGES[message]) throw new Error(`dkms-messages: unknown message ${message}`);
    t = root.lookupType(`api.${message}`);
    types.set(message, t);
  }
  return t;
}

/** A decoded message: bytes fields are Buffers, absent fields are missing (proto3 defaults). */
export type DkmsMessage = Record<string, string | Buffer | boolean | number | string[] | undefined>;

export function hasMessage(message: string): boolean {
  return message in MESSAGES;
}

/** Encodes; empty strings/buffers, false and 0 are left out the way the SDK serialisers do. */
export function encodeMessage(message: string, value: DkmsMessage): Buffer {
  const t = typeOf(message);
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null || v === '' || v === false || v === 0) continue;
    if (Buffer.isBuffer(v) && v.length === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (!t.fields[k]) throw new Error(`dkms-messages: ${message} has no field ${k}`);
    clean[k] = v;
  }
  return Buffer.from(t.encode(t.fromObject(clean)).finish());
}

/** Decodes leniently; throws protobufjs' error on a malformed body (callers map it to a 400). */
export function decodeMessage(message: string, body: Uint8Array): DkmsMessage {
  const t = typeOf(message);
  const decoded = t.decode(body);
  const obj = t.toObject(decoded, { defaults: false, bytes: Buffer, longs: Number }) as DkmsMessage;
  for (const [k, v] of Object.entries(obj)) {
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) obj[k] = Buffer.from(v);
  }
  return obj;
}
