import type { SettingSource } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from './grammar.js';
import { nodeRange } from './node-range.js';
import type { ValueOrigin } from './value-origin.js';

/** A host built in code from gateway pieces: `"kms." + region + ".aliyuncs.com"`, `fmt.Sprintf("kms.%s.aliyuncs.com", r)`. */
const BUILT_GATEWAY_HOST = /kms(-vpc)?[.%{"'`+\s][\s\S]*aliyuncs\.com/i;

/**
 * Where a setting's value comes from (SettingSource), from what one file shows: the value's origin
 * (literal, environment variable, configuration key), else a parameter of the function that sets it,
 * else the expression as written.
 */
export function settingSource(
  node: SyntaxNode,
  origin: ValueOrigin,
  lines: LineIndex,
  parameterOwner: (name: string, at: SyntaxNode) => string | undefined,
): SettingSource {
  const range = nodeRange(node, lines);
  if (origin.literal !== undefined) return { kind: 'literal', name: origin.literal, range };
  if (origin.envName) return { kind: 'env', name: origin.envName, range };
  if (origin.configName) return { kind: 'config', name: origin.configName, range };
  const text = node.text.replace(/\s+/g, ' ');
  if (BUILT_GATEWAY_HOST.test(text)) return { kind: 'literal', name: text, range };
  if (node.type === 'identifier') {
    const owner = parameterOwner(node.text, node);
    if (owner) return { kind: 'parameter', name: node.text, owner, range };
  }
  return { kind: 'expression', name: text.length > 80 ? `${text.slice(0, 77)}...` : text, range };
}
