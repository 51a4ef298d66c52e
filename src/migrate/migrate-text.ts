import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type {
  GoRetypeFamily,
  RewriteOutput,
  Rewriter,
  TransferNeed,
} from '../languages/rewrite-kit/rewriter.js';
import type { InstanceSettings } from '../languages/rewrite-kit/settings.js';
import { applyEdits, normalizeEdits, type TextEdit } from '../model/edit.js';
import type { ClientSite } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { fingerprintInText } from '../model/fingerprint.js';
import { type Language, languageOfPath } from '../model/language.js';
import { parseSuppressions, silenceFindings } from '../suppressions/index.js';
import { clientTargets } from './client-targets.js';
import { rewriterFor } from './rewriters.js';
import { syntaxErrorCount } from './syntax-check.js';
import { unrewrittenClients } from './unrewritten-clients.js';

export interface TextMigration {
  file: string;
  before: string;
  after: string;
  /** Offset splices on `before`; empty when nothing changes. */
  edits: TextEdit[];
  findings: Finding[];
  needs: TransferNeed[];
}

export interface MigrateTextOptions extends InstanceSettings {
  language?: Language;
  /** Go: the client families the module retypes (see RewriteInput.goRetype). */
  goRetype?: readonly GoRetypeFamily[];
  /** Names declared in the rest of the new names' scope (see RewriteInput.scopeNames). */
  scopeNames?: readonly string[];
  /** Replaces the language's rewriter (embedders with their own rules; the guarantees still apply). */
  rewriter?: Rewriter;
  /**
   * Scan's legacy KMS clients of this file (offsets in `text`). When given, only these are rewritten,
   * and each one the rewriter leaves alone without saying why is reported. Without it (an editor
   * buffer), the rewriter's own recognition decides.
   */
  clients?: readonly ClientSite[];
  /** Syntax errors `text` is known to have (0 when scan parsed it cleanly): saves the parse that counts them. */
  syntaxErrorsBefore?: number;
}

const BOM = '\uFEFF';

/**
 * Rewrites one in-memory file (an editor buffer, a file read from disk). Pure: no I/O. The result is
 * either a re-parsing rewrite or no change plus a finding saying why; its findings carry fingerprints.
 */
export function migrateText(file: string, text: string, options: MigrateTextOptions = {}): TextMigration {
  const result = rewriteText(file, text, options);
  const language = options.language ?? languageOfPath(file) ?? 'other';
  const directives = parseSuppressions(text, language);
  if (directives.length > 0) silenceFindings(result.findings, () => directives);
  fingerprintInText(result.findings, text, language);
  return result;
}

function rewriteText(file: string, text: string, options: MigrateTextOptions): TextMigration {
  const language = options.language ?? languageOfPath(file);
  const unchanged = (findings: Finding[]): TextMigration => ({
    file,
    before: text,
    after: text,
    edits: [],
    findings,
    needs: [],
  });
  const rewriter = options.rewriter ?? (language && rewriterFor(language));
  if (!language || !rewriter) return unchanged([]);
  // Parsers see the text without a BOM; edits are shifted back so the BOM stays first.
  const shift = text.startsWith(BOM) ? 1 : 0;
  const body = shift ? text.slice(1) : text;
  let out: RewriteOutput;
  try {
    out = rewriter({
      file,
      text: body,
      language,
      settings: { endpoint: options.endpoint, clientKeyFile: options.clientKeyFile, caFile: options.caFile },
      goRetype: options.goRetype,
      scopeNames: options.scopeNames,
      targets: options.clients ? clientTargets(options.clients, shift) : undefined,
    });
  } catch (err) {
    return unchanged([
      noteAt(
        MIGRATE_RULES.unsupportedShape,
        'error',
        `${file}: the ${language} rewriter failed (${(err as Error).message}); the file is left as it was, please report this with the file`,
        file,
        language,
        text,
        0,
        0,
      ),
    ]);
  }
  const missed = (edits: readonly TextEdit[]): Finding[] =>
    options.clients
      ? unrewrittenClients({
          file,
          language,
          text,
          shift,
          clients: options.clients,
          edits,
          findings: out.findings,
        })
      : [];
  if (out.edits.length === 0) return unchanged([...out.findings, ...missed([])]);
  let edits: TextEdit[];
  let after: string;
  try {
    edits = normalizeEdits(
      out.edits.map((e) => ({ start: e.start + shift, end: e.end + shift, text: e.text })),
    );
    after = applyEdits(text, edits);
  } catch (err) {
    return unchanged([
      ...out.findings,
      noteAt(
        MIGRATE_RULES.reparseFailed,
        'error',
        `${file}: the rewrite produced conflicting edits (${(err as Error).message}); the file is left as it was`,
        file,
        language,
        text,
        0,
        0,
      ),
    ]);
  }
  const errorsBefore = options.syntaxErrorsBefore ?? syntaxErrorCount(language, file, body);
  const errorsAfter = syntaxErrorCount(language, file, shift ? after.slice(1) : after, {
    text: body,
    edits: edits.map((e) => ({ start: e.start - shift, end: e.end - shift, text: e.text })),
  });
  if (errorsAfter > errorsBefore) {
    return unchanged([
      ...out.findings,
      noteAt(
        MIGRATE_RULES.reparseFailed,
        'error',
        `${file}: the rewritten file would not parse (${errorsAfter - errorsBefore} new syntax error(s)); it is left as it was: migrate it by hand`,
        file,
        language,
        text,
        edits[0].start,
        edits[0].end,
      ),
    ]);
  }
  return {
    file,
    before: text,
    after,
    edits,
    findings: [...out.findings, ...missed(edits)],
    needs: out.needs,
  };
}
