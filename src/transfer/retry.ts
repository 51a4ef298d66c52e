/**
 * Bounded retries with a small jittered exponential backoff. The vendor SDKs retry throttling and
 * network errors up to 3 times (dkms-protocol.md §1.5); their sleeps range from 1 ms (Java) to
 * seconds (Python, Go). A doubling delay from ~200 ms lets a per-second QPS window reopen without
 * making a failing call hang.
 */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  isRetryable(err: unknown): boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoffDelay(attempt: number, baseDelayMs: number): number {
  const exp = baseDelayMs * 2 ** attempt;
  return Math.min(exp, 5_000) * (0.75 + Math.random() * 0.5);
}

export async function withRetries<T>(policy: RetryPolicy, run: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      if (attempt >= policy.maxRetries || !policy.isRetryable(err)) throw err;
      await sleep(backoffDelay(attempt, policy.baseDelayMs));
    }
  }
}
