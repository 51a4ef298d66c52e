import type { InstanceAction } from '../model/kms-actions.js';
import {
  asymmetricDecrypt,
  asymmetricEncrypt,
  asymmetricSign,
  asymmetricVerify,
  getPublicKey,
} from './asymmetric-actions.js';
import type { CallInstance } from './instance-call.js';
import type { LegacyParams } from './legacy-params.js';
import { getSecretValue } from './secret-action.js';
import {
  decrypt,
  encrypt,
  generateDataKeyWithoutPlaintext,
  generateDataKeyWithPlaintext,
} from './symmetric-actions.js';

export type LegacyActionHandler = (p: LegacyParams, call: CallInstance) => Promise<Record<string, unknown>>;

/** The ten actions served by the instance, each turned into one or two dkms-gcs calls. */
export const LEGACY_ACTION_HANDLERS: Record<InstanceAction, LegacyActionHandler> = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  GenerateDataKey: generateDataKeyWithPlaintext,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  GetPublicKey: getPublicKey,
  AsymmetricEncrypt: asymmetricEncrypt,
  AsymmetricDecrypt: asymmetricDecrypt,
  AsymmetricSign: asymmetricSign,
  AsymmetricVerify: asymmetricVerify,
  GetSecretValue: getSecretValue,
};
