import { type InstanceSettings, quoted, type SettingName, settingValue } from '../rewrite-kit/settings.js';

const SETTERS: [string, SettingName][] = [
  ['setEndpoint', 'endpoint'],
  ['setClientKeyFile', 'clientKeyFile'],
  ['setPassword', 'clientKeyPassword'],
  ['setCaFilePath', 'caFile'],
];

function javaValue(settings: InstanceSettings, name: SettingName): string {
  const v = settingValue(settings, name);
  return v.literal !== undefined ? quoted(v.literal) : `System.getenv(${quoted(v.envName)})`;
}

/**
 * `new Config()` with the instance settings as a fluent chain (the gcs Config setters return `this`),
 * one setter per line. Lines after the first are returned without indentation.
 */
export function configChain(typeName: string, settings: InstanceSettings): string[] {
  return [
    `new ${typeName}()`,
    `.setProtocol("https")`,
    ...SETTERS.map(([setter, name]) => `.${setter}(${javaValue(settings, name)})`),
  ];
}
