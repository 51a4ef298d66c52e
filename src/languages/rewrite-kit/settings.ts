import { INSTANCE_ENV } from '../../model/instance-env.js';

/** Literal values the user chose for the non-secret instance settings; unset ones are read from the environment. */
export interface InstanceSettings {
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
}

export type SettingName = 'endpoint' | 'clientKeyFile' | 'clientKeyPassword' | 'caFile';

/** One setting as code: either a literal the user gave (never the password) or an environment lookup. */
export interface SettingValue {
  literal?: string;
  envName: string;
}

export function settingValue(settings: InstanceSettings, name: SettingName): SettingValue {
  const envName = INSTANCE_ENV[name];
  // The password is only ever read from the environment (ARCHITECTURE.md "Contracts").
  if (name === 'clientKeyPassword') return { envName };
  const literal = settings[name];
  return literal === undefined || literal === '' ? { envName } : { literal, envName };
}

/** A double-quoted string literal valid in Java, Go, Python and TS. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}
