import type { Language } from './language.js';

/**
 * Comment and string syntax per language, enough to tell a comment from code without a parser: the
 * fingerprint drops comments from matched code, suppression directives live in comments, and the
 * PHP/C# sniffer must not count names in comments.
 */
interface CommentSyntax {
  /** Line comment openers; `#` never opens one when followed by `[` (PHP 8 attributes). */
  line: readonly string[];
  block: boolean;
  /** String delimiters, longest first; a one-line string also ends at a newline (broken code stays local). */
  strings: readonly { open: string; close: string; multiLine: boolean; escapes: boolean }[];
}

const quote = (q: string, multiLine = false, escapes = true) => ({ open: q, close: q, multiLine, escapes });

const SYNTAX: Record<Language, CommentSyntax> = {
  java: { line: ['//'], block: true, strings: [quote('"""', true), quote('"'), quote("'")] },
  go: { line: ['//'], block: true, strings: [quote('`', true, false), quote('"'), quote("'")] },
  python: {
    line: ['#'],
    block: false,
    strings: [quote('"""', true), quote("'''", true), quote('"'), quote("'")],
  },
  typescript: { line: ['//'], block: true, strings: [quote('`', true), quote('"'), quote("'")] },
  javascript: { line: ['//'], block: true, strings: [quote('`', true), quote('"'), quote("'")] },
  php: { line: ['//', '#'], block: true, strings: [quote('"'), quote("'")] },
  csharp: {
    line: ['//'],
    block: true,
    strings: [{ open: '@"', close: '"', multiLine: true, escapes: false }, quote('"'), quote("'")],
  },
  other: { line: [], block: false, strings: [] },
};

/** The line-comment openers of a language (`//`, `#`), for code that writes a comment. */
export function lineCommentOpener(language: Language): string | undefined {
  return SYNTAX[language].line[0];
}

export interface CommentSpan {
  start: number;
  /** One past the last character; a line comment ends before its newline. */
  end: number;
  kind: 'line' | 'block';
}

function stringEnd(text: string, i: number, s: CommentSyntax['strings'][number]): number {
  let j = i + s.open.length;
  while (j < text.length) {
    if (text.startsWith(s.close, j)) return j + s.close.length;
    const c = text.charCodeAt(j);
    if (c === 10 && !s.multiLine) return j;
    j += s.escapes && c === 92 ? 2 : 1;
  }
  return text.length;
}

/** Every comment of `text`, in order, skipping what is inside strings. */
export function commentSpans(text: string, language: Language): CommentSpan[] {
  const syntax = SYNTAX[language];
  const out: CommentSpan[] = [];
  if (syntax.line.length === 0 && !syntax.block) return out;
  const n = text.length;
  let i = 0;
  outer: while (i < n) {
    const c = text[i];
    if (c === '/' && syntax.block && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ start: i, end, kind: 'block' });
      i = end;
      continue;
    }
    for (const opener of syntax.line) {
      if (text.startsWith(opener, i) && !(opener === '#' && text[i + 1] === '[')) {
        const nl = text.indexOf('\n', i);
        const end = nl < 0 ? n : text[nl - 1] === '\r' ? nl - 1 : nl;
        out.push({ start: i, end, kind: 'line' });
        i = nl < 0 ? n : nl;
        continue outer;
      }
    }
    for (const s of syntax.strings) {
      if (text.startsWith(s.open, i)) {
        i = stringEnd(text, i, s);
        continue outer;
      }
    }
    i++;
  }
  return out;
}

/** `text` with every comment replaced by spaces (newlines kept), so offsets and lines stay as they were. */
export function blankComments(text: string, language: Language): string {
  const spans = commentSpans(text, language);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + text.slice(s.start, s.end).replace(/[^\r\n]/g, ' ');
    at = s.end;
  }
  return out + text.slice(at);
}
