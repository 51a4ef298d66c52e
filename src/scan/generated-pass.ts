import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppAnalysis, generatedMarker, isBlockedAction, type Language } from '../model/index.js';
import type { SourceEntry } from '../workspace/walk.js';

/** Function and method declarations, per language: the wrapper a generated call sits in. */
const DECLARATION: Partial<Record<Language, RegExp>> = {
  go: /^func\s*(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[[(]/gm,
  python: /^[ \t]*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/gm,
  java: /^[ \t]*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\s+)*(?:<[^>]+>\s+)?[\w.<>[\], ?]+\s+([A-Za-z_]\w*)\s*\([^)]*\)\s*(?:throws\s+[\w., ]+)?\s*\{/gm,
  typescript:
    /^[ \t]*(?:(?:public|private|protected|static|async|export|function)\s+)*([A-Za-z_$][\w$]*)\s*(?:=\s*(?:async\s*)?\([^)]*\)\s*=>|\([^)]*\)[^{;\n]*\{)/gm,
};
DECLARATION.javascript = DECLARATION.typescript;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The name of the function or method a call sits in (the last declaration above it). */
function enclosingName(text: string, language: Language, offset: number): string | undefined {
  const re = DECLARATION[language];
  if (!re) return undefined;
  let name: string | undefined;
  for (const m of text.slice(0, offset).matchAll(re)) name = m[1];
  return name;
}

/** How code would call an action or its wrapper: `x.ReEncrypt(`, `reEncrypt(`, `re_encrypt(`. */
function callNames(action: string, wrapper: string | undefined): string[] {
  const lower = action[0].toLowerCase() + action.slice(1);
  const snake = action.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return [...new Set([action, lower, snake, ...(wrapper ? [wrapper] : [])])];
}

/**
 * A blocked call inside a generated file (a generated wrapper that exposes every KMS action) blocks the
 * application only when code outside generated files calls it: the wrapper method, or the action by
 * name. Reads the application's other sources, and only for applications with such calls. The calls
 * that block nothing are listed in `dormantCalls`.
 */
export function markDormantCalls(
  root: string,
  analyses: readonly AppAnalysis[],
  sources: readonly SourceEntry[],
  locate: (file: string) => string,
): void {
  for (const a of analyses) {
    const generated = a.files.flatMap((f) =>
      f.generated ? f.calls.filter((c) => isBlockedAction(c.action)).map((call) => ({ file: f, call })) : [],
    );
    if (generated.length === 0) continue;
    const others = sources.filter(
      (s) => locate(s.rel) === a.dir && !a.files.some((f) => f.file === s.rel && f.generated),
    );
    const texts = others
      .map((s) => read(s.abs))
      .filter((t): t is string => t !== undefined && generatedMarker(t) === undefined);
    const dormant: NonNullable<AppAnalysis['dormantCalls']> = [];
    for (const { file, call } of generated) {
      const text = read(join(root, file.file)) ?? '';
      const wrapper = enclosingName(text, file.language, call.range.startOffset);
      const names = callNames(call.action, wrapper).map((n) => n.replace(/\$/g, '\\$'));
      const site = new RegExp(`(?:^|[^\\w$])(?:${names.join('|')})\\s*\\(`);
      if (!texts.some((t) => site.test(t))) dormant.push({ file, call, ...(wrapper ? { wrapper } : {}) });
    }
    if (dormant.length > 0) a.dormantCalls = dormant;
  }
}
