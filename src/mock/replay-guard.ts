import { createHash } from 'node:crypto';

/**
 * Recent request signatures of the instance face, to refuse a replayed signed request within the
 * clock-skew window, as the gateway face refuses a reused SignatureNonce.
 *
 * The dkms-gcs-0.2 protocol has no nonce, and RSA PKCS#1 v1.5 signatures are deterministic: two
 * clients sharing an application access point that send the same request in the same second (same
 * Date; GenerateDataKey with one key and context is the same body everywhere) sign it identically.
 * A replay of a captured request cannot be told from that by its bytes, so a repeat counts as a
 * replay only when it comes on another connection (on the first one, TLS already rules out a third
 * party) and more than `graceMs` after the first sighting (legitimate twins are signed in the same
 * second, so they arrive together). Bounded: expired entries go first, then the oldest.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, { connection: number; first: number }>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    /** How long a signature stays valid: a Date up to the skew ahead, seen up to the skew late. */
    private readonly ttlMs: number,
    private readonly graceMs = 5_000,
    private readonly max = 50_000,
  ) {}

  private connectionId(connection: object): number {
    let id = this.ids.get(connection);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(connection, id);
    }
    return id;
  }

  /** True when `signature` is a replay: seen before, within its window, from another connection. */
  replayed(signature: string, connection: object, now = Date.now()): boolean {
    const key = createHash('sha256').update(signature).digest('base64');
    const id = this.connectionId(connection);
    const prior = this.seen.get(key);
    if (prior && now - prior.first < this.ttlMs)
      return prior.connection !== id && now - prior.first > this.graceMs;
    this.seen.delete(key);
    this.seen.set(key, { connection: id, first: now });
    if (this.seen.size > this.max) this.prune(now);
    return false;
  }

  private prune(now: number): void {
    for (const [k, v] of this.seen) if (now - v.first >= this.ttlMs) this.seen.delete(k);
    for (const k of this.seen.keys()) {
      if (this.seen.size <= this.max) break;
      this.seen.delete(k);
    }
  }
}
