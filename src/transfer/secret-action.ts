import type { CallInstance } from './instance-call.js';
import type { LegacyParams } from './legacy-params.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** GetSecretValue: every field of the instance answer, with the gateway's list wrapping. */
export async function getSecretValue(p: LegacyParams, call: CallInstance) {
  const { response } = await call({
    apiName: 'GetSecretValue',
    request: {
      SecretName: p.required('SecretName'),
      VersionStage: p.text('VersionStage'),
      VersionId: p.text('VersionId'),
      FetchExtendedConfig: p.bool('FetchExtendedConfig'),
    },
  });
  const stages = Array.isArray(response.VersionStages) ? response.VersionStages : [];
  return {
    SecretName: str(response.SecretName),
    SecretType: str(response.SecretType),
    SecretData: str(response.SecretData),
    SecretDataType: str(response.SecretDataType),
    VersionStages: { VersionStage: stages },
    VersionId: str(response.VersionId),
    CreateTime: str(response.CreateTime),
    RequestId: str(response.RequestId),
    LastRotationDate: str(response.LastRotationDate),
    NextRotationDate: str(response.NextRotationDate),
    ExtendedConfig: str(response.ExtendedConfig),
    AutomaticRotation: str(response.AutomaticRotation),
    RotationInterval: str(response.RotationInterval),
  };
}
