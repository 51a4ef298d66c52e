import { MIGRATE_RULES, reporterFor } from '../rewrite-kit/findings.js';
import { parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import { mergeOutputs, noRewrite, type RewriteInput, type RewriteOutput } from '../rewrite-kit/rewriter.js';
import { detectStyle } from '../rewrite-kit/text-style.js';
import { insertConfigs } from './rewrite-config.js';
import { type GoFamily, type GoFile, packageNames, V1, V2 } from './rewrite-family.js';
import { fixImports, LEGACY_KMS, readImports } from './rewrite-imports.js';
import { findTargets } from './rewrite-targets.js';
import { retypeClients } from './rewrite-types.js';

/**
 * Go: `kms.NewClientWith<X>(...)` → `<alias>.NewClientWith<X>(..., cfg)`, `*kms.Client` →
 * `*<alias>.KmsTransferClient`; V2 `client.NewClient(cfg)` → `kmssdk.NewTransferClient(cfg, kmsConfig)`,
 * `*client.Client` → `*kmssdk.TransferClient` (src/migrate/README.md, "Go").
 */
export function rewriteGo(input: RewriteInput): RewriteOutput {
  if (!input.text.includes(LEGACY_KMS) && !input.text.includes('kms-20160120')) return noRewrite();
  const root = parseTree('go', input.text).rootNode;
  const v1 = rewriteGoFamily(input, V1, root);
  const v2 = rewriteGoFamily(input, V2, root);
  if (v1.edits.length > 0 && v2.edits.length > 0) {
    // Both families in one file would add clashing imports: rewrite the legacy one, report the other.
    const at = input.text.indexOf('kms-20160120');
    const report = reporterFor(input);
    v1.findings.push(
      report(
        MIGRATE_RULES.unsupportedShape,
        'warning',
        { startIndex: at, endIndex: at + 'kms-20160120'.length },
        'this file also builds a kms-20160120 V2 client: migrate it to kmssdk.NewTransferClient by hand, or run migrate again after this change',
      ),
    );
    return v1;
  }
  return mergeOutputs(v1, v2);
}

/** One client family of one file, in four phases: targets → config → types → imports. */
function rewriteGoFamily(input: RewriteInput, family: GoFamily, root: SyntaxNode): RewriteOutput {
  const file = openFile(input, family, root);
  if (!file) return noRewrite();
  const targets = findTargets(file);
  const config = insertConfigs(file, targets.constructions);
  const types = retypeClients(file, config.rewritten > 0);
  const notes = noRewrite([...targets.findings, ...config.findings, ...types.findings]);
  if (config.rewritten === 0 && types.retyped === 0) return notes;
  // Imports first: an insertion at the same offset as a top-level config must precede it.
  const imports = fixImports(file, {
    constructors: config.rewritten > 0,
    replaced: new Set([...config.replaced, ...types.replaced]),
  });
  return mergeOutputs(imports, config, types, notes, {
    edits: [],
    findings: [],
    needs: [family.need],
  });
}

/** The file as the phases see it, or undefined when it does not import this family's package. */
function openFile(input: RewriteInput, family: GoFamily, root: SyntaxNode): GoFile | undefined {
  const imports = readImports(root);
  const legacy = imports.find((i) => family.isLegacyPath(i.path));
  if (!legacy || legacy.local === '_' || legacy.local === '.') return undefined;
  return {
    input,
    family,
    root,
    text: input.text,
    report: reporterFor(input),
    style: detectStyle(input.text, '\t'),
    imports,
    legacy,
    kms: legacy.local,
    names: packageNames(root, imports, family, input.scopeNames ?? []),
  };
}
