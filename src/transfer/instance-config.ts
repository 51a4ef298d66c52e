import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { INSTANCE_ENV } from '../model/instance-env.js';
import { ClientKeyError, readClientKey, readClientKeyFile } from '../protocol/client-key.js';
import { clientError, redact } from './errors.js';
import type { InstanceTransportOptions } from './instance-transport.js';
import type { KmsInstanceConfig } from './options.js';

/**
 * Turns the user's instance config into what the transport needs, failing early with errors that
 * say which setting (and environment variable) to fix. The password is used once, here, and kept
 * nowhere; it never appears in an error.
 */
export function resolveInstanceConfig(
  cfg: KmsInstanceConfig,
  popTimeout: number | undefined,
): InstanceTransportOptions {
  const secrets = [cfg.password ?? '', cfg.clientKeyContent ?? ''];
  const fail = (message: string, code = 'SDK.InvalidInstanceConfig') =>
    clientError(code, `KmsTransferPopClient: ${redact(message, secrets)}`);

  const host = (cfg.endpoint ?? '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  if (!host) {
    throw fail(
      `the instance endpoint is empty; set ${INSTANCE_ENV.endpoint} (e.g. kst-xxx.cryptoservice.kms.aliyuncs.com or 127.0.0.1:8443)`,
    );
  }
  if (!URL.canParse(`https://${host}/`) || /[/?#\s]/.test(host)) {
    throw fail(`the instance endpoint "${host}" is not host[:port]; check ${INSTANCE_ENV.endpoint}`);
  }
  if (!cfg.clientKeyContent && !cfg.clientKeyFile) {
    throw fail(
      `no client key; set ${INSTANCE_ENV.clientKeyFile} to the application access point's ClientKey_*.json`,
    );
  }
  if (!cfg.password) {
    throw fail(`the client key password is empty; set ${INSTANCE_ENV.clientKeyPassword}`);
  }

  let keyId: string;
  let privateKeyPem: string;
  try {
    const material = cfg.clientKeyContent
      ? readClientKey(cfg.clientKeyContent, cfg.password, 'clientKeyContent')
      : readClientKeyFile(cfg.clientKeyFile as string, cfg.password);
    keyId = material.keyId;
    privateKeyPem = material.privateKeyPem;
  } catch (err) {
    if (err instanceof ClientKeyError) {
      throw fail(err.message, 'SDK.InvalidClientKey');
    }
    throw fail('the client key could not be read', 'SDK.InvalidClientKey');
  }

  let ca = cfg.ca;
  if (!ca && cfg.caFile && !cfg.ignoreSSL) {
    try {
      ca = readFileSync(cfg.caFile, 'utf8');
    } catch (err) {
      throw fail(
        `${cfg.caFile}: cannot read the CA file (${(err as NodeJS.ErrnoException).code ?? 'error'}); check ${INSTANCE_ENV.caFile}`,
      );
    }
  }
  if (ca && !ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw fail(`${cfg.caFile ?? 'ca'}: not a PEM certificate; check ${INSTANCE_ENV.caFile}`);
  }

  return {
    host,
    clientKeyId: keyId,
    privateKey: createPrivateKey(privateKeyPem),
    ca,
    ignoreSSL: cfg.ignoreSSL === true,
    timeoutMs: cfg.timeout ?? popTimeout ?? 10_000,
    maxRetries: Math.max(0, Math.floor(cfg.maxRetries ?? 3)),
    retryDelayMs: Math.max(0, cfg.retryDelay ?? 200),
    secrets: [cfg.password, privateKeyPem],
  };
}
