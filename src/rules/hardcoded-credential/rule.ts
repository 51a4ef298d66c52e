import { CREDENTIAL_ENV, type CredentialRole } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

const LABEL: Record<CredentialRole, string> = {
  'access-key-id': 'AccessKey ID',
  'access-key-secret': 'AccessKey secret',
  'security-token': 'security token',
  password: 'password',
};
const ENV: Partial<Record<CredentialRole, string>> = {
  'access-key-id': CREDENTIAL_ENV.accessKeyId,
  'access-key-secret': CREDENTIAL_ENV.accessKeySecret,
  'security-token': CREDENTIAL_ENV.securityToken,
};

export const rule: Rule = {
  meta: {
    id: 'hardcoded-credential',
    defaultSeverity: 'error',
    title: 'A credential written into the code',
    description:
      'The migration guide warns never to keep AccessKey IDs or secrets in code: read them from the environment. The finding gives the location only and never repeats the value.',
  },
  check(app) {
    return app.files.flatMap((file) =>
      file.credentials.map((c) => {
        const env = ENV[c.role];
        const read = env
          ? `read it from the ${env} environment variable`
          : 'read it from the environment or a secret store';
        const sink = c.sink ? ` passed to \`${c.sink}\`` : '';
        return makeFinding(
          rule,
          app,
          file,
          c.range,
          `Hard-coded ${LABEL[c.role]}${sink}: remove it from the code, rotate it, and ${read}.`,
          { data: { role: c.role } },
        );
      }),
    );
  },
};
