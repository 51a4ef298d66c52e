import { type Command, Option } from 'commander';
import { judgeInventory } from '../keys/judge-inventory.js';
import { type KeysFormat, renderKeys } from '../keys/keys-report.js';
import { loadInventory } from '../keys/load-inventory.js';
import { toolVersion } from './version.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface KeysFlags {
  region?: string[];
  from?: string;
  endpoint?: string;
  profile?: string;
  format: KeysFormat;
}

export function registerKeys(program: Command): void {
  program
    .command('keys')
    .description(
      'Read the KMS key inventory (OpenAPI or an exported JSON file) and judge which keys can move to a KMS instance.',
    )
    .option(
      '--region <region>',
      'region to read (repeatable); default: the profile region or ALIBABA_CLOUD_REGION_ID',
      collect,
    )
    .option(
      '--from <file>',
      'read an exported inventory instead of calling the OpenAPI (layouts: src/keys/README.md)',
    )
    .option(
      '--endpoint <url>',
      'OpenAPI endpoint instead of https://kms.<region>.aliyuncs.com (e.g. the mock gateway)',
    )
    .option(
      '--profile <name>',
      'credential profile (~/.alibabacloud/credentials or ~/.aliyun/config.json); default ALIBABA_CLOUD_PROFILE',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .action(async (flags: KeysFlags) => {
      process.exitCode = await runKeys(flags);
    });
}

async function runKeys(flags: KeysFlags): Promise<number> {
  try {
    const inventory = await loadInventory({
      from: flags.from,
      regions: flags.region,
      endpoint: flags.endpoint,
      profile: flags.profile,
      onRetry: ({ action, attempt, code, delayMs }) => {
        if (process.stderr.isTTY)
          process.stderr.write(`kms-codemod keys: ${action} ${code}, retry ${attempt} in ${delayMs} ms\n`);
      },
    });
    const result = judgeInventory(inventory);
    process.stdout.write(renderKeys(result, flags.format, { name: 'kms-codemod', version: toolVersion() }));
    if (inventory.problems.length > 0) {
      process.stderr.write(
        `kms-codemod keys: ${inventory.problems.length} inventory entries could not be judged (listed above); fix ${inventory.source} and run again\n`,
      );
      return 2;
    }
    return 0;
  } catch (err) {
    process.stderr.write(`kms-codemod keys: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
