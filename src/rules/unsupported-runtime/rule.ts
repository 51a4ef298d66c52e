import { type FileFacts, TRANSFER_SDK_LANGUAGES } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

const NODE = new Set(['typescript', 'javascript']);

/** The first place a file shows KMS use: a KMS client, else a KMS call. */
function firstKmsUse(file: FileFacts, clientRanges: FileFacts['clients']) {
  return clientRanges[0]?.range ?? file.calls[0]?.range;
}

export const rule: Rule = {
  meta: {
    id: 'unsupported-runtime',
    defaultSeverity: 'warning',
    title: 'KMS used from a language the vendor ships no transfer SDK for',
    description:
      'The vendor ships transfer SDKs for Java, Go and Python only; for any other language it asks the user to contact support. For TS/JS, kms-codemod ships its own Node transfer client (@kms-codemod/transfer).',
  },
  check(app) {
    const out = [];
    for (const file of app.files) {
      if (TRANSFER_SDK_LANGUAGES.includes(file.language)) continue;
      const kms = app.kmsClients.filter((k) => k.file === file);
      const clients = kms.map((k) => k.client);
      const range = firstKmsUse(file, clients);
      if (!range) continue;
      if (NODE.has(file.language)) {
        // Only a pop-core client migrate rewrites gets the Node transfer client; a V2 client keeps its
        // class (its endpoint moves), and one left for its settings or its management calls keeps all.
        const rewritten = kms.filter((k) => k.client.family === 'pop-core' && k.change === 'code');
        if (rewritten.length === 0) continue;
        out.push(
          makeFinding(
            rule,
            app,
            file,
            rewritten[0].client.range,
            'The vendor ships no Node.js transfer SDK. Use KmsTransferPopClient from @kms-codemod/transfer, which keeps your request code as it is (`kms-codemod migrate` rewrites to it).',
            { severity: 'info', data: { runtime: file.language } },
          ),
        );
        continue;
      }
      out.push(
        makeFinding(
          rule,
          app,
          file,
          range,
          `KMS is used from ${file.language}, for which the vendor ships no transfer SDK: this application cannot move by a code change. Contact Alibaba Cloud support, or move the KMS calls into a Java, Go or Python service.`,
          { data: { runtime: file.language } },
        ),
      );
    }
    return out;
  },
};
