import { isBlockedAction, isInstanceAction } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

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
        const message =
          servedBy === 'instance'
            ? `KMS action ${c.action}: served by the KMS instance after the move.`
            : isBlockedAction(c.action)
              ? `KMS action ${c.action}: not served by the instance; it stays on the shared gateway (see blocked-kms-api).`
              : `KMS action ${c.action}: stays on the shared KMS gateway after the move; it fails once the gateway closes for the key (one month after the move).`;
        return makeFinding(rule, app, file, c.range, message, { data: { action: c.action, servedBy } });
      }),
    );
  },
};
