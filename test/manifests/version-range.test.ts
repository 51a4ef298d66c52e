import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  judgeClauses,
  mavenClauses,
  npmClauses,
  pep440Clauses,
  poetryClauses,
} from '../../src/manifests/version-range.js';

const judge = (clauses: ReturnType<typeof pep440Clauses>, min: string) =>
  clauses ? judgeClauses(clauses, min).kind : 'unparsed';

describe('version ranges against the table minimum', () => {
  it('compares releases numerically, a pre-release before its release, Go pseudo-versions as pre-releases', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('v0.1.9', '0.1.9')).toBe(0);
    expect(compareVersions('1.0.0rc1', '1.0.0')).toBe(-1);
    expect(compareVersions('v0.0.0-20230101120000-abcdef123456', 'v0.0.1')).toBe(-1);
    expect(compareVersions('1.0.post1', '1.0')).toBe(0);
    expect(compareVersions(`\${kms.version}`, '1.0')).toBeUndefined();
  });

  it('PEP 440: an older single pin is raised at its own offset, a range that admits the minimum is fine', () => {
    expect(judgeClauses(pep440Clauses('==0.1.0') ?? [], '0.1.3')).toEqual({
      kind: 'pin-older',
      at: 2,
      length: 5,
    });
    expect(judge(pep440Clauses('==0.2.0'), '0.1.3')).toBe('ok'); // a newer pin is fine
    expect(judge(pep440Clauses('>=0.1'), '0.1.3')).toBe('ok');
    expect(judge(pep440Clauses('~=0.1.0'), '0.1.3')).toBe('ok');
    expect(judge(pep440Clauses('>=0.9,<1.0'), '1.0.2')).toBe('excludes');
    expect(judge(pep440Clauses('<0.1'), '0.1.3')).toBe('excludes');
    expect(pep440Clauses('==1.*')).toBeUndefined();
  });

  it('Poetry: a bare version is exact, caret and tilde have their upper bounds', () => {
    expect(judge(poetryClauses('0.1.0'), '0.1.3')).toBe('pin-older');
    expect(judge(poetryClauses('^0.1.0'), '0.1.3')).toBe('ok');
    expect(judge(poetryClauses('^0.0.5'), '0.1.3')).toBe('excludes');
    expect(judge(poetryClauses('~1.2'), '1.3.0')).toBe('excludes');
    expect(judge(poetryClauses('*'), '1.3.0')).toBe('ok');
  });

  it('Maven and Go: a plain version is the one the build uses, raised when older; Maven ranges are judged, never rewritten', () => {
    expect(judge(mavenClauses('0.1.0'), '0.2.2')).toBe('pin-older');
    expect(judge(mavenClauses('0.3.0'), '0.2.2')).toBe('ok');
    expect(judge(mavenClauses('[0.2,)'), '0.2.2')).toBe('ok');
    expect(judge(mavenClauses('[0.1,0.2)'), '0.2.2')).toBe('excludes');
    expect(mavenClauses(`\${kms.version}`)).toBeUndefined();
  });

  it('npm: caret ranges keep their major (minor for 0.x)', () => {
    expect(judge(npmClauses('^0.1.0'), '0.2.0')).toBe('excludes');
    expect(judge(npmClauses('^1.0.0'), '1.4.0')).toBe('ok');
    expect(judge(npmClauses('1.0.0'), '1.4.0')).toBe('pin-older');
    expect(npmClauses('1.x || 2.x')).toBeUndefined();
  });
});
