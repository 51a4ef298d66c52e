import {
  BlobFormatError,
  encryptionContextAad,
  parseEncryptionContext,
} from '../protocol/ciphertext-blob.js';
import { invalidParameter, missingParameter } from './errors.js';

/**
 * Reading legacy (shared-gateway) request parameters the way the vendor transfer SDKs do. pop-core
 * sends every value as text, so numbers and booleans are accepted in either form.
 */
export class LegacyParams {
  constructor(
    private readonly params: Record<string, unknown>,
    /** Used in error objects, as pop-core puts the request URL there. */
    readonly url: string,
  ) {}

  /** The value as text, or undefined when absent or empty. */
  text(name: string): string | undefined {
    const v = this.params[name];
    if (v === undefined || v === null) return undefined;
    const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return s === '' ? undefined : s;
  }

  required(name: string): string {
    const v = this.text(name);
    if (v === undefined) throw missingParameter(name, this.url);
    return v;
  }

  /** A required base64 parameter, decoded. */
  base64(name: string): Buffer {
    const v = this.required(name);
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(v)) throw invalidParameter(name, this.url, 'not base64 text');
    return Buffer.from(v, 'base64');
  }

  int(name: string): number | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw invalidParameter(name, this.url, 'not a non-negative integer');
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.params[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    const s = String(v).toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    throw invalidParameter(name, this.url, 'expected true or false');
  }

  /** The GCM AAD for the EncryptionContext (empty when there is none). Legacy callers pass JSON
   *  text; an object is accepted too. */
  contextAad(): Buffer {
    const raw = this.params.EncryptionContext;
    try {
      const context =
        raw && typeof raw === 'object' && !Array.isArray(raw)
          ? (raw as Record<string, unknown>)
          : parseEncryptionContext(this.text('EncryptionContext'));
      return encryptionContextAad(context);
    } catch (err) {
      if (err instanceof BlobFormatError)
        throw invalidParameter('EncryptionContext', this.url, 'it must be a JSON object');
      throw err;
    }
  }

  /** Per-request `x-kms-migrationkeyversionid` for the asymmetric actions, when the caller named a version. */
  keyVersionHeader(header: string): Record<string, string> | undefined {
    const v = this.text('KeyVersionId');
    return v === undefined ? undefined : { [header]: v };
  }
}
