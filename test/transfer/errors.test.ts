import { describe, expect, it } from 'vitest';
import { KmsTransferError, redact, translateInstanceError } from '../../src/transfer/errors.js';

describe('instance error translation (as the vendor transfer SDKs do)', () => {
  it('maps the instance-only codes onto gateway codes', () => {
    expect(translateInstanceError('InvalidParam', 'The Param Date is invalid.').code).toBe(
      'IllegalTimestamp',
    );
    expect(translateInstanceError('InvalidParam', 'The Param Authorization is invalid.').code).toBe(
      'IncompleteSignature',
    );
    expect(translateInstanceError('Unauthorized', 'whatever')).toEqual({
      code: 'InvalidAccessKeyId.NotFound',
      message: 'The Access Key ID provided does not exist in our records.',
    });
    // any other InvalidParam keeps its code and message
    expect(translateInstanceError('InvalidParam', 'x-kms-signaturemethod is invalid')).toEqual({
      code: 'InvalidParam',
      message: 'x-kms-signaturemethod is invalid',
    });
  });

  it('keeps the code and uses the gateway wording for the known ones', () => {
    expect(translateInstanceError('Rejected.Throttling', 'Too many requests').message).toBe(
      'QPS Limit Exceeded',
    );
    expect(translateInstanceError('Forbidden.KeyNotFound', 'no key k1').message).toBe(
      'The specified Key is not found.',
    );
    expect(translateInstanceError('SignatureNotMatch', 'Signature is not matched.')).toEqual({
      code: 'SignatureNotMatch',
      message: 'Signature is not matched.',
    });
  });

  it('builds errors in pop-core shape', () => {
    const e = new KmsTransferError({
      code: 'Forbidden.NoPermission',
      message: 'm',
      requestId: 'r',
      httpStatus: 403,
      url: 'https://h/',
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('Forbidden.NoPermissionError');
    expect(e.message).toBe('m, URL: https://h/');
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'Forbidden.NoPermissionError',
      code: 'Forbidden.NoPermission',
      data: { Code: 'Forbidden.NoPermission', Message: 'm', RequestId: 'r', HttpStatus: 403 },
      url: 'https://h/',
    });
  });

  it('redacts secrets of four characters or more', () => {
    expect(redact('bad password hunter2 given', ['hunter2'])).toBe('bad password *** given');
    expect(redact('a b c', ['a'])).toBe('a b c');
  });
});
