import { type InstanceSettings, quoted, type SettingName, settingValue } from '../rewrite-kit/settings.js';

/**
 * A transfer setting as TS/JS code: `process.env.KMS_...` unless the user gave a literal, which is
 * quoted in the file's own quote style.
 */
export function settingCode(settings: InstanceSettings, name: SettingName, quote: string): string {
  const v = settingValue(settings, name);
  if (v.literal === undefined) return `process.env.${v.envName}`;
  return quote === "'" ? `'${v.literal.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : quoted(v.literal);
}
