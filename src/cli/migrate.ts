import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { migrate } from '../migrate/index.js';
import { patchOf, renderText } from '../migrate/report.js';

interface MigrateFlags {
  write?: boolean;
  check?: boolean;
  patch?: string;
  force?: boolean;
  allowDirty?: boolean;
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
  versions?: string[];
}

/** `--versions name=1.2.3` (repeatable, or comma separated). */
function parseVersions(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new Error(`--versions expects name=version, got '${item}'`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Rewrite legacy KMS clients into the transfer-client pattern (dry run: prints a diff).')
    .argument('[paths...]', 'files or directories (default: the current directory)')
    .option('--write', 'apply the changes (atomic writes)')
    .option('--check', 'exit 1 when a change is pending (CI gate); writes nothing')
    .option('--patch <file>', 'write the changes as a patch `git apply` accepts')
    .option('--force', 'rewrite applications that call ReEncrypt/ExportDataKey/GenerateAndExportDataKey too')
    .option('--allow-dirty', 'with --write, also touch files with uncommitted git changes')
    .option(
      '--endpoint <host>',
      'put this instance endpoint into the code instead of reading KMS_INSTANCE_ENDPOINT',
    )
    .option(
      '--client-key-file <path>',
      'put this client key file path into the code instead of reading KMS_CLIENT_KEY_FILE',
    )
    .option('--ca-file <path>', 'put this CA file path into the code instead of reading KMS_CA_FILE')
    .option(
      '--versions <name=version,...>',
      'override SDK versions added to manifests (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (paths: string[], flags: MigrateFlags) => {
      let versions: Record<string, string>;
      try {
        versions = parseVersions(flags.versions);
      } catch (err) {
        process.stderr.write(`kms-codemod migrate: ${(err as Error).message}\n`);
        process.exit(2);
      }
      if (flags.write && flags.check) {
        process.stderr.write('kms-codemod migrate: --write and --check exclude each other\n');
        process.exit(2);
      }
      const write = Boolean(flags.write) && !flags.check;
      const result = await migrate({
        paths: paths.length ? paths : ['.'],
        write,
        force: flags.force,
        allowDirty: flags.allowDirty,
        endpoint: flags.endpoint,
        clientKeyFile: flags.clientKeyFile,
        caFile: flags.caFile,
        versions,
      });
      if (flags.patch) writeFileSync(flags.patch, patchOf(result));
      process.stdout.write(
        renderText(result, {
          color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
          showDiff: !write && !flags.patch,
          wrote: write,
        }),
      );
      const pending = result.changes.length - result.written.length;
      const failed = result.unrewritten.some((f) => f.severity === 'error');
      if (flags.check) process.exitCode = result.changes.length > 0 ? 1 : 0;
      else process.exitCode = (write && pending > 0) || failed ? 1 : 0;
    });
}
