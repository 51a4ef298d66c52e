import type { ts } from 'ts-morph';
import {
  type ClientSite,
  emptyFacts,
  type FileFacts,
  LineIndex,
  languageOfPath,
  type SdkFamily,
} from '../../model/index.js';
import { type Binding, propName, unwrap } from './bindings.js';
import { tsc } from './compiler.js';
import { nodeSdk } from './sdk-modules.js';

export interface ClientInfo {
  site: ClientSite;
  /** An apiVersion literal other than KMS's: the client is for another product. */
  otherApiVersion: boolean;
}

export interface Property {
  name: string;
  node: ts.Node;
  value: ts.Expression;
}

/** How far a value is followed through `const` names (a cycle `a = b; b = a` stops here). */
const MAX_DEPTH = 4;

/**
 * What the extraction phases of one TS/JS file share: the tree and what the collecting walk found in
 * it (bindings, `const` values, constructions, calls), the clients found so far, and the facts.
 */
export class FileScope {
  readonly lines: LineIndex;
  readonly facts: FileFacts;
  readonly bindings = new Map<string, Binding>();
  /** `const X = <expr>` declarations, to follow an identifier to a literal or object in the same file. */
  readonly consts = new Map<string, ts.Expression>();
  /** `this.x = <expr>` assignments and class property initializers: what a `this.x` receiver holds. */
  readonly fields = new Map<string, ts.Expression>();
  readonly news: ts.NewExpression[] = [];
  readonly calls: ts.CallExpression[] = [];
  readonly typedNames: { name: string; type: ts.TypeReferenceNode }[] = [];
  /** Names known to hold a client of a family (bound at construction or by a type annotation). */
  readonly clientNames = new Map<string, SdkFamily>();
  readonly clients: ClientInfo[] = [];
  /** Requests on a receiver that are not KMS's (`sts.request('AssumeRole')`) or not literal. */
  readonly otherSends: { receiver: string; action?: string }[] = [];
  /** Names passed to a call, returned, exported or stored elsewhere: such a client may send more than this file shows. */
  readonly escaping = new Set<string>();
  /** The local name `module.exports = X` or `export default X` exports as the module's default. */
  defaultExport: string | undefined;

  constructor(
    readonly sf: ts.SourceFile,
    file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
    this.facts = emptyFacts(file, languageOfPath(file) === 'javascript' ? 'javascript' : 'typescript');
  }

  range(node: ts.Node) {
    return this.lines.range(node.getStart(this.sf), node.end);
  }

  /** The string an expression certainly holds, following same-file consts; templates keep their literal parts. */
  stringValue(expr: ts.Node | undefined, depth = 0): string | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    expr = unwrap(expr);
    if (tsc.isStringLiteralLike(expr)) return expr.text;
    if (tsc.isTemplateExpression(expr)) {
      return expr.head.text + expr.templateSpans.map((s) => `x${s.literal.text}`).join('');
    }
    if (tsc.isIdentifier(expr)) return this.stringValue(this.consts.get(expr.text), depth + 1);
    return undefined;
  }

  /** The literal node behind an expression (for credential locations), following same-file consts. */
  literalNode(expr: ts.Node | undefined, depth = 0): ts.StringLiteralLike | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    expr = unwrap(expr);
    if (tsc.isStringLiteralLike(expr)) return expr;
    if (tsc.isIdentifier(expr)) return this.literalNode(this.consts.get(expr.text), depth + 1);
    return undefined;
  }

  objectLiteral(expr: ts.Node | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    expr = unwrap(expr);
    if (tsc.isObjectLiteralExpression(expr)) return expr;
    if (tsc.isIdentifier(expr)) return this.objectLiteral(this.consts.get(expr.text), depth + 1);
    return undefined;
  }

  /**
   * The object literal a lookup starts from: `SERVICES` for `s.apiVersion` with `const s = SERVICES[name]`,
   * for `SERVICES.kms.apiVersion`, or for `VERSIONS[product]`. Tables of services are written this way.
   */
  tableRoot(expr: ts.Node | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    expr = unwrap(expr);
    while (tsc.isPropertyAccessExpression(expr) || tsc.isElementAccessExpression(expr))
      expr = unwrap(expr.expression);
    if (tsc.isObjectLiteralExpression(expr)) return expr;
    if (!tsc.isIdentifier(expr)) return undefined;
    const init = this.consts.get(expr.text);
    return init && this.tableRoot(init, depth + 1);
  }

  /** Each property of an object literal with the expression that gives its value (shorthand included). */
  properties(obj: ts.ObjectLiteralExpression): Property[] {
    const out: Property[] = [];
    for (const p of obj.properties) {
      if (tsc.isPropertyAssignment(p)) {
        const name = propName(p.name);
        if (name) out.push({ name, node: p, value: p.initializer });
      } else if (tsc.isShorthandPropertyAssignment(p)) {
        out.push({ name: p.name.text, node: p, value: p.name });
      }
    }
    return out;
  }

  importsFamily(family: SdkFamily): boolean {
    for (const b of this.bindings.values()) if (nodeSdk(b.module)?.family === family) return true;
    return false;
  }
}
