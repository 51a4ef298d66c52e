import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

/** The REST client the review posts with: octokit with GitHub's own throttling and retry plugins. */
const ReviewOctokit = Octokit.plugin(throttling, retry);

export interface ClientOptions {
  token: string;
  /** `GITHUB_API_URL`: https://api.github.com, or GitHub Enterprise's `https://HOST/api/v3`. */
  baseUrl: string;
  userAgent: string;
  /** Told about each wait for a rate limit (the plugin then retries). */
  onWait?: (message: string) => void;
  /** Milliseconds per second of `retry-after` (tests shorten the waits; GitHub's answer is in seconds). */
  retryAfterBaseValue?: number;
  /** Retries of one request after a rate-limit answer. */
  rateLimitRetries?: number;
}

/**
 * Writes go out one at a time, at most one a second (the plugin's write queue), which keeps a run
 * far below GitHub's 80 content-creating requests a minute; a rate-limit answer is waited out and
 * retried, a 5xx retried with backoff.
 */
export function githubClient(o: ClientOptions): Octokit {
  const retries = o.rateLimitRetries ?? 2;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= retries) return false;
      o.onWait?.(`${kind} on ${options.method} ${options.url}: retrying in ${retryAfter} s`);
      return true;
    };
  return new ReviewOctokit({
    auth: o.token,
    baseUrl: o.baseUrl.replace(/\/+$/, ''),
    userAgent: o.userAgent,
    log: { debug: () => {}, info: () => {}, warn: (m: string) => o.onWait?.(m), error: () => {} },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...(o.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: o.retryAfterBaseValue } : {}),
    },
    ...(o.retryAfterBaseValue !== undefined ? { retry: { retryAfterBaseValue: o.retryAfterBaseValue } } : {}),
  });
}
