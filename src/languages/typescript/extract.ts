import type { FileFacts } from '../../model/index.js';
import { rawHttpCalls } from '../tree-sitter/raw-http.js';
import { addSends } from './client-sends.js';
import { namedCredentials, noteTypedNames, onNew } from './client-sites.js';
import { collect } from './collect.js';
import { FileScope } from './file-scope.js';
import { parseProblems, parseSource } from './parser.js';
import { addActionEvidence, dropWrappedRequests, onCall } from './request-calls.js';
import { inTsString } from './string-ranges.js';
import { noteHandoffs } from './travelling-clients.js';

export { syntaxErrors } from './parser.js';

/**
 * TS/JS facts from one parse (ARCHITECTURE.md: one parse per file, all rules on its facts), in phases:
 * collect the nodes and bindings; place typed names; constructions (clients, request models); calls;
 * clients handed to other code; then the evidence the calls give their clients, and what each sends.
 * Last, KMS requests the file sends over HTTP itself (`fetch`, axios, `https.request`), with no SDK.
 */
export function extract(file: string, text: string): FileFacts {
  const scope = new FileScope(parseSource(file, text), file, text);
  scope.facts.parseErrors = parseProblems(scope.sf, scope.lines);
  collect(scope);
  noteTypedNames(scope);
  for (const n of scope.news) onNew(scope, n);
  for (const c of scope.calls) onCall(scope, c);
  noteHandoffs(scope);
  namedCredentials(scope);
  addActionEvidence(scope);
  dropWrappedRequests(scope);
  scope.facts.calls.push(...rawHttpCalls(text, scope.lines, scope.facts.calls, inTsString(scope.sf)));
  scope.facts.calls.sort((a, b) => a.range.startOffset - b.range.startOffset);
  addSends(scope);
  return scope.facts;
}
