import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_FILE_SIZE } from '../workspace/read-source.js';
import { encodingName } from './encoding-option.js';
import { collect } from './options.js';

/** Parses a positive whole number of `what`; anything else is a usage error naming it. */
export function positiveInt(what: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`expected a positive whole number of ${what}`);
    return n;
  };
}

/** The flags that choose what a scan reads, the same for `scan` and `review`. */
export function readingOptions(cmd: Command): Command {
  return cmd
    .option('--ignore <glob>', 'gitignore-style glob to leave out (repeatable)', collect, [])
    .option('--include-vendored', 'also scan vendor/, node_modules/ and third_party/')
    .option(
      '--max-file-size <bytes>',
      `skip files larger than this (default ${DEFAULT_MAX_FILE_SIZE})`,
      positiveInt('bytes'),
    )
    .option(
      '--encoding <name>',
      'encoding of source files that are not UTF-8: auto (detect; default), gbk, gb18030, shift_jis, latin1, ...',
      encodingName,
    );
}
