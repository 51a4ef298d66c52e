import type { ts } from 'ts-morph';
import { unwrap } from './bindings.js';
import { tsc } from './compiler.js';
import { receiverName } from './declared-names.js';
import type { FileScope } from './file-scope.js';

/** Names that leave through an argument, a return, an export or another binding (collect's walk calls it). */
export function noteEscapes(scope: FileScope, node: ts.Node): void {
  const note = (e: ts.Node | undefined) => {
    const name = e && receiverName(e);
    if (name) scope.escaping.add(name);
  };
  if (tsc.isCallExpression(node) || tsc.isNewExpression(node)) for (const a of node.arguments ?? []) note(a);
  else if (tsc.isReturnStatement(node) || tsc.isExportAssignment(node)) note(node.expression);
  else if (tsc.isShorthandPropertyAssignment(node)) note(node.name);
  else if (tsc.isPropertyAssignment(node) || (tsc.isVariableDeclaration(node) && node.initializer))
    note(unwrap(node.initializer as ts.Expression));
  else if (tsc.isExportSpecifier(node)) note(node.propertyName ?? node.name);
  else if (
    tsc.isVariableStatement(node) &&
    node.modifiers?.some((m) => m.kind === tsc.SyntaxKind.ExportKeyword)
  )
    for (const d of node.declarationList.declarations) note(d.name);
}

/** What each bound pop-core or V2 client is seen executing here (ClientSite.sends). */
export function addSends(scope: FileScope): void {
  for (const { site } of scope.clients) {
    if (!site.boundTo || (site.family !== 'pop-core' && site.family !== 'tea-kms')) continue;
    const name = site.boundTo;
    const kmsActions = scope.facts.calls.filter((c) => c.receiver === name).map((c) => c.action);
    const other = scope.otherSends.filter((o) => o.receiver === name);
    if (kmsActions.length === 0 && other.length === 0) continue;
    site.sends = {
      kmsActions,
      otherProducts: other.flatMap((o) => (o.action ? ['other'] : [])),
      untyped: other.filter((o) => !o.action).length,
      escapes: scope.escaping.has(name),
    };
  }
}
