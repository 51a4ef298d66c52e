import { credentialLooks, credentialNameRole } from '../../model/credential-looks.js';
import type {
  ArgFact,
  ClientSite,
  CredentialRole,
  FileFacts,
  KeyReference,
  KmsEvidence,
} from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { EnclosingFunctions } from './function-index.js';
import type { SyntaxNode } from './grammar.js';
import { nodeRange } from './node-range.js';
import type { ValueOrigin } from './value-origin.js';

/**
 * Records a hard-coded credential at the literal's own location with its shape (never its value), once
 * per literal; placeholders and obvious dummies are not recorded.
 */
export function addCredential(
  facts: FileFacts,
  lines: LineIndex,
  origin: ValueOrigin,
  role: CredentialRole,
  sink: string,
): void {
  if (origin.literal === undefined || !origin.literalNode) return;
  const looks = credentialLooks(role, origin.literal);
  if (!looks) return;
  const range = nodeRange(origin.literalNode, lines);
  if (facts.credentials.some((c) => c.range.startOffset === range.startOffset)) return;
  facts.credentials.push({ role, looks, range, sink });
}

/**
 * `ACCESS_KEY_ID = "LTAI…"` in a settings file: a constant named for a credential whose value looks
 * like a live one is a hard-coded credential even before it reaches a client (often in another file).
 * Weak values are left to the client sinks, where they are judged with their context.
 */
export function addNamedCredential(
  facts: FileFacts,
  lines: LineIndex,
  name: string,
  origin: ValueOrigin,
): void {
  const role = credentialNameRole(name);
  if (!role || origin.literal === undefined || credentialLooks(role, origin.literal) !== 'real') return;
  addCredential(facts, lines, origin, role, name);
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
  else if (origin.fallback !== undefined) ref.literal = origin.fallback;
  if (origin.envName) ref.envName = origin.envName;
  if (origin.configName) ref.configName = origin.configName;
  facts.keyRefs.push(ref);
}

/** The parts of a client construction each language works out in its own way. */
export interface ClientParts {
  family: ClientSite['family'];
  constructorName: string;
  qualifiedName: string;
  /** The whole construction, its callee and its argument list (with parentheses). */
  node: SyntaxNode;
  callee: SyntaxNode;
  argList: SyntaxNode;
  args: ArgFact[];
  evidence: KmsEvidence[];
  boundTo: string | undefined;
}

/** A ClientSite with ranges and enclosing function filled in the same way for every tree-sitter language. */
export function clientSite(lines: LineIndex, functions: EnclosingFunctions, parts: ClientParts): ClientSite {
  const site: ClientSite = {
    family: parts.family,
    constructorName: parts.constructorName,
    qualifiedName: parts.qualifiedName,
    range: nodeRange(parts.node, lines),
    calleeRange: nodeRange(parts.callee, lines),
    argsRange: nodeRange(parts.argList, lines),
    args: parts.args,
    evidence: parts.evidence,
    otherProducts: [],
  };
  if (parts.boundTo) site.boundTo = parts.boundTo;
  const fn = functions.enclosing(parts.node);
  if (fn) site.enclosingFunction = fn;
  return site;
}
