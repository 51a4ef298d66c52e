import type { ts } from 'ts-morph';
import type { KeyReference } from '../../model/index.js';
import { processEnvName, unwrap } from './bindings.js';
import { tsc } from './compiler.js';
import type { FileScope } from './file-scope.js';

const KEY_PARAMS = ['KeyId', 'DestinationKeyId', 'SourceKeyId', 'SecretName'];

/** The key ids and secret names a request's parameters object names, with what feeds each. */
export function keyRefsFrom(scope: FileScope, arg: ts.Node | undefined): void {
  const obj = scope.objectLiteral(arg);
  if (!obj) return;
  for (const p of scope.properties(obj)) {
    const parameter = KEY_PARAMS.find((k) => k.toLowerCase() === p.name.toLowerCase());
    if (!parameter) continue;
    const ref: KeyReference = { range: scope.range(p.node), parameter };
    const env = envLookup(scope, p.value);
    if (env) {
      ref.envName = env.name;
      if (env.fallback !== undefined) ref.literal = env.fallback;
    } else {
      // Only an exact literal names a key: a template's text is not the value it builds.
      const literal = scope.literalNode(p.value)?.text;
      if (literal !== undefined) ref.literal = literal;
    }
    scope.facts.keyRefs.push(ref);
  }
}

/**
 * `process.env.X` / `process.env['X']`, following same-file consts, with the literal of a
 * `|| 'key-…'` / `?? 'alias/…'` default: the key used wherever X is unset.
 */
function envLookup(
  scope: FileScope,
  expr: ts.Node | undefined,
  depth = 0,
): { name: string; fallback?: string } | undefined {
  if (!expr || depth > 4) return undefined;
  expr = unwrap(expr);
  if (
    tsc.isBinaryExpression(expr) &&
    (expr.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken ||
      expr.operatorToken.kind === tsc.SyntaxKind.BarBarToken)
  ) {
    const left = envLookup(scope, expr.left, depth + 1);
    if (!left) return undefined;
    return { name: left.name, fallback: left.fallback ?? scope.literalNode(expr.right)?.text };
  }
  if (tsc.isIdentifier(expr)) return envLookup(scope, scope.consts.get(expr.text), depth + 1);
  const name = processEnvName(expr);
  return name === undefined ? undefined : { name };
}
