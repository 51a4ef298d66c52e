import type { ts } from 'ts-morph';
import { tsc } from './compiler.js';

/**
 * Whether an offset lies in a string of the file: a quoted literal or a literal part of a template
 * (`` `https://kms.${region}.aliyuncs.com/?Action=Decrypt` ``), not a comment or code. The strings are
 * found on the first question, so a file the raw-HTTP search rules out by its text is never walked again.
 */
export function inTsString(sf: ts.SourceFile): (at: number) => boolean {
  let starts: number[] | undefined;
  let ends: number[] = [];
  return (at) => {
    if (!starts) [starts, ends] = stringRanges(sf);
    // the last string starting at or before `at`: strings do not nest (a template's parts are apart)
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && at < ends[found];
  };
}

const STRING_KINDS = new Set<ts.SyntaxKind>([
  tsc.SyntaxKind.StringLiteral,
  tsc.SyntaxKind.NoSubstitutionTemplateLiteral,
  tsc.SyntaxKind.TemplateHead,
  tsc.SyntaxKind.TemplateMiddle,
  tsc.SyntaxKind.TemplateTail,
]);

function stringRanges(sf: ts.SourceFile): [number[], number[]] {
  const found: [number, number][] = [];
  // an explicit stack: deeply nested input cannot overflow the call stack
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (STRING_KINDS.has(node.kind)) {
      found.push([node.getStart(sf), node.end]);
      continue;
    }
    tsc.forEachChild(node, (c) => {
      stack.push(c);
    });
  }
  found.sort((a, b) => a[0] - b[0]);
  return [found.map((r) => r[0]), found.map((r) => r[1])];
}
