import { dirname } from 'node:path';
import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import { applyEdits } from '../model/edit.js';
import type { FileFacts } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import { displayPath } from '../workspace/display-path.js';
import { readSourceFile } from '../workspace/source-encoding.js';
import { manifestsIn } from './apps.js';
import {
  type DependencyStyle,
  type ManifestChangePlan,
  manifestsFor,
  planManifest,
  refusalsOf,
  resolveDependencies,
} from './manifest-plan.js';
import type { FileChange, ReadSource } from './plan-migration.js';

/** The legacy modules whose import makes a Python need optional when every one of them is optional. */
const PYTHON_LEGACY = /^(aliyunsdkcore|aliyunsdkkms|alibabacloud_kms20160120)(\.|$)/;

/** Whether every legacy SDK import of a rewritten Python file sits in a `try` that tolerates its failure. */
export function importsOptionally(facts: FileFacts): boolean {
  const legacy = facts.imports.filter((i) => PYTHON_LEGACY.test(i.module));
  return facts.language === 'python' && legacy.length > 0 && legacy.every((i) => i.optional === true);
}

export interface AppManifests {
  changes: FileChange[];
  reminders: string[];
  /** Set when a manifest refused: the application's source is then not rewritten either. */
  refused: Finding[];
}

/**
 * The manifest edits of one application whose sources were rewritten. A refusal of any manifest
 * (a dependency the code now needs cannot be added) is returned as findings naming the manifest and
 * why; the caller then drops the whole application (its sources and its other manifests).
 */
export function planAppManifests(
  app: string,
  needs: ReadonlySet<TransferNeed>,
  style: DependencyStyle,
  versions: Record<string, string> | undefined,
  /** Reads a manifest (default: the disk; the language server passes its buffers). */
  read: ReadSource = readSourceFile,
): AppManifests {
  const reminders: string[] = [];
  const changes: FileChange[] = [];
  const { deps, problems } = resolveDependencies(needs, versions);
  for (const p of problems) reminders.push(`${displayPath(app)}: ${p}`);
  const targets = manifestsFor(app, manifestsIn(app), deps);
  if (targets.length === 0 && deps.length > 0) {
    reminders.push(
      `${displayPath(app)}: no manifest found; add ${deps.map((d) => `${d.name} ${d.version}`).join(', ')} to the build by hand`,
    );
  }
  const plans: (ManifestChangePlan & { text: string; encoding?: string })[] = [];
  for (const path of targets) {
    let text: string;
    let encoding: string | undefined;
    try {
      // A manifest may be in GBK too (a Chinese comment in a pom.xml): read and written in its own encoding.
      ({ text, encoding } = read(path));
    } catch (err) {
      plans.push({
        path,
        text: '',
        edits: [],
        problems: [
          {
            code: 'unreadable',
            message: `cannot read (${(err as Error).message}); add the dependencies by hand`,
          },
        ],
      });
      continue;
    }
    plans.push({ ...planManifest(path, text, deps, style), text, ...(encoding ? { encoding } : {}) });
  }
  const refusals = refusalsOf(plans);
  const refused = refusals.map(({ path, problem }) =>
    noteAt(
      MIGRATE_RULES.manifestRefused,
      'error',
      `${problem.message}. The application ${displayPath(app)} was left as it was, source included, since its rewritten code would need this dependency`,
      displayPath(path),
      languageOfPath(path) ?? 'other',
      plans.find((p) => p.path === path)?.text ?? '',
      0,
      0,
      { app: displayPath(app), code: problem.code },
    ),
  );
  for (const plan of plans) {
    for (const p of plan.problems) {
      // A file that lists no dependencies is only worth a word when no other manifest took them.
      if (p.code === 'no-dependency-list' || refusals.some((r) => r.problem === p)) continue;
      reminders.push(`${displayPath(plan.path)}: ${p.message}`);
    }
    if (plan.edits.length === 0) continue;
    changes.push({
      file: displayPath(plan.path),
      path: plan.path,
      before: plan.text,
      after: applyEdits(plan.text, plan.edits),
      edits: plan.edits,
      app,
      kind: 'manifest',
      ...(plan.encoding ? { encoding: plan.encoding } : {}),
    });
    if (plan.path.endsWith('go.mod'))
      reminders.push(
        `${displayPath(dirname(plan.path))}: run \`go mod tidy\` to fetch the transfer SDK and update go.sum`,
      );
  }
  return { changes, reminders, refused };
}
