import type { SyntaxNode } from './grammar.js';

interface Assigned {
  /** The enclosing function, looked up only when a use of this name asks (most names are never asked for). */
  fn?: string | null;
  at: number;
  value: SyntaxNode;
}

/**
 * Every assignment of a name with the function it happens in, so a use finds the value it sees: the
 * latest one before it in the same function (`req` is reassigned in every method of a class), else
 * one outside any function (a field or module global).
 */
export class ScopedAssignments {
  private readonly byName = new Map<string, Assigned[]>();

  /** Called once per name before its first look-up: an extractor can add that name's assignments lazily. */
  onFirstAsk?: (name: string) => void;
  private readonly asked = new Set<string>();

  constructor(private readonly enclosing: (node: SyntaxNode) => string | undefined) {}

  add(name: string, value: SyntaxNode): void {
    const list = this.byName.get(name);
    const entry = { at: value.startIndex, value };
    if (list) list.push(entry);
    else this.byName.set(name, [entry]);
  }

  private fnOf(a: Assigned): string | undefined {
    if (a.fn === undefined) a.fn = this.enclosing(a.value) ?? null;
    return a.fn ?? undefined;
  }

  valueAt(name: string, fn: string | undefined, before: number): SyntaxNode | undefined {
    if (this.onFirstAsk && !this.asked.has(name)) {
      this.asked.add(name);
      this.onFirstAsk(name);
    }
    const list = this.byName.get(name);
    if (!list) return undefined;
    let best: Assigned | undefined;
    for (const a of list) if (a.at < before && (!best || a.at > best.at) && this.fnOf(a) === fn) best = a;
    return (best ?? list.find((a) => this.fnOf(a) === undefined))?.value;
  }
}
