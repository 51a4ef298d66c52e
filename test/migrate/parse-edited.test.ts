import { describe, expect, it } from 'vitest';
import { parseEdited, parseTree } from '../../src/languages/rewrite-kit/parse.js';
import { applyEdits, type TextEdit } from '../../src/model/edit.js';

// The re-parse check edits the rewriter's tree instead of parsing the output from scratch: it must
// see exactly the tree a fresh parse sees, or a broken rewrite could pass the check.
const JAVA = `package demo;

import com.aliyuncs.DefaultAcsClient;

/** Größe: non-ASCII before the edits moves UTF-16 columns. */
class A {
    IAcsClient c(Profile p) {
        return new DefaultAcsClient(p);
    }
}
`;

function check(before: string, edits: TextEdit[]): void {
  const after = applyEdits(before, edits);
  parseTree('java', before); // what the rewriter parsed, now cached
  const incremental = parseEdited('java', before, edits, after);
  const fresh = parseTree('java', `${after}`);
  expect(incremental.rootNode.toString()).toBe(fresh.rootNode.toString());
  expect(incremental.rootNode.hasError).toBe(fresh.rootNode.hasError);
}

describe('parseEdited (incremental re-parse of a rewrite)', () => {
  it('matches a fresh parse for inserted lines, a replaced name and an added argument', () => {
    const at = JAVA.indexOf('        return');
    const name = JAVA.indexOf('DefaultAcsClient(p)');
    const arg = JAVA.indexOf('(p)') + 2;
    check(JAVA, [
      { start: JAVA.indexOf('\n\n/**') + 1, end: JAVA.indexOf('\n\n/**') + 1, text: 'import x.Config;\n' },
      {
        start: at,
        end: at,
        text: '        Config cfg = new Config()\n                .setProtocol("https");\n',
      },
      { start: name, end: name + 'DefaultAcsClient'.length, text: 'KmsTransferAcsClient' },
      { start: arg, end: arg, text: ', cfg' },
    ]);
  });

  it('sees a syntax error an edit introduces', () => {
    const brace = JAVA.lastIndexOf('}');
    check(JAVA, [{ start: brace, end: brace + 1, text: '' }]);
    parseTree('java', JAVA);
    const broken = parseEdited(
      'java',
      JAVA,
      [{ start: brace, end: brace + 1, text: '' }],
      JAVA.slice(0, brace),
    );
    expect(broken.rootNode.hasError).toBe(true);
  });
});
