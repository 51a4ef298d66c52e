import type { AppAnalysis, ClientSite, Finding, KmsClient, Language } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

/** Where each language's legacy client goes (seed README, "The code change"; ours for TS/JS). */
const ROUTE: Partial<Record<Language, string>> = {
  java: 'new KmsTransferAcsClient(profile, config) from com.aliyun.kms:kms-transfer-client',
  python: 'KmsTransferAcsClient(config, ...) from alibabacloud_dkms_transfer',
  go: 'sdk.NewClientWith...(..., config) from github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk',
  typescript: 'KmsTransferPopClient from @kms-codemod/transfer',
  javascript: 'KmsTransferPopClient from @kms-codemod/transfer',
};
const TEA_ROUTE: Partial<Record<Language, string>> = {
  typescript: 'the same client pointed at the instance endpoint with the instance CA',
  javascript: 'the same client pointed at the instance endpoint with the instance CA',
};
/** Languages with no transfer route are reported by unsupported-runtime instead. */
const MIGRATABLE = new Set(Object.keys(ROUTE));

function route(language: Language, client: ClientSite): string {
  if (client.family === 'tea-kms') return TEA_ROUTE[language] ?? "the KMS SDK's TransferClient";
  return ROUTE[language] ?? 'a transfer client';
}

/** What the client was judged by, as the message says it (issue: say which). */
function judgedByText(k: KmsClient): string {
  if (k.judgedBy === 'requests') {
    const sent = [...new Set(k.sentActions ?? [])];
    const via = k.client.boundTo
      ? `\`${k.client.boundTo}\``
      : k.client.beanName
        ? `the bean \`${k.client.beanName}\``
        : 'it';
    return sent.length > 0
      ? ` Judged by the requests executed through ${via}: ${sent.join(', ')}.`
      : ` Judged by the KMS actions called on ${via}.`;
  }
  if (k.judgedBy === 'application')
    return " Its requests could not be traced to it, so it is judged by its file's and application's KMS use.";
  return '';
}

export const rule: Rule = {
  meta: {
    id: 'legacy-kms-client',
    defaultSeverity: 'warning',
    title: 'A client of the shared KMS gateway that must move to a transfer client',
    description:
      'Clients built with the legacy core SDKs or the 2016-01-20 KMS clients call the shared KMS gateway. One month after a key moves to a KMS instance, the gateway entry for it closes and these calls fail. Replace the client with the transfer client, which sends the crypto calls to the instance.',
  },
  check(app) {
    return [...clientFindings(app), ...strandedTypeFindings(app)];
  },
};

/** A legacy client type left in a Go module that builds only transfer clients (a half-done retype). */
function strandedTypeFindings(app: AppAnalysis): Finding[] {
  return (app.strandedClientTypes ?? []).map(({ file, ref }) =>
    makeFinding(
      rule,
      app,
      file,
      ref.range,
      `\`${ref.qualifiedName.slice(ref.qualifiedName.lastIndexOf('/') + 1)}\` is the legacy KMS client type, but this module builds only transfer clients: the retype was left half done, so this code no longer compiles against them (or was handed the embedded legacy client, whose calls go to the shared gateway). Retype it to the transfer client (\`kms-codemod migrate\` does this).`,
      { data: { family: ref.family, type: ref.qualifiedName, stranded: true } },
    ),
  );
}

function clientFindings(app: AppAnalysis): Finding[] {
  return app.kmsClients
    .filter((k) => MIGRATABLE.has(k.file.language))
    .map((k) => {
      const { client, file } = k;
      const data = {
        family: client.family,
        constructor: client.constructorName,
        evidence: k.evidence,
        judgedBy: k.judgedBy,
        change: k.change,
        ...(k.sentActions ? { sentActions: [...new Set(k.sentActions)] } : {}),
      };
      if (client.family === 'transfer' || client.family === 'instance') {
        return makeFinding(
          rule,
          app,
          file,
          client.range,
          `Already migrated: \`${client.constructorName}\` is a ${client.family === 'transfer' ? 'transfer' : 'KMS instance'} client.`,
          { severity: 'info', data },
        );
      }
      const judged = judgedByText(k);
      if (k.change === 'none')
        return makeFinding(
          rule,
          app,
          file,
          client.range,
          `KMS client \`${client.constructorName}\`: ${k.note}.${judged}`,
          {
            severity: 'info',
            data,
          },
        );
      if (k.change === 'configuration')
        return makeFinding(
          rule,
          app,
          file,
          client.range,
          `KMS client \`${client.constructorName}\` calls the shared KMS gateway through the project's own endpoint setting: ${k.note} (\`kms-codemod migrate\` leaves it).`,
          { data: { ...data, note: k.note } },
        );
      const fix = file.generated
        ? `. This file is generated ("${file.generated}"): change its generator or template to build it, then regenerate; \`kms-codemod migrate\` does not rewrite generated files.`
        : ' (`kms-codemod migrate` does this).';
      return makeFinding(
        rule,
        app,
        file,
        client.range,
        `Legacy KMS client \`${client.constructorName}\` calls the shared KMS gateway, which closes one month after its keys move to a KMS instance. Replace it with ${route(file.language, client)}${fix}${judged}`,
        { data: file.generated ? { ...data, generated: true } : data },
      );
    });
}
