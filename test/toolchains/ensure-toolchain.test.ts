import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCacheDir, ensureToolchain } from '../../src/toolchains/index.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe('defaultCacheDir', () => {
  it('honours KMS_CODEMOD_CACHE, else ~/.cache/kms-codemod', () => {
    process.env.KMS_CODEMOD_CACHE = '/tmp/somewhere';
    expect(defaultCacheDir()).toBe('/tmp/somewhere');
    delete process.env.KMS_CODEMOD_CACHE;
    delete process.env.XDG_CACHE_HOME;
    expect(defaultCacheDir()).toMatch(/\.cache\/kms-codemod$/);
  });
});

describe('ensureToolchain', () => {
  it('names what to install when the JDK is missing, without throwing', async () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'kc-empty-path-'));
    delete process.env.JAVA_HOME;
    const tc = await ensureToolchain('java', { cacheDir: mkdtempSync(join(tmpdir(), 'kc-cache-')) });
    expect(tc.ok).toBe(false);
    expect(!tc.ok && tc.reason).toMatch(/no JDK found.*openjdk-17-jdk/);
    expect(!tc.ok && tc.installFailed).toBeFalsy();
  });

  it('names what to install when Python is missing', async () => {
    process.env.KMS_CODEMOD_PYTHON = '/nonexistent/python3';
    const tc = await ensureToolchain('python', { cacheDir: mkdtempSync(join(tmpdir(), 'kc-cache-')) });
    expect(tc.ok).toBe(false);
    expect(!tc.ok && tc.reason).toMatch(/no Python 3\.8\+ .*install python3/);
  });

  it('bootstraps the npm SDKs once, then answers from the stamp', async () => {
    const progress: string[] = [];
    const first = await ensureToolchain('node', { onProgress: (l) => progress.push(l) });
    expect(first.ok).toBe(true);
    if (!first.ok || first.lang !== 'node') return;
    expect(existsSync(join(first.nodePath, '@alicloud/pop-core/package.json'))).toBe(true);
    expect(existsSync(join(first.nodePath, '@alicloud/kms20160120/package.json'))).toBe(true);
    expect(first.env.NODE_PATH).toBe(first.nodePath);
    const warmProgress: string[] = [];
    const second = await ensureToolchain('node', { onProgress: (l) => warmProgress.push(l) });
    expect(second).toEqual(first);
    expect(warmProgress).toEqual([]); // warm: no installer ran
  });
});
