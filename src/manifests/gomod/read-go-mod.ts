import type { Declared, Extraction } from '../types.js';

export interface GoModBlock {
  directive: string;
  /** Offset of the line holding `)`. */
  closeLine: number;
  /** Whether every require in it is `// indirect` (go mod tidy's second block). */
  indirectOnly: boolean;
}

export interface GoMod extends Extraction {
  blocks: GoModBlock[];
}

const TOKEN = /"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+/g;

/**
 * go.mod's line grammar (https://go.dev/ref/mod#go-mod-file-grammar): a directive on one line or as a
 * `directive (` block, `//` comments. Requires are the dependencies (an `// indirect` one is present
 * too); a `replace` is recorded as scope `other`, group `replace`, with the replacement as its
 * version, since it decides which code a require stands for.
 */
export function readGoMod(text: string): GoMod {
  const mod: GoMod = { declared: [], problems: [], blocks: [] };
  let block: { directive: string; entries: Declared[]; indirect: boolean[] } | undefined;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const comment = line.indexOf('//');
    const code = comment < 0 ? line : line.slice(0, comment);
    const indirect = comment >= 0 && /^\/\/\s*indirect\b/.test(line.slice(comment));
    const tokens = [...code.matchAll(TOKEN)].map((m) => ({ text: m[0], at: lineStart + (m.index ?? 0) }));
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens[0].text === ')') {
        mod.blocks.push({
          directive: block.directive,
          closeLine: lineStart,
          indirectOnly: block.indirect.length > 0 && block.indirect.every(Boolean),
        });
        block = undefined;
        continue;
      }
      record(mod, block.directive, tokens, lineStart, line, indirect, block);
      continue;
    }
    if (tokens.length === 2 && tokens[1].text === '(') {
      block = { directive: tokens[0].text, entries: [], indirect: [] };
      continue;
    }
    record(mod, tokens[0].text, tokens.slice(1), lineStart, line, indirect);
  }
  return mod;
}

type Token = { text: string; at: number };

function unquote(t: string): string {
  return t.startsWith('"') || t.startsWith('`') ? t.slice(1, -1) : t;
}

function record(
  mod: GoMod,
  directive: string,
  args: Token[],
  lineStart: number,
  line: string,
  indirect: boolean,
  block?: { indirect: boolean[] },
): void {
  const whole = { start: lineStart, end: lineStart + line.length, text: line };
  if (directive === 'require' && args.length >= 2) {
    block?.indirect.push(indirect);
    const v = args[1];
    mod.declared.push({
      name: unquote(args[0].text),
      scope: 'main',
      version: v.text,
      versionSpan: { start: v.at, end: v.at + v.text.length, text: v.text },
      span: whole,
    });
  } else if (directive === 'replace') {
    const arrow = args.findIndex((a) => a.text === '=>');
    if (arrow < 1 || arrow + 1 >= args.length) return;
    const target = args
      .slice(arrow + 1)
      .map((a) => unquote(a.text))
      .join(' ');
    mod.declared.push({
      name: unquote(args[0].text),
      scope: 'other',
      group: 'replace',
      version: target,
      span: whole,
    });
  }
}

/** The requirements and replacements of a go.mod, with positions. */
export function extractGoMod(text: string): Extraction {
  const { declared, problems } = readGoMod(text);
  return { declared, problems };
}
