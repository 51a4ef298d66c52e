import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CREDENTIAL_ENV } from '../model/instance-env.js';

/**
 * Where the OpenAPI reads its AccessKey from, in the order the official credential chains use:
 * environment, then `~/.alibabacloud/credentials` (ini), then the aliyun CLI's `~/.aliyun/config.json`.
 * `source` says which, so an error can name the variable or file to fix; the secret is never put
 * into a message.
 */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Region the profile names (the CLI's `region_id`), used when no --region is given. */
  region?: string;
  /** `environment`, or `<file> [profile <name>]`. */
  source: string;
  /** What to fix when the service refuses the id, the secret or the STS token: a variable or a file entry. */
  fix: { id: string; secret: string; token: string };
}

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

export interface CredentialOptions {
  profile?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export async function resolveCredentials(opts: CredentialOptions = {}): Promise<Credentials> {
  const env = opts.env ?? process.env;
  const id = env[CREDENTIAL_ENV.accessKeyId];
  const secret = env[CREDENTIAL_ENV.accessKeySecret];
  const explicitProfile = opts.profile ?? env.ALIBABA_CLOUD_PROFILE;
  // An explicit profile wins over the environment: the user asked for that profile by name.
  if (!opts.profile && (id || secret)) {
    if (!id || !secret) {
      const missing = id ? CREDENTIAL_ENV.accessKeySecret : CREDENTIAL_ENV.accessKeyId;
      throw new CredentialsError(`${missing} is not set while its partner is; set both or neither`);
    }
    return {
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: env[CREDENTIAL_ENV.securityToken] || undefined,
      region: env[CREDENTIAL_ENV.region] || undefined,
      source: 'environment',
      fix: {
        id: CREDENTIAL_ENV.accessKeyId,
        secret: CREDENTIAL_ENV.accessKeySecret,
        token: CREDENTIAL_ENV.securityToken,
      },
    };
  }
  const home = opts.home ?? homedir();
  const iniPath = env.ALIBABA_CLOUD_CREDENTIALS_FILE || join(home, '.alibabacloud', 'credentials');
  const fromIni = await fromCredentialsIni(
    iniPath,
    explicitProfile ?? 'default',
    !!env.ALIBABA_CLOUD_CREDENTIALS_FILE,
  );
  if (fromIni) return fromIni;
  const cliPath = join(home, '.aliyun', 'config.json');
  const fromCli = await fromAliyunCliConfig(cliPath, explicitProfile);
  if (fromCli) return fromCli;
  throw new CredentialsError(
    explicitProfile
      ? `profile "${explicitProfile}" not found in ${iniPath} or ${cliPath}; check --profile / ALIBABA_CLOUD_PROFILE`
      : `no credentials: set ${CREDENTIAL_ENV.accessKeyId} and ${CREDENTIAL_ENV.accessKeySecret} (plus ${CREDENTIAL_ENV.securityToken} for STS), or configure ${iniPath} or the aliyun CLI (${cliPath}); or read an exported inventory with --from FILE`,
  );
}

async function readOptional(path: string, mustExist: boolean): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return undefined;
    throw new CredentialsError(
      `${path}: cannot read the credential file (${(err as NodeJS.ErrnoException).code}); check the path and its permissions`,
    );
  }
}

/** Minimal ini: `[section]` and `key = value` lines; `#`/`;` comments. Returns section → entries (+ line). */
export function parseIni(text: string): Map<string, { values: Record<string, string>; line: number }> {
  const out = new Map<string, { values: Record<string, string>; line: number }>();
  let current: { values: Record<string, string>; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      current = { values: {}, line: i + 1 };
      out.set(section[1].trim(), current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) {
      current.values[line.slice(0, eq).trim()] = line
        .slice(eq + 1)
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2');
    }
  });
  return out;
}

async function fromCredentialsIni(
  path: string,
  profile: string,
  mustExist: boolean,
): Promise<Credentials | undefined> {
  const text = await readOptional(path, mustExist);
  if (text === undefined) return undefined;
  const section = parseIni(text).get(profile);
  if (!section) return undefined;
  const v = section.values;
  const where = `${path}:${section.line} [${profile}]`;
  if (v.enable === 'false') throw new CredentialsError(`${where}: the profile is disabled (enable = false)`);
  const type = v.type ?? 'access_key';
  if (type !== 'access_key' && type !== 'sts') {
    throw new CredentialsError(
      `${where}: credential type "${type}" is not supported by kms-codemod; use type = access_key (or sts), or set ${CREDENTIAL_ENV.accessKeyId} / ${CREDENTIAL_ENV.accessKeySecret}`,
    );
  }
  if (!v.access_key_id || !v.access_key_secret) {
    throw new CredentialsError(`${where}: access_key_id and access_key_secret are both required`);
  }
  return {
    accessKeyId: v.access_key_id,
    accessKeySecret: v.access_key_secret,
    securityToken: v.security_token || v.sts_token || undefined,
    region: v.region_id || undefined,
    source: where,
    fix: {
      id: `access_key_id in ${where}`,
      secret: `access_key_secret in ${where}`,
      token: `security_token in ${where}`,
    },
  };
}

async function fromAliyunCliConfig(
  path: string,
  profile: string | undefined,
): Promise<Credentials | undefined> {
  const text = await readOptional(path, false);
  if (text === undefined) return undefined;
  let cfg: { current?: unknown; profiles?: unknown };
  try {
    cfg = JSON.parse(text);
  } catch {
    throw new CredentialsError(`${path}: not valid JSON; run \`aliyun configure\` again or fix the file`);
  }
  const name = profile ?? (typeof cfg.current === 'string' && cfg.current ? cfg.current : 'default');
  const profiles = Array.isArray(cfg.profiles) ? (cfg.profiles as Record<string, unknown>[]) : [];
  const p = profiles.find((x) => x && x.name === name);
  if (!p) return undefined;
  const where = `${path} profile "${name}"`;
  const mode = typeof p.mode === 'string' ? p.mode : 'AK';
  if (mode !== 'AK' && mode !== 'StsToken') {
    throw new CredentialsError(
      `${where}: mode ${mode} is not supported by kms-codemod; use an AK or StsToken profile, or set ${CREDENTIAL_ENV.accessKeyId} / ${CREDENTIAL_ENV.accessKeySecret}`,
    );
  }
  const str = (k: string) => (typeof p[k] === 'string' && p[k] ? (p[k] as string) : undefined);
  const id = str('access_key_id');
  const secret = str('access_key_secret');
  if (!id || !secret)
    throw new CredentialsError(`${where}: access_key_id and access_key_secret are both required`);
  return {
    accessKeyId: id,
    accessKeySecret: secret,
    securityToken: mode === 'StsToken' ? str('sts_token') : undefined,
    region: str('region_id'),
    source: where,
    fix: {
      id: `access_key_id of ${where}`,
      secret: `access_key_secret of ${where}`,
      token: `sts_token of ${where}`,
    },
  };
}
