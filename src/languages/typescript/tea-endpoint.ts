// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import type { SettingSource } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import { type Binding, processEnvName, propName, unwrap } from './bindings.js';
import { tsc } from './compiler.js';
import { findConfig } from './rewrite-tea-kms-config.js';

/** A gateway host written or built in code: `'kms.cn-hangzhou.aliyuncs.com'`, `` `kms.${region}.aliyuncs.com` ``. */
const GATEWAY_HOST = /kms(-vpc)?[.$][\s\S]*aliyuncs\.com/i;

/** The last `endpoint` (or `ca`) property of a config object literal: the one whose value the client gets. */
export function configProperty(
  obj: ts.ObjectLiteralExpression,
  name: string,
): ts.ObjectLiteralElementLike | undefined {
  return [...obj.properties].reverse().find((p) => propName(p.name) === name);
}

function propertyValue(prop: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (tsc.isPropertyAssignment(prop)) return prop.initializer;
  if (tsc.isShorthandPropertyAssignment(prop)) return prop.name;
  return undefined;
}

/** The function or constructor whose parameter `name` is, seen from `at`. */
function parameterOwner(name: string, at: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = at.parent; p; p = p.parent) {
    if (!tsc.isFunctionLike(p)) continue;
    if (p.parameters.some((q) => tsc.isIdentifier(q.name) && q.name.text === name)) {
      if (tsc.isConstructorDeclaration(p))
        return `the ${p.parent && tsc.isClassLike(p.parent) && p.parent.name ? p.parent.name.text : 'class'} constructor`;
      const named = p.name && tsc.isIdentifier(p.name) ? p.name.text : undefined;
      const declared =
        p.parent && tsc.isVariableDeclaration(p.parent) && tsc.isIdentifier(p.parent.name)
          ? p.parent.name.text
          : undefined;
      return named ?? declared ?? 'its function';
    }
  }
  return undefined;
}

/** A same-file `const x = <literal>` behind an identifier, so a constant host counts as written in code. */
function constLiteral(id: ts.Identifier, sf: ts.SourceFile): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found !== undefined) return;
    if (
      tsc.isVariableDeclaration(n) &&
      tsc.isIdentifier(n.name) &&
      n.name.text === id.text &&
      n.initializer
    ) {
      const init = unwrap(n.initializer);
      if (tsc.isStringLiteralLike(init)) found = init.text;
      return;
    }
    tsc.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** Where one config value comes from (SettingSource). */
export function settingOf(value: ts.Expression, sf: ts.SourceFile, lines: LineIndex): SettingSource {
  const range = lines.range(value.getStart(sf), value.getEnd());
  const text = value.getText(sf).replace(/\s+/g, ' ');
  const e = unwrap(value);
  // `process.env.KMS_ENDPOINT ?? 'kms.cn-hangzhou.aliyuncs.com'`: the variable is the setting
  const left =
    tsc.isBinaryExpression(e) &&
    (e.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken ||
      e.operatorToken.kind === tsc.SyntaxKind.BarBarToken)
      ? e.left
      : e;
  const env = processEnvName(left);
  if (env) return { kind: 'env', name: env, range };
  if (tsc.isStringLiteralLike(e)) return { kind: 'literal', name: e.text, range };
  if (GATEWAY_HOST.test(text) && (tsc.isTemplateExpression(e) || tsc.isBinaryExpression(e)))
    return { kind: 'literal', name: text, range };
  if (tsc.isIdentifier(e)) {
    const literal = constLiteral(e, sf);
    if (literal !== undefined) return { kind: 'literal', name: literal, range };
    const owner = parameterOwner(e.text, e);
    if (owner) return { kind: 'parameter', name: e.text, owner, range };
  }
  return { kind: 'expression', name: text.length > 80 ? `${text.slice(0, 77)}...` : text, range };
}

/**
 * The endpoint and CA a `@alicloud/kms20160120` client is configured with, when its config object is
 * reachable in this file (inline, `new $OpenApi.Config({...})` or a same-file variable). The extractor
 * (scan) and the rewriter (migrate) both read it, so they give one client one answer.
 */
export function teaSettings(
  site: ts.NewExpression,
  sf: ts.SourceFile,
  bindings: Map<string, Binding>,
  lines: LineIndex,
): { endpoint?: SettingSource; ca?: SettingSource } {
  const found = findConfig(site.arguments?.[0], sf, bindings);
  if ('reason' in found) return {};
  const out: { endpoint?: SettingSource; ca?: SettingSource } = {};
  for (const name of ['endpoint', 'ca'] as const) {
    const prop = configProperty(found.obj, name);
    const value = prop && propertyValue(prop);
    if (value) out[name] = settingOf(value, sf, lines);
  }
  return out;
}
