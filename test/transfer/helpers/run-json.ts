import { spawn } from 'node:child_process';

// biome-ignore lint/suspicious/noExplicitAny: the programs' JSON is read field by field by the tests
export type Json = Record<string, any>;

/** Runs a helper program that prints one JSON line (or {"error": ...} and exit 1). */
export function runJson(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  what: string,
  cwd?: string,
): Promise<Json> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        const json = JSON.parse(last) as Json;
        if (code === 0 && !json.error) return resolve(json);
        reject(new Error(`${what} failed: ${json.error ?? last} ${err.slice(-500)}`));
      } catch {
        reject(new Error(`${what} printed no JSON (exit ${code}): ${out.slice(-300)} ${err.slice(-800)}`));
      }
    });
  });
}

/** The instance settings and AccessKey pair of a mock, as the interop programs read them. */
export function interopEnv(mock: {
  instanceEndpoint: string;
  clientKeyFile: string;
  clientKeyPassword: string;
  caFile: string;
  accessKeyId: string;
  accessKeySecret: string;
}): Record<string, string> {
  return {
    KMS_INSTANCE_ENDPOINT: mock.instanceEndpoint,
    KMS_CLIENT_KEY_FILE: mock.clientKeyFile,
    KMS_CLIENT_KEY_PASSWORD: mock.clientKeyPassword,
    KMS_CA_FILE: mock.caFile,
    ALIBABA_CLOUD_ACCESS_KEY_ID: mock.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: mock.accessKeySecret,
    NO_PROXY: '127.0.0.1,localhost',
  };
}
