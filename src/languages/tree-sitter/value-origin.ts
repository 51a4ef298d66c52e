import type { SyntaxNode } from './grammar.js';

/** Where a value comes from, as far as one file shows. */
export interface ValueOrigin {
  literal?: string;
  /** The literal's node (its own location, which may be a declaration elsewhere in the file). */
  literalNode?: SyntaxNode;
  envName?: string;
  configName?: string;
}
