import type { CredentialRole, FileFacts, KeyReference } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from './grammar.js';
import { isCredentialValue } from './kms-names.js';
import { nodeRange } from './node-range.js';
import type { ValueOrigin } from './value-origin.js';

/** Records a hard-coded credential at the literal's own location (never its value), once per literal. */
export function addCredential(
  facts: FileFacts,
  lines: LineIndex,
  origin: ValueOrigin,
  role: CredentialRole,
  sink: string,
): void {
  if (origin.literal === undefined || !origin.literalNode || !isCredentialValue(origin.literal)) return;
  const range = nodeRange(origin.literalNode, lines);
  if (facts.credentials.some((c) => c.range.startOffset === range.startOffset)) return;
  facts.credentials.push({ role, range, sink });
}

/** Records where a key id / secret name is passed, with what the file says about its value. */
export function addKeyRef(
  facts: FileFacts,
  lines: LineIndex,
  node: SyntaxNode,
  origin: ValueOrigin,
  parameter: string,
): void {
  const ref: KeyReference = { range: nodeRange(node, lines), parameter };
  if (origin.literal !== undefined) ref.literal = origin.literal;
  if (origin.envName) ref.envName = origin.envName;
  if (origin.configName) ref.configName = origin.configName;
  facts.keyRefs.push(ref);
}
