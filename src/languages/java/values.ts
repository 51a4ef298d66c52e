import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { placeholderName } from '../tree-sitter/kms-names.js';
import { FirstAssignments, type ValueOrigin } from '../tree-sitter/value-origin.js';

/** Value of a Java string literal (or text block), escapes decoded; undefined for anything else. */
export function javaString(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type !== 'string_literal') return undefined;
  const raw = node.text;
  const body = raw.startsWith('"""') ? raw.slice(3, -3).replace(/^[ \t]*\r?\n/, '') : raw.slice(1, -1);
  return body.replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'u') return String.fromCharCode(Number.parseInt(e.replace(/^u+/, ''), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ' } as Record<string, string>)[e] ?? e;
  });
}

/** Names declared in the file with their initialiser and @Value placeholder, scope-blind on purpose (one file, few names). */
export class JavaValues extends FirstAssignments {
  private readonly config = new Map<string, string>();

  configured(name: string, placeholder: string): void {
    this.config.set(name, placeholder);
  }

  origin(node: SyntaxNode | null | undefined, depth = 0): ValueOrigin {
    if (!node || depth > 4) return {};
    if (node.type === 'string_literal') {
      const literal = javaString(node);
      const configName = literal === undefined ? undefined : placeholderName(literal);
      return configName ? { configName } : { literal, literalNode: node };
    }
    if (node.type === 'parenthesized_expression') return this.origin(node.namedChildren[0], depth + 1);
    if (node.type === 'method_invocation') return this.callOrigin(node, depth);
    const name =
      node.type === 'identifier'
        ? node.text
        : node.type === 'field_access'
          ? node.childForFieldName('field')?.text
          : undefined;
    if (!name) return {};
    const configName = this.config.get(name);
    if (configName) return { configName };
    return this.origin(this.initializer(name), depth + 1);
  }

  private callOrigin(node: SyntaxNode, depth: number): ValueOrigin {
    const method = node.childForFieldName('name')?.text;
    const object = node.childForFieldName('object');
    const target = object?.text ?? '';
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const literalOf = (n: SyntaxNode | undefined) => this.origin(n, depth + 1).literal;
    // System.getenv().getOrDefault("K", "key-…")
    if (method === 'getOrDefault' && object?.type === 'method_invocation' && isSystemGetenv(object)) {
      const key = literalOf(args[0]);
      return key === undefined ? {} : withFallback({ envName: key }, literalOf(args[1]));
    }
    // Optional.ofNullable(System.getenv("K")).orElse("key-…")
    if (method === 'orElse' && object?.type === 'method_invocation') {
      const inner = object.childForFieldName('name')?.text;
      if (inner !== 'ofNullable' && inner !== 'of') return {};
      const looked = this.origin(object.childForFieldName('arguments')?.namedChildren[0], depth + 1);
      return looked.envName || looked.configName ? withFallback(looked, literalOf(args[0])) : {};
    }
    const key = literalOf(args[0]);
    if (key === undefined) return {};
    if (method === 'getenv' && /(^|\.)System$/.test(target)) return { envName: key };
    // Spring Environment / Properties lookups: env.getProperty("kms.key-id"[, "default"])
    if (method === 'getProperty' || method === 'getRequiredProperty')
      return withFallback({ configName: key }, literalOf(args[1]));
    return {};
  }
}

function isSystemGetenv(call: SyntaxNode): boolean {
  return (
    call.childForFieldName('name')?.text === 'getenv' &&
    /(^|\.)System$/.test(call.childForFieldName('object')?.text ?? '') &&
    (call.childForFieldName('arguments')?.namedChildren.length ?? 0) === 0
  );
}

function withFallback(origin: ValueOrigin, fallback: string | undefined): ValueOrigin {
  return fallback === undefined || origin.fallback !== undefined ? origin : { ...origin, fallback };
}
