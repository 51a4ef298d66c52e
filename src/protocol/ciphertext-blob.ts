import { createHash } from 'node:crypto';

/**
 * Ciphertext layouts shared by the transfer clients and the mock (dkms-protocol.md §1.6, §3.1).
 * Transfer blob: base64(keyVersionId as 36 ASCII bytes ‖ 12-byte IV ‖ ciphertext‖tag).
 * Advance blob: 0x24 0x00 0x02 ‖ keyVersionId(36) ‖ iv(12) ‖ ciphertext‖tag.
 */
export const KEY_VERSION_ID_LENGTH = 36;
export const GCM_IV_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;
export const ADVANCE_HEADER = Buffer.from([0x24, 0x00, 0x02]);

export interface BlobParts {
  keyVersionId: string;
  iv: Buffer;
  /** Ciphertext with the GCM tag appended. */
  ciphertext: Buffer;
}

export class BlobFormatError extends Error {
  readonly code = 'InvalidParameter';
}

function checkVersionId(id: string): Buffer {
  const b = Buffer.from(id, 'utf8');
  if (b.length !== KEY_VERSION_ID_LENGTH) {
    throw new BlobFormatError(
      `key version id must be ${KEY_VERSION_ID_LENGTH} bytes (a UUID string), got ${b.length}`,
    );
  }
  return b;
}

export function packTransferBlob(parts: BlobParts): string {
  return Buffer.concat([checkVersionId(parts.keyVersionId), parts.iv, parts.ciphertext]).toString('base64');
}

/** Splits a transfer blob; blobs of 48 bytes or fewer are refused as the transfer SDKs do. */
export function unpackTransferBlob(base64: string): BlobParts {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length <= KEY_VERSION_ID_LENGTH + GCM_IV_LENGTH) {
    throw new BlobFormatError('The specified parameter CiphertextBlob is not valid: it is too short.');
  }
  return {
    keyVersionId: raw.subarray(0, KEY_VERSION_ID_LENGTH).toString('latin1'),
    iv: raw.subarray(KEY_VERSION_ID_LENGTH, KEY_VERSION_ID_LENGTH + GCM_IV_LENGTH),
    ciphertext: raw.subarray(KEY_VERSION_ID_LENGTH + GCM_IV_LENGTH),
  };
}

export function packAdvanceBlob(parts: BlobParts): Buffer {
  return Buffer.concat([ADVANCE_HEADER, checkVersionId(parts.keyVersionId), parts.iv, parts.ciphertext]);
}

export function isAdvanceBlob(blob: Uint8Array): boolean {
  return (
    blob.length > ADVANCE_HEADER.length + KEY_VERSION_ID_LENGTH + GCM_IV_LENGTH &&
    blob[0] === 0x24 &&
    blob[1] === 0x00 &&
    blob[2] === 0x02
  );
}

export function unpackAdvanceBlob(blob: Uint8Array): BlobParts {
  if (!isAdvanceBlob(blob))
    throw new BlobFormatError('The ciphertext is not an Advance ciphertext ($ 00 02).');
  const b = Buffer.from(blob);
  const start = ADVANCE_HEADER.length;
  return {
    keyVersionId: b.subarray(start, start + KEY_VERSION_ID_LENGTH).toString('latin1'),
    iv: b.subarray(start + KEY_VERSION_ID_LENGTH, start + KEY_VERSION_ID_LENGTH + GCM_IV_LENGTH),
    ciphertext: b.subarray(start + KEY_VERSION_ID_LENGTH + GCM_IV_LENGTH),
  };
}

/** `k1=v1&k2=v2` with keys sorted ascending, values as strings (what every transfer SDK hashes). */
export function encodeEncryptionContext(context: Record<string, unknown>): string {
  return Object.keys(context)
    .sort()
    .map((k) => {
      const v = context[k];
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join('&');
}

/**
 * The GCM AAD for a legacy EncryptionContext: SHA-256 of the sorted `k=v&...` string. Only an absent
 * context (undefined) has no AAD. The vendor transfer SDKs (Python `encode_user_encryption_context`,
 * Java `EncryptionContextUtils.sortAndEncode`, Go `EncodeUserEncryptionContext`) hash every non-empty
 * context *string*, so `'{}'` (or `' {} '`) is SHA-256 of the empty string, not "no AAD".
 */
export function encryptionContextAad(context: Record<string, unknown> | undefined): Buffer {
  if (context === undefined) return Buffer.alloc(0);
  return createHash('sha256').update(encodeEncryptionContext(context), 'utf8').digest();
}

/**
 * Parses the EncryptionContext request parameter (a JSON object as a string), as the vendor transfer
 * SDKs read it: absent or `''` is no context (undefined); any other text must be a JSON object
 * (whitespace around it allowed), so `'{}'` is an empty context and `' '` is refused. Throws
 * BlobFormatError when it is not a JSON object.
 */
export function parseEncryptionContext(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined || value === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new BlobFormatError('The specified parameter EncryptionContext is not valid: it is not JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BlobFormatError(
      'The specified parameter EncryptionContext is not valid: it must be a JSON object.',
    );
  }
  return parsed as Record<string, unknown>;
}
