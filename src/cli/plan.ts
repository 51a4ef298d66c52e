import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { buildPlan } from '../keys/build-plan.js';
import { parseInstanceFlags } from '../keys/instances.js';
import { loadInventory } from '../keys/load-inventory.js';
import { type PlanFormat, renderPlan } from '../keys/plan-report.js';
import { scanRepos } from '../keys/scan-apps.js';
import { parseWindow } from '../keys/window.js';
import { toolVersion } from './version.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface PlanFlags {
  keys?: string;
  region?: string[];
  endpoint?: string;
  profile?: string;
  window?: string;
  instance?: string[];
  format: PlanFormat;
  output?: string;
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description(
      'Join the key inventory with the code: which applications use which keys, what must change before each gateway entry closes, and the support ticket.',
    )
    .argument('[repo...]', 'repositories to scan (default: the current directory)')
    .option(
      '--keys <file>',
      'exported key inventory (the layouts of `keys --from`, or `keys --format json` output)',
    )
    .option(
      '--region <region>',
      'read the inventory through the OpenAPI for this region (repeatable)',
      collect,
    )
    .option('--endpoint <url>', 'OpenAPI endpoint instead of https://kms.<region>.aliyuncs.com')
    .option('--profile <name>', 'credential profile; default ALIBABA_CLOUD_PROFILE')
    .option(
      '--window <start/end>',
      'proposed migration window, ISO 8601 "<start>/<end>" (UTC when no zone is given)',
    )
    .option(
      '--instance <id[=key,...]>',
      'target KMS instance, for every movable key or for the keys listed (repeatable)',
      collect,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'),
    )
    .option('--output <file>', 'write the plan to a file instead of stdout')
    .action(async (repos: string[], flags: PlanFlags) => {
      process.exitCode = await runPlan(repos.length ? repos : ['.'], flags);
    });
}

async function runPlan(repos: string[], flags: PlanFlags): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`kms-codemod plan: ${message}\n`);
    return 2;
  };
  if (!flags.keys && !flags.region?.length) return fail('give the key inventory: --keys FILE or --region R');
  if (flags.keys && flags.region?.length)
    return fail('--keys and --region exclude each other: read the inventory from one place');
  try {
    const window = flags.window ? parseWindow(flags.window) : undefined;
    const instances = parseInstanceFlags(flags.instance);
    const inventory = await loadInventory({
      from: flags.keys,
      regions: flags.region,
      endpoint: flags.endpoint,
      profile: flags.profile,
    });
    const scanned = await scanRepos(repos);
    const plan = buildPlan({ apps: scanned.apps, configs: scanned.configs, inventory, window, instances });
    plan.notes.push(...scanned.notes);
    const text = renderPlan(plan, flags.format, { name: 'kms-codemod', version: toolVersion() });
    if (flags.output) await writeFile(flags.output, text);
    else process.stdout.write(text);
    if (inventory.problems.length > 0) {
      return fail(
        `${inventory.problems.length} inventory entries could not be judged (see the plan's notes); fix ${inventory.source} and run again`,
      );
    }
    // Something stands in the way of the move: a blocked application, or a key held back for one.
    return plan.summary.apps.blocked > 0 || plan.summary.keys['held-back'] > 0 ? 1 : 0;
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}
