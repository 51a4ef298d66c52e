import { type Command, Option } from 'commander';
import { CACHE_STRATEGIES, type CacheOptions, type CacheStrategy } from '../cache/fact-cache.js';

/** The fact-cache flags as commander parses them. */
export interface CacheFlags {
  /** `--no-cache` makes it false. */
  cache: boolean;
  cacheLocation?: string;
  cacheStrategy?: CacheStrategy;
}

/** `--no-cache`, `--cache-location`, `--cache-strategy`: the same on every command that scans. */
export function addCacheOptions(command: Command): Command {
  return command
    .option('--no-cache', 'parse every file, without reading or writing the fact cache')
    .option('--cache-location <dir>', 'directory of the fact cache (default: scan/ in ~/.cache/kms-codemod)')
    .addOption(
      new Option(
        '--cache-strategy <strategy>',
        'how unchanged files are told: metadata (size and mtime) or content (hash); default content when CI is set',
      ).choices([...CACHE_STRATEGIES]),
    );
}

/** The scan's `cache` option from the flags: on unless `--no-cache`. */
export function cacheOption(flags: CacheFlags): false | CacheOptions {
  return flags.cache && { location: flags.cacheLocation, strategy: flags.cacheStrategy };
}
