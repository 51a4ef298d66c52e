import { relative } from 'node:path';
import { MIGRATE_RULES, noteAt } from '../../languages/rewrite-kit/findings.js';
import type { Finding } from '../../model/finding.js';
import type { FileChange } from '../plan-migration.js';
import type { AppBuild } from './types.js';

/** The finding a failed build check leaves: which application went back, the commands, the compiler's words. */
export function buildFailedNote(build: AppBuild, changes: readonly FileChange[]): Finding {
  const first = changes.find((c) => c.app === build.app && c.kind !== 'manifest') ?? changes[0];
  const app = relative(process.cwd(), build.app) || '.';
  return noteAt(
    MIGRATE_RULES.buildFailed,
    'error',
    `${app}: \`${build.commands.at(-1)}\` failed after the rewrite, so this application's ${build.restored.length} file(s) were put back as they were; fix what the compiler says (or rewrite by hand) and run migrate again:\n${build.detail ?? ''}`,
    first?.file ?? app,
    build.language === 'typescript' ? 'typescript' : build.language,
    first?.before ?? '',
    0,
    0,
    { app, commands: build.commands },
  );
}
