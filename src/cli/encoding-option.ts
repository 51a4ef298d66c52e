import { InvalidArgumentError } from 'commander';
import { isKnownEncoding } from '../workspace/source-encoding.js';

/** `--encoding NAME` (scan, migrate): `auto` or an encoding iconv-lite knows. */
export function encodingName(v: string): string {
  if (!isKnownEncoding(v))
    throw new InvalidArgumentError(
      'expected auto or an encoding name such as gbk, gb18030, shift_jis, latin1',
    );
  return v;
}
