import type { ts } from 'ts-morph';
import { propName, unwrap } from './bindings.js';
import { tsc } from './compiler.js';

/** What an identifier was declared with, as the caller knows it (the extractor's consts, the rewriter's block). */
export type Declared = (name: string, at: ts.Node) => ts.Node | undefined;

/** Following names through this many declarations is enough for code people write. */
const MAX_DEPTH = 8;

/** The expression behind a name, through the declarations `declared` knows. */
function follow(expr: ts.Node | undefined, declared: Declared): ts.Node | undefined {
  let e = expr && unwrap(expr);
  for (let depth = 0; e && tsc.isIdentifier(e) && depth < MAX_DEPTH; depth++) {
    const init = declared(e.text, e);
    e = init && unwrap(init);
  }
  return e;
}

/**
 * The properties of a tea `callApi`'s first argument: `new $OpenApi.Params({ action, version, ... })` or a
 * plain object, directly or through a variable. Undefined when the argument is anything else (a helper's
 * result, another class).
 */
export function callApiParams(
  arg: ts.Node | undefined,
  declared: Declared,
): Map<string, ts.Node> | undefined {
  let e = follow(arg, declared);
  if (e && tsc.isNewExpression(e)) {
    const cls = unwrap(e.expression);
    const named = tsc.isPropertyAccessExpression(cls) ? cls.name.text : tsc.isIdentifier(cls) ? cls.text : '';
    if (named !== 'Params') return undefined;
    e = follow(e.arguments?.[0], declared);
  }
  if (!e || !tsc.isObjectLiteralExpression(e)) return undefined;
  const fields = new Map<string, ts.Node>();
  for (const p of e.properties) {
    if (tsc.isShorthandPropertyAssignment(p)) fields.set(p.name.text, p.name);
    else if (tsc.isPropertyAssignment(p)) {
      const name = propName(p.name);
      if (name !== undefined) fields.set(name, p.initializer);
    }
  }
  return fields;
}

/** The string literal behind an expression, through the declarations `declared` knows. */
export function literalText(expr: ts.Node | undefined, declared: Declared): string | undefined {
  const e = follow(expr, declared);
  return e && tsc.isStringLiteralLike(e) ? e.text : undefined;
}

/**
 * What a name is declared with in the blocks around `at` (`const params = new $OpenApi.Params(...)`): the
 * nearest block's last declaration of it before `at`. For code whose variables the caller has not indexed.
 */
export function declaredAround(name: string, at: ts.Node): ts.Node | undefined {
  for (let scope: ts.Node | undefined = at.parent; scope; scope = scope.parent) {
    if (!tsc.isBlock(scope) && !tsc.isSourceFile(scope)) continue;
    let found: ts.Node | undefined;
    for (const statement of scope.statements) {
      if (statement.pos >= at.pos) break;
      if (!tsc.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations)
        if (tsc.isIdentifier(d.name) && d.name.text === name && d.initializer) found = d.initializer;
    }
    if (found) return found;
  }
  return undefined;
}
