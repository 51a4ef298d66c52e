/**
 * An error either face answers with: the code and HTTP status the real services use
 * (legacy-kms-openapi.md §1.5, dkms-protocol.md §1.5).
 */
export class KmsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const keyNotFound = (id?: string) =>
  new KmsError('Forbidden.KeyNotFound', `The specified Key is not found.${id ? ` (${id})` : ''}`, 404);

export const missingParameter = (name: string) =>
  new KmsError('MissingParameter', `The parameter "${name}" is needed but not provided.`, 400);

export const invalidParameter = (name: string, why?: string) =>
  new KmsError(
    'InvalidParameter',
    `The specified parameter "${name}" is not valid.${why ? ` ${why}` : ''}`,
    400,
  );

export const throttled = () => new KmsError('Rejected.Throttling', 'QPS Limit Exceeded', 429);
