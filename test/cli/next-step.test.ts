import { describe, expect, it } from 'vitest';
import { nextStep } from '../../src/cli/next-step.js';
import type { AppResult, ScanResult } from '../../src/model/index.js';

function app(dir: string, verdict: AppResult['verdict'], kind?: AppResult['kind']): AppResult {
  return {
    dir,
    manifests: [],
    languages: ['java'],
    verdict,
    reasons: [],
    clients: [],
    actions: [],
    ...(kind ? { kind } : {}),
  } as AppResult;
}

const result = (apps: AppResult[]) => ({ apps }) as unknown as ScanResult;

describe("scan's next step", () => {
  it('names the migrate command with the scan arguments when an application is ready', () => {
    const out = nextStep(result([app('a', 'ready', 'application'), app('b', 'blocked')]), ['src dir']);
    expect(out).toContain('To migrate 1 application(s), review the diff of:');
    expect(out).toContain("  kms-codemod migrate 'src dir'\n");
  });

  it('counts a ready library apart, since migrate only reports its change without --allow-library-env', () => {
    const out = nextStep(result([app('a', 'ready', 'application'), app('lib', 'ready', 'library')]), ['.']);
    expect(out).toContain('To migrate 1 application(s) (1 library is only reported');
    expect(out).toContain('--allow-library-env');
  });

  it('says nothing when no application is ready', () => {
    expect(nextStep(result([app('a', 'blocked'), app('b', 'no code change')]), ['.'])).toBe('');
  });
});
