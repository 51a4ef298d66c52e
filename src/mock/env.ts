import { CREDENTIAL_ENV, INSTANCE_ENV } from '../model/instance-env.js';
import { PRELOAD_ENV } from './node-preload.js';

/**
 * The environment that points an unmodified legacy app (proxy + the runtime's CA trust lever) and
 * a migrated app (the instance variables) at the mock, per language.
 */
export type MockLanguage = 'java' | 'python' | 'go' | 'node';

export interface EnvInputs {
  region: string;
  proxyUrl: string;
  gatewayHttpHost: string;
  gatewayHttpsHost: string;
  instanceEndpoint: string;
  caFile: string;
  clientKeyFile: string;
  clientKeyPassword: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Built on demand (Java only). */
  javaTruststore: () => { file: string; password: string };
  nodePreload: () => string;
}

const quote = (s: string) => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '\\"')}"` : s);

export function mockEnv(lang: MockLanguage, i: EnvInputs): Record<string, string> {
  const env: Record<string, string> = {
    [CREDENTIAL_ENV.accessKeyId]: i.accessKeyId,
    [CREDENTIAL_ENV.accessKeySecret]: i.accessKeySecret,
    [CREDENTIAL_ENV.region]: i.region,
    ALIYUN_ACCESS_KEY_ID: i.accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: i.accessKeySecret,
    [INSTANCE_ENV.endpoint]: i.instanceEndpoint,
    [INSTANCE_ENV.clientKeyFile]: i.clientKeyFile,
    [INSTANCE_ENV.clientKeyPassword]: i.clientKeyPassword,
    [INSTANCE_ENV.caFile]: i.caFile,
    HTTPS_PROXY: i.proxyUrl,
    HTTP_PROXY: i.proxyUrl,
    https_proxy: i.proxyUrl,
    http_proxy: i.proxyUrl,
    // The instance endpoint is on loopback and must not go through the proxy.
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
  };
  if (lang === 'python') {
    env.ALIBABA_CLOUD_CA_BUNDLE = i.caFile;
    env.REQUESTS_CA_BUNDLE = i.caFile;
  } else if (lang === 'go') {
    env.SSL_CERT_FILE = i.caFile;
  } else if (lang === 'java') {
    const ts = i.javaTruststore();
    env.JAVA_TOOL_OPTIONS = [
      `-Djavax.net.ssl.trustStore=${quote(ts.file)}`,
      `-Djavax.net.ssl.trustStorePassword=${ts.password}`,
      '-Djavax.net.ssl.trustStoreType=JKS',
    ].join(' ');
  } else {
    env.NODE_OPTIONS = `--require ${quote(i.nodePreload())}`;
    env.NODE_EXTRA_CA_CERTS = i.caFile;
    env[PRELOAD_ENV.http] = i.gatewayHttpHost;
    env[PRELOAD_ENV.https] = i.gatewayHttpsHost;
  }
  return env;
}
