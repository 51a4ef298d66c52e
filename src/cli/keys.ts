import type { Command } from 'commander';
import { judgeInventory } from '../keys/judge-inventory.js';
import { KEYS_FORMATS, type KeysFormat, renderKeys } from '../keys/keys-report.js';
import { loadInventory } from '../keys/load-inventory.js';
import { defineCommand, statusAction } from './command.js';
import { type ExitStatus, USAGE_OR_ERROR } from './exit-status.js';
import { collect, type ReportFlags, reportOptions, writeReport } from './options.js';
import { toolVersion } from './version.js';

interface KeysFlags extends ReportFlags<KeysFormat> {
  region?: string[];
  from?: string;
  endpoint?: string;
  profile?: string;
}

async function runKeys(flags: KeysFlags): Promise<ExitStatus> {
  const inventory = await loadInventory({
    from: flags.from,
    regions: flags.region,
    endpoint: flags.endpoint,
    profile: flags.profile,
    onRetry: ({ action, attempt, code, delayMs }) => {
      if (process.stderr.isTTY && !flags.quiet)
        process.stderr.write(`kms-codemod keys: ${action} ${code}, retry ${attempt} in ${delayMs} ms\n`);
    },
  });
  const result = judgeInventory(inventory);
  writeReport(renderKeys(result, flags.format, { name: 'kms-codemod', version: toolVersion() }), flags);
  if (inventory.problems.length > 0) {
    process.stderr.write(
      `kms-codemod keys: ${inventory.problems.length} inventory entries could not be judged (listed in the report); fix ${inventory.source} and run again\n`,
    );
    return 'error';
  }
  return 'ok';
}

export function registerKeys(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'keys',
    description:
      'Read the KMS key inventory (OpenAPI or an exported JSON file) and judge which keys can move to a KMS instance.',
    exitStatus: {
      ok: 'the inventory was read and every key judged',
      usage: USAGE_OR_ERROR,
      error: 'an inventory entry could not be judged (named in the report), or the OpenAPI refused the read',
    },
  });
  reportOptions(cmd, KEYS_FORMATS, 'text')
    .option(
      '--region <region>',
      'region to read (repeatable); with --from: only the keys of this region; default: the profile region or ALIBABA_CLOUD_REGION_ID',
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
    .action(statusAction('keys', runKeys));
}
