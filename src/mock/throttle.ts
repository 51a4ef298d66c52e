/** A token bucket per face; qps <= 0 means unlimited. */
export class Throttle {
  private tokens: number;
  private last = Date.now();

  constructor(private qps: number) {
    this.tokens = qps;
  }

  setQps(qps: number): void {
    if (typeof qps !== 'number' || !Number.isFinite(qps) || qps < 0)
      throw new RangeError(`qps must be a number >= 0 (0 = unlimited), got ${JSON.stringify(qps)}`);
    this.qps = qps;
    this.tokens = qps;
    this.last = Date.now();
  }

  get limit(): number {
    return this.qps;
  }

  /** True when the call may proceed. */
  take(): boolean {
    if (this.qps <= 0) return true;
    const now = Date.now();
    this.tokens = Math.min(this.qps, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** TLS handshakes a client broke off at the instance listener (it did not trust the certificate). */
export interface TlsRefusals {
  count: number;
  /** Why the last one failed, as the TLS stack says it (e.g. `... alert unknown ca`). */
  lastReason?: string;
}

export class CallCounter {
  private counts = { gateway: new Map<string, number>(), instance: new Map<string, number>() };
  private refused: TlsRefusals = { count: 0 };

  add(face: 'gateway' | 'instance', action: string): void {
    const m = this.counts[face];
    m.set(action, (m.get(action) ?? 0) + 1);
  }

  snapshot(): { gateway: Record<string, number>; instance: Record<string, number> } {
    return {
      gateway: Object.fromEntries(this.counts.gateway),
      instance: Object.fromEntries(this.counts.instance),
    };
  }

  tlsRefused(reason: string): void {
    this.refused = { count: this.refused.count + 1, lastReason: reason };
  }

  tlsRefusals(): TlsRefusals {
    return { ...this.refused };
  }

  reset(): void {
    this.counts.gateway.clear();
    this.counts.instance.clear();
    this.refused = { count: 0 };
  }
}
