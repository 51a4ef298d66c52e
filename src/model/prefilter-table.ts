/**
 * What a language module tells the literal prefilter (src/workspace/prefilter.ts): which text makes a
 * file worth parsing. Built from the module's own tables, so what it recognises and what is read
 * cannot drift apart.
 */
export interface PrefilterTable {
  /** Any of these alone makes a file a candidate (a KMS package, a KMS or transfer client class). */
  direct: readonly string[];
  /**
   * Patterns that alone make a file a candidate (as `direct`, where a literal cannot say it), each with
   * a literal it cannot match without (the prefilter looks for that first).
   */
  directPatterns?: readonly { literal: string; pattern: RegExp }[];
  /**
   * The vendor SDK's core (every product's code imports it): a file that names it is a candidate only
   * if it also names one of `relevant` or matches one of `relevantPatterns`, i.e. something the module
   * can turn into a fact without a KMS package (a credential, a KMS action, the KMS host, a key id).
   */
  core?: readonly string[];
  relevant?: readonly string[];
  relevantPatterns?: readonly RegExp[];
}
