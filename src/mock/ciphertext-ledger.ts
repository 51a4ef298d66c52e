import { createHash } from 'node:crypto';

/** What happened to the ciphertexts made before the latest key move, since the counts were last reset. */
export interface OldCiphertexts {
  /** Distinct ciphertexts made before the move that decrypted after it. */
  opened: number;
  /** Distinct ciphertexts made before the move that did not decrypt after it (and never did since). */
  failed: number;
  /** The error of the last one that failed, `Code: message`. */
  lastError?: string;
}

// Enough for any verify run; a long-lived mock forgets its oldest ciphertexts first.
const MAX_REMEMBERED = 100_000;

/**
 * Tells yesterday's data from today's: every ciphertext the mock makes is remembered by a fingerprint
 * (the IV of an AES-GCM blob, the hash of an RSA ciphertext) with the move generation it was made in.
 * A decrypt after a move of a ciphertext made before it is counted, opened or failed. This is how
 * `verify` proves that a migrated application read back old data, not data it had just written.
 * In memory only: a mock restarted on a state dir starts a new ledger.
 */
export class CiphertextLedger {
  private generation = 0;
  private readonly made = new Map<string, number>();
  private readonly opened = new Set<string>();
  private readonly failed = new Map<string, string>();

  static ofIv(iv: Buffer): string {
    return `iv:${iv.toString('base64')}`;
  }

  static ofCiphertext(ciphertext: Buffer): string {
    return `ct:${createHash('sha256').update(ciphertext).digest('base64')}`;
  }

  record(fingerprint: string): void {
    if (this.made.size >= MAX_REMEMBERED) {
      const oldest = this.made.keys().next().value;
      if (oldest !== undefined) this.made.delete(oldest);
    }
    this.made.set(fingerprint, this.generation);
  }

  /** A key moved: everything made so far is now old. */
  keysMoved(): void {
    this.generation++;
  }

  /** Runs a decrypt and notes its outcome when the ciphertext was made before the latest move. */
  async opening<T>(fingerprint: string, decrypt: () => Promise<T>): Promise<T> {
    const madeIn = this.made.get(fingerprint);
    const old = madeIn !== undefined && madeIn < this.generation;
    try {
      const result = await decrypt();
      if (old) {
        this.opened.add(fingerprint);
        this.failed.delete(fingerprint);
      }
      return result;
    } catch (err) {
      if (old && !this.opened.has(fingerprint)) this.failed.set(fingerprint, describe(err));
      throw err;
    }
  }

  stats(): OldCiphertexts {
    const errors = [...this.failed.values()];
    return {
      opened: this.opened.size,
      failed: this.failed.size,
      ...(errors.length ? { lastError: errors[errors.length - 1] } : {}),
    };
  }

  reset(): void {
    this.opened.clear();
    this.failed.clear();
  }
}

function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' ? `${e.code}: ${message}` : message;
}
