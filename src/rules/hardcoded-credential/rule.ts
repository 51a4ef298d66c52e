import {
  CREDENTIAL_ENV,
  type CredentialLiteral,
  type CredentialRole,
  type FileFacts,
  isExampleFile,
  isTestFile,
  type Severity,
} from '../../model/index.js';
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

/**
 * An error only for what looks live in application code: a secret, token or password shaped like a
 * real one, or a real-looking AccessKey ID with such a partner in the same file (an ID alone opens
 * nothing). Anything else that is not a placeholder or a dummy (those are never facts), and anything
 * in tests and examples, is a warning.
 */
function severityOf(c: CredentialLiteral, file: FileFacts): Severity {
  if (c.looks !== 'real' || isTestFile(file.file) || isExampleFile(file.file)) return 'warning';
  if (c.role !== 'access-key-id') return 'error';
  return file.credentials.some((p) => p.role !== 'access-key-id' && p.looks === 'real') ? 'error' : 'warning';
}

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
        const severity = severityOf(c, file);
        const where = isTestFile(file.file) || isExampleFile(file.file) ? ' in a test or example' : '';
        const message =
          c.looks === 'real'
            ? `Hard-coded ${LABEL[c.role]}${sink}${where}: remove it from the code, rotate it, and ${read}.`
            : `Possibly a hard-coded ${LABEL[c.role]}${sink}${where} (it does not look like a live one): if it is real, remove it, rotate it, and ${read}.`;
        return makeFinding(rule, app, file, c.range, message, {
          severity,
          data: { role: c.role, looks: c.looks },
        });
      }),
    );
  },
};
