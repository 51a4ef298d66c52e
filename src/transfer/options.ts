/**
 * Constructor options of KmsTransferPopClient. The first argument mirrors @alicloud/pop-core's
 * RPCClient config (declared here so this module type-checks without pop-core installed); the
 * second is the KMS instance config, modelled on the vendor transfer SDKs' dkms-gcs Config.
 */

/** pop-core's RPCClient config, passed through untouched. */
export interface PopCoreConfig {
  endpoint: string;
  apiVersion: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** pop-core's older spelling of accessKeySecret. */
  secretAccessKey?: string;
  securityToken?: string;
  credentialsProvider?: { getCredentials(): Promise<unknown> };
  codes?: (string | number)[];
  opts?: Record<string, unknown>;
  [other: string]: unknown;
}

/** Where the instance lives and how to authenticate to it. Fields accept `undefined` so that
 *  `process.env.X` can be passed straight in; missing required values are reported clearly. */
export interface KmsInstanceConfig {
  /** `<instance-id>.cryptoservice.kms.aliyuncs.com` or `host:port` (an `https://` prefix is tolerated). */
  endpoint?: string | undefined;
  /** Path of the application access point's client key file (JSON with KeyId and PrivateKeyData). */
  clientKeyFile?: string | undefined;
  /** The client key JSON as text; wins over clientKeyFile. */
  clientKeyContent?: string | undefined;
  /** Password of the client key. */
  password?: string | undefined;
  /** Path of the instance CA certificate (PEM). */
  caFile?: string | undefined;
  /** The instance CA certificate as PEM text; wins over caFile. */
  ca?: string | undefined;
  /** Disables TLS certificate verification. Default false. */
  ignoreSSL?: boolean | undefined;
  /** Per-attempt timeout in milliseconds (default: pop-core opts.timeout, else 10000). */
  timeout?: number | undefined;
  /** Retries after the first attempt on throttling and network errors (default 3). */
  maxRetries?: number | undefined;
  /** First backoff delay in milliseconds; doubles per retry, with jitter (default 200). */
  retryDelay?: number | undefined;
}

/** pop-core request options (third argument of request()). */
export interface RequestOptions {
  method?: string;
  formatAction?: boolean;
  formatParams?: boolean;
  timeout?: number;
  headers?: Record<string, string>;
  [other: string]: unknown;
}

/** What a pop-core call hands back: the parsed JSON body (or [json, entry] when verbose). */
export type PopResponse = Record<string, unknown>;

/** pop-core's request entry in verbose mode. */
export interface RequestEntry {
  url: string;
  request: { headers: Record<string, string> } | null;
  response: { statusCode: number; headers: Record<string, string | string[] | undefined> } | null;
}
