import type { CredentialLooks, CredentialRole } from './facts.js';

/** An AccessKey ID as the console issues it (`LTAI` + 12–30 letters and digits), or an STS one. */
const ACCESS_KEY_ID = /^LTAI[A-Za-z0-9]{12,30}$/;
const STS_ACCESS_KEY_ID = /^STS\.[A-Za-z0-9]{8,}$/;
/** Secrets and tokens are base64-ish: letters, digits, `+/=`, and the `-_.` people add. */
const SECRET_CHARS = /^[A-Za-z0-9+/=._-]+$/;
const MIN_SECRET_LENGTH = 16;
const MIN_PASSWORD_LENGTH = 8;
/** Shorter than any AccessKey ID or secret ever issued: `ak`, `sk`, `test-ak`, `123456`. */
const MIN_LENGTH = 8;

/** Values anyone reads as "put yours here". */
const PLACEHOLDERS: readonly RegExp[] = [
  /\s/, // `<Your AccessKeyId>`, `put your key here`: no credential holds a space
  /^<.*>$/,
  /\$\{[^}]*\}|\{\{.*\}\}|^%[sd]$|^%\(\w+\)s$/, // templates: ${AK}, {{ak}}, %s
  /^\$[A-Za-z_]\w*$/, // $ACCESS_KEY_ID
  /\*{3,}|x{4,}|X{4,}|\.{3,}/, // ********, LTAIxxxxxxxx, ...
  /^your[-_.]?/i, // your-access-key, YOUR_AK, yourSecret
  /^(.)\1+$/, // 00000000, aaaaaaaa
  /^(change[-_]?me|replace[-_]?me|to[-_]?do|tbd|placeholder|none|null|nil|undefined|empty|secret[-_]?here)$/i,
];

/**
 * Words a dummy is made of: a value spelled only with these (and digits), like `test-access-key`,
 * `my_secret_123` or `demo-sk`, is an obvious stand-in. `fake` and `example` are left out on purpose:
 * the values people paste "for the example" are often real ones.
 */
const DUMMY_WORDS = new Set([
  'test',
  'tests',
  'testing',
  'dummy',
  'demo',
  'sample',
  'mock',
  'my',
  'your',
  'the',
  'ak',
  'sk',
  'id',
  'key',
  'keys',
  'access',
  'secret',
  'secrets',
  'token',
  'security',
  'sts',
  'password',
  'passwd',
  'pwd',
  'pass',
  'foo',
  'bar',
  'baz',
  'abc',
  'xyz',
  'admin',
  'default',
  'local',
  'dev',
  'aliyun',
  'alibaba',
  'cloud',
]);

function words(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, '$1$3 $2$4')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
}

function isDummy(value: string): boolean {
  if (value.length < MIN_LENGTH) return true;
  return words(value).every((w) => /^\d+$/.test(w) || DUMMY_WORDS.has(w.toLowerCase()));
}

/** Lower case, upper case and digits: a live secret mixes at least two of them. */
function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(value)).length;
}

/**
 * How a credential literal looks, from its value (which never leaves the extractor): undefined for a
 * placeholder or an obvious dummy (not worth a finding), `real` for a value shaped like a live
 * credential (an `LTAI…` or `STS.…` AccessKey ID; a secret or token of 16+ base64-ish characters that
 * mixes cases or digits; a password of 8+ such characters), `weak` for anything else.
 */
export function credentialLooks(role: CredentialRole, raw: string): CredentialLooks | undefined {
  const value = raw.trim();
  if (value === '' || PLACEHOLDERS.some((re) => re.test(value)) || isDummy(value)) return undefined;
  if (role === 'access-key-id')
    return ACCESS_KEY_ID.test(value) || STS_ACCESS_KEY_ID.test(value) ? 'real' : 'weak';
  const min = role === 'password' ? MIN_PASSWORD_LENGTH : MIN_SECRET_LENGTH;
  return value.length >= min && SECRET_CHARS.test(value) && characterClasses(value) >= 2 ? 'real' : 'weak';
}

/**
 * The credential a variable or constant is named for: `ACCESS_KEY_ID`, `accessKeySecret`,
 * `ALIYUN_SECURITY_TOKEN`, `kmsAccessKeyId`. Only the full words: `ak`, `secret` or `password` name
 * too many other things.
 */
export function credentialNameRole(name: string): CredentialRole | undefined {
  const flat = name.replace(/[_-]/g, '').toLowerCase();
  if (flat.endsWith('accesskeyid')) return 'access-key-id';
  if (flat.endsWith('accesskeysecret')) return 'access-key-secret';
  if (flat.endsWith('securitytoken')) return 'security-token';
  return undefined;
}
