import type { Finding, Severity } from '../../model/finding.js';
import type { Language } from '../../model/language.js';
import { LineIndex } from '../../model/range.js';

/** Rule ids of what `migrate` reports about code it left alone. */
export const MIGRATE_RULES = {
  noCounterpart: 'migrate/no-transfer-counterpart',
  serverExceptionCatch: 'migrate/server-exception-catch',
  blockedApp: 'migrate/blocked-app',
  reparseFailed: 'migrate/reparse-failed',
  dirtyFile: 'migrate/dirty-file',
  unsupportedShape: 'migrate/unsupported-shape',
  tlsDisabled: 'migrate/tls-verification-off',
  unreadable: 'migrate/unreadable-file',
  clientNotRewritten: 'migrate/client-not-rewritten',
  /** TS/JS V2 clients: the instance CA goes in at start-up (NODE_EXTRA_CA_CERTS), not in code. */
  nodeExtraCaCerts: 'migrate/node-extra-ca-certs',
  /** A call the instance endpoint does not serve, on a client moved there. */
  notServedByInstanceEndpoint: 'migrate/not-served-by-instance-endpoint',
  /** Go: the client type cannot move with the client across the module; the application is left alone. */
  retypeRefused: 'migrate/retype-refused',
  /** A library's exported API names the client type; retyping it needs --allow-api-change. */
  apiChange: 'migrate/api-change',
  /** A generated file holds a legacy client: its generator must change, migrate never rewrites it. */
  generatedFile: 'migrate/generated-file',
  /** A client in a library: the instance settings are to come from the library's caller, a manual change. */
  libraryInstanceConfig: 'migrate/library-instance-config',
  /** A manifest that could not take a dependency the rewritten code needs: the application is left as it was. */
  manifestRefused: 'migrate/manifest-refused',
  /** A V2 client whose endpoint comes from the project's settings: left as it is, its settings change. */
  configurationChange: 'migrate/configuration-change',
  /** A client that makes management calls only: left as it is, nothing to change. */
  managementOnly: 'migrate/management-calls-only',
  /** An application scan could not read in full: not rewritten unless --allow-incomplete. */
  incompleteApp: 'migrate/incomplete-app',
  /** A file `--write` cannot replace (not writable, changed since read, hard-linked, ...): nothing is written. */
  notWritable: 'migrate/not-writable',
  /** A write that failed half way and was rolled back: nothing changed. */
  writeFailed: 'migrate/write-failed',
  /** git itself failed, so uncommitted changes could not be checked: nothing is written. */
  gitFailed: 'migrate/git-failed',
  /** The journal of an interrupted `--write` (finished by the next `--write`). */
  interruptedRun: 'migrate/interrupted-run',
  /** `migrate --write --build`: the application did not build after the rewrite and was put back. */
  buildFailed: 'migrate/build-failed',
} as const;

/** Builds a finding at [start, end) of `text`. */
export function noteAt(
  ruleId: string,
  severity: Severity,
  message: string,
  file: string,
  language: Language,
  text: string,
  start: number,
  end: number,
  data?: Record<string, unknown>,
): Finding {
  const range = new LineIndex(text).range(start, end);
  return { ruleId, severity, message, file, language, range, ...(data ? { data } : {}) };
}

/** A span of the rewritten text: a syntax node, or any `{ startIndex, endIndex }`. */
export interface Span {
  startIndex: number;
  endIndex: number;
}

/** Builds findings of one rewrite input: `report(id, severity, node, message, data?)`. */
export type Reporter = (
  ruleId: string,
  severity: Severity,
  at: Span,
  message: string,
  data?: Record<string, unknown>,
) => Finding;

export function reporterFor(input: { file: string; text: string; language: Language }): Reporter {
  let lines: LineIndex | undefined;
  return (ruleId, severity, at, message, data) => {
    lines ??= new LineIndex(input.text);
    const range = lines.range(at.startIndex, at.endIndex);
    return {
      ruleId,
      severity,
      message,
      file: input.file,
      language: input.language,
      range,
      ...(data ? { data } : {}),
    };
  };
}
