/** The public and VPC shared-gateway host names the proxy and the Node preload serve. */
export const KMS_HOST_PATTERN = /^kms(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com$/i;

export function isKmsHost(host: string): boolean {
  return KMS_HOST_PATTERN.test(host);
}
