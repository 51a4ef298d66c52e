import type { SyntaxNode } from './grammar.js';

/** Where a value comes from, as far as one file shows. */
export interface ValueOrigin {
  literal?: string;
  /** The literal's node (its own location, which may be a declaration elsewhere in the file). */
  literalNode?: SyntaxNode;
  envName?: string;
  configName?: string;
}

/** Names assigned in one file, scope-blind (the first assignment wins), for each language's origin(). */
export class FirstAssignments {
  protected readonly init = new Map<string, SyntaxNode>();

  assign(name: string, value: SyntaxNode): void {
    if (!this.init.has(name)) this.init.set(name, value);
  }

  initializer(name: string): SyntaxNode | undefined {
    return this.init.get(name);
  }
}
