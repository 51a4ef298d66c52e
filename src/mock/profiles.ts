/**
 * What a KMS instance of each kind accepts. The numbers are the mock's defaults (admin.setQps
 * overrides them); SM2/SM4 only exist on HSM instances.
 */
export type InstanceKind = 'software' | 'hsm';

export interface InstanceProfile {
  kind: InstanceKind;
  instanceId: string;
  protectionLevel: 'SOFTWARE' | 'HSM';
  keySpecs: readonly string[];
  keyQuota: number;
  qps: number;
}

const COMMON_SPECS = [
  'Aliyun_AES_256',
  'Aliyun_AES_128',
  'Aliyun_AES_192',
  'RSA_2048',
  'RSA_3072',
  'EC_P256',
  'EC_P256K',
];

export const PROFILES: Record<InstanceKind, InstanceProfile> = {
  software: {
    kind: 'software',
    instanceId: 'kst-hzz62ee8mock0software',
    protectionLevel: 'SOFTWARE',
    keySpecs: COMMON_SPECS,
    keyQuota: 1000,
    qps: 5000,
  },
  hsm: {
    kind: 'hsm',
    instanceId: 'kst-hzz62ee8mock0000hsm01',
    protectionLevel: 'HSM',
    keySpecs: [...COMMON_SPECS, 'Aliyun_SM4', 'EC_SM2'],
    keyQuota: 2000,
    qps: 10000,
  },
};

/** The shared gateway (default instance) accepts every spec; its QPS is what throttles legacy apps. */
export const GATEWAY_QPS = 3000;
export const ALL_KEY_SPECS = [...COMMON_SPECS, 'Aliyun_SM4', 'EC_SM2'];
