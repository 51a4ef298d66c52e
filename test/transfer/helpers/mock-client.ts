import { type KmsInstanceConfig, KmsTransferPopClient } from '../../../src/transfer/index.js';

/** The mock handle fields these tests use (src/mock/index.ts MockHandle). */
export interface MockLike {
  gatewayUrl: string;
  instanceEndpoint: string;
  caFile: string;
  clientKeyFile: string;
  clientKeyPassword: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export function popOptions(mock: MockLike) {
  return {
    accessKeyId: mock.accessKeyId,
    accessKeySecret: mock.accessKeySecret,
    endpoint: mock.gatewayUrl,
    apiVersion: '2016-01-20',
  };
}

export function instanceOptions(mock: MockLike, extra: Partial<KmsInstanceConfig> = {}): KmsInstanceConfig {
  return {
    endpoint: mock.instanceEndpoint,
    clientKeyFile: mock.clientKeyFile,
    password: mock.clientKeyPassword,
    caFile: mock.caFile,
    ...extra,
  };
}

export function transferClient(mock: MockLike, extra: Partial<KmsInstanceConfig> = {}, verbose?: boolean) {
  return new KmsTransferPopClient(popOptions(mock), instanceOptions(mock, extra), verbose);
}

/** Everything a caller could print or serialise about an error. */
export function everything(e: unknown): string {
  const err = e as Error;
  return [
    err.message,
    err.stack,
    JSON.stringify(err),
    String(err),
    JSON.stringify(Object.getOwnPropertyDescriptors(err)),
  ].join('\n');
}

export const POST = { method: 'POST' };
