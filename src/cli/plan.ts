import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { buildPlan } from '../keys/build-plan.js';
import { parseInstanceFlags } from '../keys/instances.js';
import { loadInventory } from '../keys/load-inventory.js';
import { PLAN_FORMATS, type PlanFormat, renderPlan } from '../keys/plan-report.js';
import { scanRepos } from '../keys/scan-apps.js';
import { readScanResults } from '../keys/scan-results.js';
import { parseWindow } from '../keys/window.js';
import { defineCommand, statusAction, usageError } from './command.js';
import { type ExitStatus, USAGE_OR_ERROR } from './exit-status.js';
import {
  type ConfigFlags,
  collect,
  configOptions,
  progressFor,
  type ReportFlags,
  reportOptions,
  writeReport,
} from './options.js';
import { toolVersion } from './version.js';

interface PlanFlags extends ReportFlags<PlanFormat>, ConfigFlags {
  keys?: string;
  region?: string[];
  endpoint?: string;
  profile?: string;
  window?: string;
  instance?: string[];
  scans?: string[];
}

async function runPlan(paths: string[], flags: PlanFlags): Promise<ExitStatus> {
  const scans = flags.scans ?? [];
  const repos = paths.length || scans.length ? paths : ['.'];
  if (!flags.keys && !flags.region?.length)
    return usageError('plan', 'give the key inventory: --keys FILE or --region R');
  const missing = [...repos, ...scans].filter((p) => !existsSync(p));
  if (missing.length) return usageError('plan', `no such file or directory: ${missing.join(', ')}`);
  const window = flags.window ? parseWindow(flags.window) : undefined;
  const instances = parseInstanceFlags(flags.instance);
  // Scan results first: a result from an older kms-codemod stops the plan before any other work.
  const fromScans = scans.length ? readScanResults(scans) : undefined;
  const inventory = await loadInventory({
    from: flags.keys,
    regions: flags.region,
    endpoint: flags.endpoint,
    profile: flags.profile,
  });
  const progress = progressFor(flags);
  let scanned: Awaited<ReturnType<typeof scanRepos>>;
  try {
    scanned = await scanRepos(repos, { config: flags.config, onProgress: progress.onProgress, cache: true });
  } finally {
    progress.clear();
  }
  const apps = [...scanned.apps, ...(fromScans?.apps ?? [])];
  const plan = buildPlan({ apps, configs: scanned.configs, inventory, window, instances });
  plan.notes.push(...scanned.notes);
  if (fromScans) {
    plan.repos = [...new Set([...repos, ...fromScans.repos.map((r) => r.name)])];
    plan.notes.push(
      ...fromScans.repos.map(
        (r) => `${r.name}: from the scan result ${r.file} (commit ${r.commit ?? 'none'})`,
      ),
      ...fromScans.notes,
    );
  }
  writeReport(renderPlan(plan, flags.format, { name: 'kms-codemod', version: toolVersion() }), flags);
  if (!flags.quiet) for (const w of plan.warnings) process.stderr.write(`kms-codemod plan: warning: ${w}\n`);
  if (inventory.problems.length > 0) {
    process.stderr.write(
      `kms-codemod plan: ${inventory.problems.length} inventory entries could not be judged (see the plan's notes); fix ${inventory.source} and run again\n`,
    );
    return 'error';
  }
  // Something stands in the way of the move: a blocked application, or a key held back for one.
  return plan.summary.apps.blocked > 0 || plan.summary.keys['held-back'] > 0 ? 'failure' : 'ok';
}

export function registerPlan(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'plan',
    description:
      'Join the key inventory with the code: which applications use which keys, what must change before each gateway entry closes, and the support ticket.',
    exitStatus: {
      ok: 'every application can move with its keys',
      failure: 'a blocked application, or a key held back for one',
      usage: USAGE_OR_ERROR,
      error: 'an inventory entry could not be judged (see the notes), or the OpenAPI refused the read',
    },
  }).argument('[repo...]', 'repositories to scan (default: the current directory, unless --scans is given)');
  reportOptions(cmd, PLAN_FORMATS, 'markdown');
  configOptions(cmd)
    .option(
      '--keys <file>',
      'exported key inventory (the layouts of `keys --from`, or `keys --format json` output)',
    )
    .option(
      '--region <region>',
      'read the inventory through the OpenAPI for this region (repeatable); with --keys: only the keys of this region',
      collect,
    )
    .option('--endpoint <url>', 'OpenAPI endpoint instead of https://kms.<region>.aliyuncs.com')
    .option('--profile <name>', 'credential profile; default ALIBABA_CLOUD_PROFILE')
    .option(
      '--window <start/end>',
      'proposed migration window, ISO 8601 "<start>/<end>" (UTC when no zone is given)',
    )
    .option(
      '--scans <path...>',
      'scan results of other repositories (`scan --format json` files, or directories of them, such as downloaded CI artifacts), joined without cloning them',
    )
    .option(
      '--instance <id[=key,...]>',
      'target KMS instance, for every movable key or for the keys listed (repeatable)',
      collect,
    )
    .action(statusAction('plan', runPlan));
}
