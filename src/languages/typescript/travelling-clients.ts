import type { ts } from 'ts-morph';
import type { SdkFamily } from '../../model/index.js';
import { resolveModuleRef, unwrap } from './bindings.js';
import { tsc } from './compiler.js';
import { exportedName, receiverName } from './declared-names.js';
import type { ClientInfo, FileScope } from './file-scope.js';

/**
 * What a call's receiver is, as far as this file can tell. Clients travel: built in one file, they
 * reach another as a parameter, a constructor parameter kept in `this.x`, or the result of a factory.
 */
export interface Receiver {
  name?: string;
  /** Its family when this file knows it (a construction here, a type annotation, a local factory). */
  family?: SdkFamily;
  /** The construction it holds, when a local factory builds it. */
  site?: ClientInfo;
  /** An import from a relative module, or the result of a factory imported from one. */
  imported?: { module: string; imported: string };
  /** A parameter of a function (or of a class's constructor) that other code can hand a client. */
  param?: { fn: string; param: number };
}

function isRelative(module: string): boolean {
  return module.startsWith('.');
}

/** `createKms()`, `await createKms()`, `deps.createKms()`: where the factory comes from. */
function factoryReceiver(scope: FileScope, call: ts.CallExpression): Receiver {
  const callee = unwrap(call.expression);
  const ref = resolveModuleRef(callee, scope.bindings);
  if (ref && isRelative(ref.module)) return { imported: { module: ref.module, imported: ref.imported } };
  const name = tsc.isIdentifier(callee) ? callee.text : undefined;
  const site = name ? scope.clients.find((c) => c.site.enclosingFunction === name) : undefined;
  return site ? { family: site.site.family, site } : {};
}

function asCall(expr: ts.Node | undefined): ts.CallExpression | undefined {
  if (!expr) return undefined;
  let e = unwrap(expr);
  if (tsc.isAwaitExpression(e)) e = unwrap(e.expression);
  return tsc.isCallExpression(e) && e.expression.kind !== tsc.SyntaxKind.ImportKeyword ? e : undefined;
}

/** The name other files import a declaration by: `default` when `module.exports = X` names it. */
function asExported(scope: FileScope, name: string): string {
  return name === scope.defaultExport ? 'default' : name;
}

/** `kms` in `function seal(kms) {...}` or `const seal = (kms) => ...`, seen from a call inside. */
function paramReceiver(scope: FileScope, name: string, at: ts.Node): Receiver['param'] {
  for (let p = at.parent; p; p = p.parent) {
    if (!tsc.isFunctionLike(p)) continue;
    const i = p.parameters.findIndex((x) => tsc.isIdentifier(x.name) && x.name.text === name);
    if (i < 0) continue; // a closure uses an outer function's parameter
    const fn = tsc.isConstructorDeclaration(p) ? exportedName(p.parent) : exportedName(p);
    return fn === undefined ? undefined : { fn: asExported(scope, fn), param: i };
  }
  return undefined;
}

/** `this.kms` kept from the class's constructor: `constructor(private kms)` or `this.kms = kms`. */
function fieldParam(scope: FileScope, field: string, at: ts.Node): Receiver['param'] {
  let cls: ts.Node | undefined = at.parent;
  while (cls && !tsc.isClassLike(cls)) cls = cls.parent;
  if (!cls || !tsc.isClassLike(cls)) return undefined;
  const ctor = cls.members.find(tsc.isConstructorDeclaration);
  if (!ctor) return undefined;
  const name = exportedName(cls);
  if (name === undefined) return undefined;
  const fn = asExported(scope, name);
  const assigned = scope.fields.get(field);
  const from =
    assigned && tsc.isIdentifier(unwrap(assigned)) ? (unwrap(assigned) as ts.Identifier).text : field;
  const i = ctor.parameters.findIndex((x) => tsc.isIdentifier(x.name) && x.name.text === from);
  if (i < 0) return undefined;
  // `constructor(kms) { this.kms = kms }` or a parameter property `constructor(private kms: ...)`
  const isProperty = from === field && (tsc.getModifiers(ctor.parameters[i])?.length ?? 0) > 0;
  return assigned || isProperty ? { fn, param: i } : undefined;
}

/** What `expr` (a call's receiver) holds; `at` is the call, for the scopes around it. */
export function resolveReceiver(scope: FileScope, expr: ts.Expression, at: ts.Node): Receiver {
  const e = unwrap(expr);
  const chained = asCall(e);
  if (chained) return factoryReceiver(scope, chained);
  const name = receiverName(e);
  if (!name) return {};
  const out: Receiver = { name, family: scope.clientNames.get(name) };
  if (tsc.isIdentifier(e)) {
    const binding = scope.bindings.get(name);
    if (binding && isRelative(binding.module)) out.imported = binding;
    const init = asCall(scope.consts.get(name));
    if (init && !out.family) Object.assign(out, factoryReceiver(scope, init), { name });
    // A client built here under that name is not a parameter; only the others need the walk up.
    const built = scope.clients.some((c) => c.site.boundTo === name);
    if (!binding && !init && !built) out.param = paramReceiver(scope, name, at);
  } else if (tsc.isPropertyAccessExpression(e) && e.expression.kind === tsc.SyntaxKind.ThisKeyword) {
    const init = asCall(scope.fields.get(name));
    if (init && !out.family) Object.assign(out, factoryReceiver(scope, init), { name });
    else if (!init) out.param = fieldParam(scope, name, at);
  }
  return out;
}

/**
 * `seal(client, ...)`, `new Vault(client)`, `crypto.seal(client)`: a pop-core client built in this file
 * handed to a function or class of this application (imported from a relative module, or declared
 * here), which the application pass joins with that function's ParamClientCalls.
 */
export function noteHandoffs(scope: FileScope): void {
  const pop = scope.clients.filter((c) => c.site.family === 'pop-core' && c.site.boundTo !== undefined);
  if (pop.length === 0) return;
  for (const node of [...scope.calls, ...scope.news]) {
    const target = handoffTarget(scope, unwrap(node.expression));
    if (!target) continue;
    (node.arguments ?? []).forEach((a, arg) => {
      const name = receiverName(a);
      const client = name && pop.find((c) => c.site.boundTo === name);
      if (!client) return;
      scope.facts.clientHandoffs ??= [];
      scope.facts.clientHandoffs.push({ ...target, arg, clientAt: client.site.range.startOffset });
    });
  }
}

function handoffTarget(scope: FileScope, callee: ts.Node): { module: string; imported: string } | undefined {
  const ref = resolveModuleRef(callee, scope.bindings);
  if (ref) return isRelative(ref.module) ? { module: ref.module, imported: ref.imported } : undefined;
  return tsc.isIdentifier(callee) ? { module: '', imported: callee.text } : undefined;
}
