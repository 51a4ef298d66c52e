import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SAMPLE_LANGS,
  type SampleKey,
  type SampleLang,
  type SampleManifest,
  type SampleSecret,
} from './types.js';

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

export type ManifestResult = { ok: true; manifest: SampleManifest } | { ok: false; problem: string };

/** Reads and checks `<dir>/sample.json`; a bad manifest is reported, never thrown. */
export function loadManifest(dir: string): ManifestResult {
  const file = join(dir, 'sample.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return {
      ok: false,
      problem: `${file}: cannot read a JSON manifest (${(err as Error).message}); every sample needs a sample.json`,
    };
  }
  const problem = (what: string): ManifestResult => ({ ok: false, problem: `${file}: ${what}` });
  if (!raw || typeof raw !== 'object') return problem('must be a JSON object');
  const m = raw as Record<string, unknown>;
  if (typeof m.name !== 'string' || m.name === '') return problem('"name" must be a non-empty string');
  if (!SAMPLE_LANGS.includes(m.language as SampleLang))
    return problem(`"language" must be one of ${SAMPLE_LANGS.join(', ')}`);
  if (typeof m.entry !== 'string' || m.entry === '')
    return problem('"entry" must name the main class, script, package or file');
  const keys: SampleKey[] = [];
  for (const [i, k] of (Array.isArray(m.keys) ? m.keys : []).entries()) {
    const key = k as Partial<SampleKey>;
    if (typeof key.env !== 'string' || !ENV_NAME.test(key.env))
      return problem(`keys[${i}].env must be an UPPER_CASE variable name`);
    if (typeof key.spec !== 'string')
      return problem(`keys[${i}].spec must be a KeySpec such as Aliyun_AES_256`);
    if (
      key.versionEnv !== undefined &&
      (typeof key.versionEnv !== 'string' || !ENV_NAME.test(key.versionEnv))
    ) {
      return problem(`keys[${i}].versionEnv must be an UPPER_CASE variable name`);
    }
    keys.push({
      env: key.env,
      spec: key.spec,
      usage: typeof key.usage === 'string' ? key.usage : 'ENCRYPT/DECRYPT',
      versionEnv: key.versionEnv,
    });
  }
  const secrets: SampleSecret[] = [];
  for (const [i, s] of (Array.isArray(m.secrets) ? m.secrets : []).entries()) {
    const secret = s as Partial<SampleSecret>;
    if (typeof secret.env !== 'string' || !ENV_NAME.test(secret.env))
      return problem(`secrets[${i}].env must be an UPPER_CASE variable name`);
    if (typeof secret.name !== 'string' || secret.name === '')
      return problem(`secrets[${i}].name must be a non-empty string`);
    secrets.push({ env: secret.env, name: secret.name });
  }
  const actions = Array.isArray(m.actions) ? m.actions.filter((a): a is string => typeof a === 'string') : [];
  let blocked: SampleManifest['blocked'];
  if (m.blocked !== undefined && m.blocked !== null) {
    const b = m.blocked as { action?: unknown };
    if (typeof b.action !== 'string')
      return problem('"blocked.action" must name the KMS action that cannot move (e.g. ReEncrypt)');
    blocked = { action: b.action };
  }
  return {
    ok: true,
    manifest: {
      name: m.name,
      language: m.language as SampleLang,
      description: typeof m.description === 'string' ? m.description : '',
      entry: m.entry,
      keys,
      secrets,
      actions,
      blocked,
      seedShape: m.seedShape === true,
    },
  };
}
