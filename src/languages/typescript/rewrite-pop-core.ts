// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import { NODE_TRANSFER_MODULES, NODE_TRANSFER_PACKAGE } from '../../model/node-transfer.js';
import { tsc } from './compiler.js';

export const POP_CORE = '@alicloud/pop-core';
/** What the rewrite imports; code that already imports either transfer module is left as it is. */
export const TRANSFER_MODULE = NODE_TRANSFER_PACKAGE;
export const TRANSFER_CLASS = 'KmsTransferPopClient';

export interface PopCoreImport {
  /** The whole import / require statement. */
  statement: ts.Statement;
  /** Local names bound to pop-core's RPCClient (default export, `RPCClient` named export, or the module itself). */
  locals: string[];
  kind: 'esm' | 'require';
  quote: string;
}

function quoteOf(lit: ts.StringLiteral, sf: ts.SourceFile): string {
  return lit.getText(sf).startsWith("'") ? "'" : '"';
}

function requireTarget(init: ts.Expression | undefined): ts.StringLiteral | undefined {
  if (
    !init ||
    !tsc.isCallExpression(init) ||
    !tsc.isIdentifier(init.expression) ||
    init.expression.text !== 'require'
  )
    return undefined;
  const arg = init.arguments[0];
  return arg && tsc.isStringLiteral(arg) ? arg : undefined;
}

/** The local name an import or require of the transfer module gives KmsTransferPopClient, if any. */
function transferLocal(st: ts.Statement): string | undefined {
  if (tsc.isImportDeclaration(st)) {
    const bindings = st.importClause?.namedBindings;
    if (!bindings || !tsc.isNamedImports(bindings)) return undefined;
    return bindings.elements.find((el) => (el.propertyName ?? el.name).text === TRANSFER_CLASS)?.name.text;
  }
  if (!tsc.isVariableStatement(st)) return undefined;
  for (const decl of st.declarationList.declarations) {
    if (!tsc.isObjectBindingPattern(decl.name)) continue;
    for (const el of decl.name.elements) {
      const imported =
        el.propertyName && tsc.isIdentifier(el.propertyName) ? el.propertyName.text : undefined;
      if (tsc.isIdentifier(el.name) && (imported ?? el.name.text) === TRANSFER_CLASS) return el.name.text;
    }
  }
  return undefined;
}

/**
 * Top-level imports of pop-core, and whether (and under which name) the transfer client is imported
 * already: `transfer` is that local name, `hasTransfer` says the module is imported at all.
 */
export function readPopCoreImports(sf: ts.SourceFile): {
  popCore: PopCoreImport[];
  hasTransfer: boolean;
  transfer?: string;
} {
  const popCore: PopCoreImport[] = [];
  let hasTransfer = false;
  let transfer: string | undefined;
  for (const st of sf.statements) {
    if (tsc.isImportDeclaration(st) && tsc.isStringLiteral(st.moduleSpecifier)) {
      const mod = st.moduleSpecifier.text;
      if (NODE_TRANSFER_MODULES.includes(mod)) {
        hasTransfer = true;
        transfer ??= transferLocal(st);
      }
      if (mod !== POP_CORE || !st.importClause) continue;
      const locals: string[] = [];
      const clause = st.importClause;
      if (clause.name) locals.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && tsc.isNamespaceImport(bindings))
        locals.push(`${bindings.name.text}.default`, `${bindings.name.text}.RPCClient`);
      if (bindings && tsc.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const imported = (el.propertyName ?? el.name).text;
          if (imported === 'RPCClient' || imported === 'default') locals.push(el.name.text);
        }
      }
      if (locals.length)
        popCore.push({ statement: st, locals, kind: 'esm', quote: quoteOf(st.moduleSpecifier, sf) });
    } else if (tsc.isImportEqualsDeclaration(st) && tsc.isExternalModuleReference(st.moduleReference)) {
      const lit = st.moduleReference.expression;
      if (tsc.isStringLiteral(lit) && lit.text === POP_CORE) {
        popCore.push({ statement: st, locals: [st.name.text], kind: 'require', quote: quoteOf(lit, sf) });
      }
    } else if (tsc.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) {
        const lit = requireTarget(decl.initializer);
        if (!lit) continue;
        if (NODE_TRANSFER_MODULES.includes(lit.text)) {
          hasTransfer = true;
          transfer ??= transferLocal(st);
        }
        if (lit.text !== POP_CORE) continue;
        const locals: string[] = [];
        if (tsc.isIdentifier(decl.name)) locals.push(decl.name.text, `${decl.name.text}.RPCClient`);
        else if (tsc.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            const imported =
              el.propertyName && tsc.isIdentifier(el.propertyName) ? el.propertyName.text : undefined;
            if (tsc.isIdentifier(el.name) && (imported ?? el.name.text) === 'RPCClient')
              locals.push(el.name.text);
          }
        }
        if (locals.length && st.declarationList.declarations.length === 1) {
          popCore.push({ statement: st, locals, kind: 'require', quote: quoteOf(lit, sf) });
        }
      }
    }
  }
  return { popCore, hasTransfer, ...(transfer ? { transfer } : {}) };
}
