import { isBlockedAction } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

/** What to do instead of each blocked call. */
const INSTEAD: Record<string, string> = {
  ReEncrypt:
    'Decrypt the ciphertext and Encrypt it again with the destination key (both are served by the instance)',
  ExportDataKey: 'use GenerateDataKey on the instance and keep the encrypted data key it returns',
  GenerateAndExportDataKey: 'use GenerateDataKey (or GenerateDataKeyWithoutPlaintext) on the instance',
};

export const rule: Rule = {
  meta: {
    id: 'blocked-kms-api',
    defaultSeverity: 'error',
    title: 'A KMS call the instance does not serve; the application cannot move while it remains',
    description:
      'ReEncrypt, ExportDataKey and GenerateAndExportDataKey are not served by a KMS instance. After the move these calls keep going to the shared gateway, which closes one month later, so the vendor says an application using them cannot migrate yet.',
  },
  check(app) {
    return app.files.flatMap((file) =>
      file.calls
        .filter((c) => isBlockedAction(c.action))
        .map((c) => {
          const dormant = app.dormantCalls?.find((d) => d.call === c);
          if (dormant)
            return makeFinding(
              rule,
              app,
              file,
              c.range,
              `${c.action} in the generated ${dormant.wrapper ? `wrapper ${dormant.wrapper}` : 'code'}: nothing outside generated files calls it, so it does not block the move. Drop it from the generator, or it blocks the application as soon as code calls it.`,
              { severity: 'warning', data: { action: c.action, form: c.form, generated: true } },
            );
          return makeFinding(
            rule,
            app,
            file,
            c.range,
            `${c.action} blocks the move: this application cannot move to a KMS instance until the call is gone. After the move it still goes to the shared KMS gateway, which closes one month later. Instead, ${INSTEAD[c.action]}.`,
            { data: { action: c.action, form: c.form } },
          );
        }),
    );
  },
};
