import type { SyntaxNode } from './grammar.js';

/** Where a value comes from, as far as one file shows. */
export interface ValueOrigin {
  literal?: string;
  /** The literal's node (its own location, which may be a declaration elsewhere in the file). */
  literalNode?: SyntaxNode;
  envName?: string;
  configName?: string;
  /** The literal default of an environment or config look-up (`os.getenv("K", "key-…")`): the
   *  value wherever the name is unset. Kept apart from `literal` so it never counts as a credential. */
  fallback?: string;
}

/** Names assigned in one file, scope-blind (the first assignment wins), for each language's origin(). */
export class FirstAssignments {
  protected readonly init = new Map<string, SyntaxNode>();
  /** Called once per name before its first look-up: an extractor can add that name's assignments lazily. */
  onFirstAsk?: (name: string) => void;
  private readonly asked = new Set<string>();

  assign(name: string, value: SyntaxNode): void {
    if (!this.init.has(name)) this.init.set(name, value);
  }

  initializer(name: string): SyntaxNode | undefined {
    if (this.onFirstAsk && !this.asked.has(name)) {
      this.asked.add(name);
      this.onFirstAsk(name);
    }
    return this.init.get(name);
  }
}
