import type { ApiCall, CallForm, ClientSends, FileFacts } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import {
  type CommonRequestInfo,
  classifyCommonRequest,
  type Execution,
  type RequestUse,
  sendsOf,
} from './client-sends.js';
import type { EnclosingFunctions } from './function-index.js';
import type { SyntaxNode } from './grammar.js';
import { nodeRange } from './node-range.js';
import { ScopedAssignments } from './scoped-assignments.js';

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** What the file sets on one variable: a generic request's fields, or a tea Config's endpoint and CA. */
export interface VariableSets {
  info: CommonRequestInfo;
  /** The statement that sets the action: where the KMS call is reported. */
  actionNode?: SyntaxNode;
  /** A literal KeyId the request carries. */
  key?: string;
  endpoint?: SyntaxNode;
  ca?: SyntaxNode;
}

/** What an executed request turned out to be, and where it was built. */
export interface ArgUse {
  use: RequestUse;
  /** Start offset of the typed request's construction (its request-class call). */
  creation?: number;
  /** The generic request variable it is. */
  common?: string;
}

type PendingExecution =
  | { node: SyntaxNode; receiver: string; arg: SyntaxNode; fn: string | undefined }
  | { receiver: string; use: RequestUse };

/**
 * The part of "what does each client send" every tree-sitter language shares: variables and what is
 * set on them (per function, since `req` is reused in every method), the generic requests
 * (CommonRequest) among them, and the requests executed through each receiver. Each language says
 * what its setters and constructions mean; `finish` turns it into calls, unresolved calls and each
 * client's `sends`.
 */
export class RequestTracker {
  readonly assigned: ScopedAssignments;
  private readonly sets = new Map<string, VariableSets>();
  private readonly commons = new Set<string>();
  private readonly executions: PendingExecution[] = [];

  constructor(
    private readonly functions: EnclosingFunctions,
    private readonly lines: LineIndex,
  ) {
    this.assigned = new ScopedAssignments((node) => functions.enclosing(node));
  }

  fnOf(node: SyntaxNode): string | undefined {
    return this.functions.enclosing(node);
  }

  private keyOf(name: string, fn: string | undefined): string {
    return `${fn ?? ''}|${name}`;
  }

  /** What is set on `name` as seen from `node` (created on first use). */
  entry(name: string, node: SyntaxNode): VariableSets {
    const key = this.keyOf(name, this.fnOf(node));
    let e = this.sets.get(key);
    if (!e) {
      e = { info: {} };
      this.sets.set(key, e);
    }
    return e;
  }

  /** What is set on `name` inside `fn`, else on the field or global of that name. */
  lookup(name: string, fn: string | undefined): VariableSets | undefined {
    return this.sets.get(this.keyOf(name, fn)) ?? this.sets.get(this.keyOf(name, undefined));
  }

  assign(name: string, value: SyntaxNode): void {
    this.assigned.add(name, value);
  }

  commonCreated(name: string, node: SyntaxNode): void {
    this.commons.add(this.keyOf(name, this.fnOf(node)));
  }

  /** The generic-request use of variable `name` in `fn`, when it is one (created as one, or given an action). */
  commonUse(name: string, fn: string | undefined): ArgUse | undefined {
    const key = this.keyOf(name, fn);
    const sets = this.sets.get(key);
    if (!this.commons.has(key) && !sets?.actionNode) return undefined;
    return { use: classifyCommonRequest(sets?.info ?? {}), common: key };
  }

  /**
   * What the request variable `name` holds where it is executed: a generic request, else the value
   * last assigned to it before `before`, judged by `judge` (each language knows its request shapes).
   * Names are followed three assignments deep at most.
   */
  nameUse(
    name: string | undefined,
    fn: string | undefined,
    before: number,
    depth: number,
    judge: (value: SyntaxNode, depth: number) => ArgUse,
  ): ArgUse {
    if (!name || depth > 3) return { use: { kind: 'unknown' } };
    const common = this.commonUse(name, fn);
    if (common) return common;
    const value = this.assigned.valueAt(name, fn, before);
    return value ? judge(value, depth + 1) : { use: { kind: 'unknown' } };
  }

  execution(node: SyntaxNode, receiver: string | undefined, arg: SyntaxNode | undefined): void {
    if (receiver && arg) this.executions.push({ node, receiver, arg, fn: this.fnOf(node) });
  }

  /** An execution whose request is known from the call itself (Go `client.Encrypt(req)`). */
  executed(receiver: string, use: RequestUse): void {
    this.executions.push({ receiver, use });
  }

  /**
   * Receivers onto the typed calls executed through a client, a call for each generic request that is a
   * KMS request (an unresolved call when its action is not a literal), and each client's `sends`.
   * `emitCommon` false drops the generic requests (a file that imports no SDK).
   */
  finish(
    facts: FileFacts,
    callsByCreation: ReadonlyMap<number, ApiCall>,
    escaping: ReadonlySet<string>,
    requestUse: (arg: SyntaxNode, fn: string | undefined, before: number) => ArgUse,
    options: {
      form?: CallForm;
      emitCommon: boolean;
      sendsFor: (family: string) => boolean;
      /** Other names a receiver is known by (Java field → its `@Qualifier` bean name). */
      aliases?: ReadonlyMap<string, string>;
    },
  ): { kmsCommon: boolean } {
    const executed: Execution[] = [];
    const commonReceiver = new Map<string, string>();
    for (const e of this.executions) {
      const r = 'use' in e ? { use: e.use } : requestUse(e.arg, e.fn, e.node.startIndex);
      executed.push({ receiver: e.receiver, use: r.use });
      if (r.creation !== undefined) {
        const call = callsByCreation.get(r.creation);
        if (call && call.receiver === undefined) call.receiver = e.receiver;
      }
      if (r.common && !commonReceiver.has(r.common)) commonReceiver.set(r.common, e.receiver);
    }
    let kmsCommon = false;
    for (const [key, sets] of this.sets) {
      if (!sets.actionNode || !options.emitCommon) continue;
      const use = classifyCommonRequest(sets.info);
      const receiver = commonReceiver.get(key);
      const range = nodeRange(sets.actionNode, this.lines);
      const form = options.form ?? 'common-request';
      if (use.kind === 'kms') {
        kmsCommon = true;
        const call: ApiCall = { action: use.action, form, range, family: 'legacy-core' };
        if (receiver) call.receiver = receiver;
        if (sets.key !== undefined) call.key = sets.key;
        facts.calls.push(call);
      } else if (use.kind === 'unresolved') {
        facts.unresolvedCalls ??= [];
        facts.unresolvedCalls.push({ form, range, reason: use.reason, ...(receiver ? { receiver } : {}) });
      }
    }
    for (const c of facts.clients) {
      if (!options.sendsFor(c.family)) continue;
      const sends = sendsOf(c.boundTo, executed, escaping);
      if (sends) c.sends = sends;
    }
    const byReceiver: Record<string, ClientSends> = {};
    for (const { receiver } of executed) {
      const name = lastSegment(receiver);
      if (byReceiver[name]) continue;
      const sends = sendsOf(name, executed, escaping);
      if (!sends) continue;
      byReceiver[name] = sends;
      const alias = options.aliases?.get(name);
      if (alias && !byReceiver[alias]) byReceiver[alias] = sends;
    }
    if (Object.keys(byReceiver).length > 0) facts.sendsByReceiver = byReceiver;
    return { kmsCommon };
  }
}
