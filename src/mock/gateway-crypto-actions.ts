import {
  BlobFormatError,
  encryptionContextAad,
  packTransferBlob,
  parseEncryptionContext,
  unpackTransferBlob,
} from '../protocol/ciphertext-blob.js';
import {
  asymmetricDecrypt,
  asymmetricEncrypt,
  dataKeyLength,
  newDataKey,
  openSymmetric,
  requireUsage,
  sealSymmetric,
} from './crypto-ops.js';
import { KmsError } from './errors.js';
import {
  base64Param,
  checkKeyReachable,
  type GatewayAction,
  type GatewayContext,
  required,
} from './gateway-context.js';
import { signWithDigest, verifyWithDigest, wrapWithPublicKey } from './key-material.js';
import type { StoredKey } from './keystore.js';

/**
 * Crypto actions of the shared gateway. Ciphertexts are exactly the transfer blob
 * (base64 kvid ‖ iv ‖ ct‖tag, AAD = SHA-256 of the sorted context), so data encrypted here before a
 * key moves decrypts through any transfer client afterwards.
 */
/**
 * The context from `EncryptionContext` (a JSON string), or from flattened `EncryptionContext.<k>`
 * parameters, which old Tea clients (e.g. @alicloud/kms20160120 1.x) send for a map.
 */
function contextOf(p: Record<string, string>, name: string): Record<string, unknown> | undefined {
  const flat = Object.keys(p).filter((k) => k.startsWith(`${name}.`));
  if (flat.length && !p[name]) return Object.fromEntries(flat.map((k) => [k.slice(name.length + 1), p[k]]));
  return parseEncryptionContext(p[name]);
}

function aadOf(p: Record<string, string>, name = 'EncryptionContext'): Buffer {
  try {
    return encryptionContextAad(contextOf(p, name));
  } catch (err) {
    if (err instanceof BlobFormatError) throw new KmsError('InvalidParameter', err.message, 400);
    throw err;
  }
}

function unpack(blob: string) {
  try {
    return unpackTransferBlob(blob);
  } catch (err) {
    if (err instanceof BlobFormatError) throw new KmsError('InvalidParameter', err.message, 400);
    throw err;
  }
}

function keyFor(ctx: GatewayContext, ref: string | undefined): StoredKey {
  const key = ctx.ks.resolve(ref);
  checkKeyReachable(ctx, key);
  return key;
}

async function seal(ctx: GatewayContext, key: StoredKey, plaintext: Buffer, aad: Buffer) {
  requireUsage(key, 'ENCRYPT/DECRYPT');
  const s = await sealSymmetric(ctx.ks, key, plaintext, aad);
  return {
    CiphertextBlob: packTransferBlob({ keyVersionId: s.version.id, iv: s.iv, ciphertext: s.ciphertext }),
    KeyId: key.keyId,
    KeyVersionId: s.version.id,
  };
}

async function open(ctx: GatewayContext, blob: string, aad: Buffer) {
  const parts = unpack(blob);
  const found = ctx.ks.byVersionId(parts.keyVersionId);
  if (found) checkKeyReachable(ctx, found.key);
  return openSymmetric(ctx.ks, parts.keyVersionId, parts.iv, parts.ciphertext, aad);
}

async function generateDataKey(p: Record<string, string>, ctx: GatewayContext) {
  const key = keyFor(ctx, required(p, 'KeyId'));
  const dataKey = newDataKey(dataKeyLength(p.KeySpec, p.NumberOfBytes));
  const text = dataKey.toString('base64');
  // The blob holds the base64 TEXT of the data key, as the transfer clients produce it.
  const sealed = await seal(ctx, key, Buffer.from(text, 'utf8'), aadOf(p));
  return { ...sealed, Plaintext: text };
}

function exportedKey(p: Record<string, string>, plaintextText: Buffer): string {
  const raw = Buffer.from(plaintextText.toString('utf8'), 'base64');
  required(p, 'WrappingKeySpec');
  return wrapWithPublicKey(required(p, 'PublicKeyBlob'), required(p, 'WrappingAlgorithm'), raw).toString(
    'base64',
  );
}

export const GATEWAY_CRYPTO_ACTIONS: Record<string, GatewayAction> = {
  async Encrypt(p, ctx) {
    const key = keyFor(ctx, required(p, 'KeyId'));
    return seal(ctx, key, Buffer.from(required(p, 'Plaintext'), 'utf8'), aadOf(p));
  },

  async Decrypt(p, ctx) {
    const r = await open(ctx, required(p, 'CiphertextBlob'), aadOf(p));
    return { KeyId: r.key.keyId, KeyVersionId: r.version.id, Plaintext: r.plaintext.toString('utf8') };
  },

  GenerateDataKey: generateDataKey,

  async GenerateDataKeyWithoutPlaintext(p, ctx) {
    const { Plaintext: _dropped, ...rest } = await generateDataKey(p, ctx);
    return rest;
  },

  async ReEncrypt(p, ctx) {
    const blob = required(p, 'CiphertextBlob');
    let plaintext: Buffer;
    if (p.SourceKeyId && p.SourceEncryptionAlgorithm) {
      const src = keyFor(ctx, p.SourceKeyId);
      plaintext = (
        await asymmetricDecrypt(
          ctx.ks,
          src,
          p.SourceKeyVersionId,
          p.SourceEncryptionAlgorithm,
          Buffer.from(blob, 'base64'),
        )
      ).plaintext;
    } else {
      plaintext = (await open(ctx, blob, aadOf(p, 'SourceEncryptionContext'))).plaintext;
    }
    const dest = keyFor(ctx, required(p, 'DestinationKeyId'));
    return seal(ctx, dest, plaintext, aadOf(p, 'DestinationEncryptionContext'));
  },

  async ExportDataKey(p, ctx) {
    const r = await open(ctx, required(p, 'CiphertextBlob'), aadOf(p));
    return { KeyId: r.key.keyId, KeyVersionId: r.version.id, ExportedDataKey: exportedKey(p, r.plaintext) };
  },

  async GenerateAndExportDataKey(p, ctx) {
    const gdk = await generateDataKey(p, ctx);
    const exported = exportedKey(p, Buffer.from(gdk.Plaintext, 'utf8'));
    return {
      KeyId: gdk.KeyId,
      KeyVersionId: gdk.KeyVersionId,
      CiphertextBlob: gdk.CiphertextBlob,
      ExportedDataKey: exported,
    };
  },

  async AsymmetricEncrypt(p, ctx) {
    const key = keyFor(ctx, required(p, 'KeyId'));
    const r = await asymmetricEncrypt(
      ctx.ks,
      key,
      required(p, 'KeyVersionId'),
      required(p, 'Algorithm'),
      base64Param(p, 'Plaintext'),
    );
    return { KeyId: key.keyId, KeyVersionId: r.version.id, CiphertextBlob: r.ciphertext.toString('base64') };
  },

  async AsymmetricDecrypt(p, ctx) {
    const key = keyFor(ctx, required(p, 'KeyId'));
    const r = await asymmetricDecrypt(
      ctx.ks,
      key,
      required(p, 'KeyVersionId'),
      required(p, 'Algorithm'),
      base64Param(p, 'CiphertextBlob'),
    );
    return { KeyId: key.keyId, KeyVersionId: r.version.id, Plaintext: r.plaintext.toString('base64') };
  },

  async AsymmetricSign(p, ctx) {
    const key = keyFor(ctx, required(p, 'KeyId'));
    ctx.ks.checkUsable(key);
    requireUsage(key, 'SIGN/VERIFY');
    const version = ctx.ks.version(key, required(p, 'KeyVersionId'));
    const m = await ctx.ks.material(key, version);
    const sig = signWithDigest(m, key.keySpec, required(p, 'Algorithm'), base64Param(p, 'Digest'));
    return { KeyId: key.keyId, KeyVersionId: version.id, Value: sig.toString('base64') };
  },

  async AsymmetricVerify(p, ctx) {
    const key = keyFor(ctx, required(p, 'KeyId'));
    ctx.ks.checkUsable(key);
    requireUsage(key, 'SIGN/VERIFY');
    const version = ctx.ks.version(key, required(p, 'KeyVersionId'));
    const m = await ctx.ks.material(key, version);
    const ok = verifyWithDigest(
      m,
      key.keySpec,
      required(p, 'Algorithm'),
      base64Param(p, 'Digest'),
      base64Param(p, 'Value'),
    );
    return { KeyId: key.keyId, KeyVersionId: version.id, Value: ok };
  },

  async GetPublicKey(p, ctx) {
    const key = keyFor(ctx, required(p, 'KeyId'));
    const version = ctx.ks.version(key, p.KeyVersionId || undefined);
    const m = await ctx.ks.material(key, version);
    if (!m.publicKeyPem)
      throw new KmsError('Forbidden.KeyUsage', 'The key is symmetric and has no public key.', 400);
    return { KeyId: key.keyId, KeyVersionId: version.id, PublicKey: m.publicKeyPem };
  },
};
