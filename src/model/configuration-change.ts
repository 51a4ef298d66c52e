import type { ClientSite, SettingSource } from './facts.js';
import type { Language } from './language.js';

/** What the instance endpoint looks like, for messages (the application access point's instance). */
export const INSTANCE_ENDPOINT_SHAPE = '<kst-...>.cryptoservice.kms.aliyuncs.com';

/**
 * Where a V2 client trusts a CA when its code sets none: the runtime's own lever, read outside the code.
 * Node's @alicloud/kms20160120 1.x cannot take a CA in code at all (rewrite-tea-kms.ts says why).
 */
const CA_LEVER: Partial<Record<Language, string>> = {
  typescript: 'NODE_EXTRA_CA_CERTS (read when node starts) to the instance CA file',
  javascript: 'NODE_EXTRA_CA_CERTS (read when node starts) to the instance CA file',
  python:
    'REQUESTS_CA_BUNDLE to a CA bundle that holds the instance CA (and the roots the app needs elsewhere)',
  go: 'SSL_CERT_FILE to a CA bundle that holds the instance CA (and the roots the app needs elsewhere)',
  java: 'the JVM trust store (-Djavax.net.ssl.trustStore) to a store that holds the instance CA',
};

/** How a report names a setting the project already has. */
export function settingName(source: SettingSource): string {
  switch (source.kind) {
    case 'env':
      return `the environment variable ${source.name}`;
    case 'config':
      return `the configuration key ${source.name}`;
    case 'parameter':
      return `the \`${source.name}\` parameter of ${source.owner ?? 'its function'} (where its callers get it)`;
    case 'literal':
      return `\`${source.name}\``;
    default:
      return `\`${source.name}\``;
  }
}

/**
 * A V2 (tea) client whose endpoint comes from the project's own settings needs those settings changed,
 * not its code: rewriting it would replace the user's endpoint with ours, or add a second one next to
 * it. Undefined when the client's endpoint is a literal, absent or unknown (a code change).
 */
export function configurationChange(client: ClientSite, language: Language): string | undefined {
  const endpoint = client.endpoint;
  if (client.family !== 'tea-kms' || !endpoint || endpoint.kind === 'literal') return undefined;
  // @alicloud/kms20160120 1.x drops a `ca` from its config (test/conformance/node/v2-dedicated-app.cjs):
  // in Node the CA always goes in at start-up.
  const node = language === 'typescript' || language === 'javascript';
  const ca =
    client.ca && !node
      ? `${client.ca.kind === 'literal' ? `the CA it reads (${client.ca.name})` : settingName(client.ca)} to the instance CA`
      : (CA_LEVER[language] ?? "its runtime's CA setting to the instance CA");
  return `configuration change: set ${settingName(endpoint)} to the instance endpoint (${INSTANCE_ENDPOINT_SHAPE}) and ${ca}; the code stays as it is`;
}
