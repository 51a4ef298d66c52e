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

/** The quote the file's first import or require uses; single quotes by default. */
export function fileQuote(text: string): string {
  const m = /(?:from\s*|require\(\s*|import\(\s*)(['"])/.exec(text);
  return m ? m[1] : "'";
}

/** A declaration of `name` in the file, for following `s` in `s.apiVersion` to `SERVICES[name]`. */
function initializerOf(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (tsc.isVariableDeclaration(n) && tsc.isIdentifier(n.name) && n.name.text === name && n.initializer)
      found = n.initializer;
    else tsc.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** `SERVICES[name].apiVersion`, `VERSIONS[product]`, or `s.apiVersion` with `const s = SERVICES[name]`. */
function isTableLookup(sf: ts.SourceFile, expr: ts.Expression, depth = 0): boolean {
  let e: ts.Expression = expr;
  for (;;) {
    if (tsc.isParenthesizedExpression(e) || tsc.isNonNullExpression(e) || tsc.isAsExpression(e))
      e = e.expression;
    else if (tsc.isElementAccessExpression(e)) {
      if (!tsc.isStringLiteralLike(e.argumentExpression)) return true;
      e = e.expression;
    } else if (tsc.isPropertyAccessExpression(e)) e = e.expression;
    else break;
  }
  if (!tsc.isIdentifier(e) || e === expr || depth > 2) return false;
  const init = initializerOf(sf, e.text);
  return init !== undefined && isTableLookup(sf, init, depth + 1);
}

/**
 * A generic constructor fed from a table of services (`apiVersion: s.apiVersion`) builds clients for
 * other products too: the instance config must go only to the KMS ones, so the rewrite guards it with
 * the apiVersion expression returned here. Undefined for a literal or a plain setting.
 */
export function tableApiVersion(site: ts.NewExpression, sf: ts.SourceFile): string | undefined {
  const options = site.arguments?.[0];
  if (!options || !tsc.isObjectLiteralExpression(options)) return undefined;
  for (const p of options.properties) {
    if (!tsc.isPropertyAssignment(p) || p.name.getText(sf) !== 'apiVersion') continue;
    if (tsc.isStringLiteralLike(p.initializer)) return undefined;
    return isTableLookup(sf, p.initializer) ? p.initializer.getText(sf) : undefined;
  }
  return undefined;
}

function isImportLike(st: ts.Statement): boolean {
  if (tsc.isImportDeclaration(st) || tsc.isImportEqualsDeclaration(st)) return true;
  return (
    tsc.isVariableStatement(st) && st.declarationList.declarations.every((d) => requireTarget(d.initializer))
  );
}

/** An ES module, or a file TypeScript compiles (where `import` works under either module kind). */
function writesImports(sf: ts.SourceFile): boolean {
  if (!/\.[cm]?jsx?$/i.test(sf.fileName)) return true;
  if (/\.mjs$/i.test(sf.fileName)) return true;
  return sf.statements.some(
    (st) => tsc.isImportDeclaration(st) || tsc.isExportDeclaration(st) || tsc.isExportAssignment(st),
  );
}

/**
 * The transfer client's import for a file whose pop-core class is bound in code (`await import(...)`,
 * a `require` in a `try`): after the file's leading imports, or before its first statement.
 */
export function transferImportEdit(
  sf: ts.SourceFile,
  text: string,
  quote: string,
  eol: string,
  local: string,
) {
  const statements = sf.statements;
  const semi = statements[0]?.getText(sf).trimEnd().endsWith(';') === false ? '' : ';';
  const aliased = local !== TRANSFER_CLASS;
  const line = writesImports(sf)
    ? `import { ${aliased ? `${TRANSFER_CLASS} as ${local}` : local} } from ${quote}${TRANSFER_MODULE}${quote}${semi}`
    : `const { ${aliased ? `${TRANSFER_CLASS}: ${local}` : local} } = require(${quote}${TRANSFER_MODULE}${quote})${semi}`;
  let last: ts.Statement | undefined;
  for (const st of statements) {
    if (isImportLike(st)) last = st;
    else if (!(tsc.isExpressionStatement(st) && tsc.isStringLiteral(st.expression))) break;
  }
  if (last) return { start: last.getEnd(), end: last.getEnd(), text: eol + line };
  const first = statements.find(
    (st) => !(tsc.isExpressionStatement(st) && tsc.isStringLiteral(st.expression)),
  );
  const at = first ? attachedStart(text, first, sf) : text.length;
  return { start: at, end: at, text: line + eol + (first ? eol : '') };
}

/** Where a statement starts with the comment block written right above it (a JSDoc stays with its function). */
function attachedStart(text: string, st: ts.Statement, sf: ts.SourceFile): number {
  let at = st.getStart(sf);
  const comments = tsc.getLeadingCommentRanges(text, st.getFullStart()) ?? [];
  for (let i = comments.length - 1; i >= 0; i--) {
    if (/\n[ \t]*\r?\n/.test(text.slice(comments[i].end, at))) break;
    at = comments[i].pos;
  }
  return at;
}
