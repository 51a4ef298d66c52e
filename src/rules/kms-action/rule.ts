import { isBlockedAction, isInstanceAction } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';
import { manualChange } from './manual-change.js';

export const rule: Rule = {
  meta: {
    id: 'kms-action',
    defaultSeverity: 'info',
    title: 'A KMS action the application calls, and where it is served after the move',
    description:
      'After the move the instance serves Encrypt, Decrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, GetPublicKey, the Asymmetric* actions and GetSecretValue; every other action keeps going to the shared gateway, which closes one month after the key moves. This inventory shows what must change before then.',
  },
  check(app) {
    return app.files.flatMap((file) =>
      file.calls.map((c) => {
        const servedBy = isInstanceAction(c.action) ? 'instance' : 'gateway';
        const action = c.key ? `${c.action} (key ${c.key})` : c.action;
        const data = { action: c.action, servedBy, form: c.form, ...(c.key ? { key: c.key } : {}) };
        const manual = manualChange(file, c);
        if (manual)
          return makeFinding(rule, app, file, c.range, `KMS action ${c.action}: ${manual}.`, {
            severity: 'warning',
            data: { ...data, manualChange: true },
          });
        const message =
          servedBy === 'instance'
            ? `KMS action ${action}: served by the KMS instance after the move.`
            : isBlockedAction(c.action)
              ? `KMS action ${action}: not served by the instance; it stays on the shared gateway (see blocked-kms-api).`
              : `KMS action ${action}: a management or read call; it stays on the shared KMS OpenAPI, which keeps serving it after the move.`;
        return makeFinding(rule, app, file, c.range, message, { data });
      }),
    );
  },
};
