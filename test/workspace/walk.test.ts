import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appLocator, discoverApps } from '../../src/workspace/apps.js';
import { mayUseSdkText } from '../../src/workspace/prefilter.js';
import { walk } from '../../src/workspace/walk.js';

const dirs: string[] = [];
function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'kms-walk-'));
  dirs.push(root);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), body);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const rels = (root: string, opts: Partial<Parameters<typeof walk>[0]> = {}) =>
  walk({ root, ...opts })
    .sources.map((s) => s.rel)
    .sort();

describe('walk', () => {
  it('respects .gitignore at every level, with negation and directory patterns', () => {
    const root = repo({
      '.gitignore': 'build/\n*.gen.ts\n',
      'a.ts': '',
      'x.gen.ts': '',
      'build/b.ts': '',
      'pkg/.gitignore': 'local.py\n!keep.gen.ts\n',
      'pkg/local.py': '',
      'pkg/other.py': '',
      'pkg/keep.gen.ts': '',
      'other/local.py': '',
    });
    expect(rels(root)).toEqual(['a.ts', 'other/local.py', 'pkg/keep.gen.ts', 'pkg/other.py']);
    expect(walk({ root }).ignoredCount).toBe(3);
  });

  it('applies the .gitignore files above a sub-path given to scan', () => {
    const root = repo({ '.gitignore': 'gen/\n', 'svc/gen/a.ts': '', 'svc/b.ts': '' });
    expect(walk({ root, paths: [join(root, 'svc')] }).sources.map((s) => s.rel)).toEqual(['svc/b.ts']);
  });

  it('applies --ignore globs with gitignore semantics', () => {
    const root = repo({ 'src/a.ts': '', 'src/gen/b.ts': '', 'test/c.test.ts': '', 'Main.java': '' });
    expect(rels(root, { ignore: ['src/gen', '*.test.ts'] })).toEqual(['Main.java', 'src/a.ts']);
  });

  it('skips vendor/, node_modules/ and third_party/ unless asked, saying so', () => {
    const root = repo({
      'vendor/v.go': '',
      'node_modules/m/i.js': '',
      'third_party/t.py': '',
      'main.go': '',
    });
    const r = walk({ root });
    expect(r.sources.map((s) => s.rel)).toEqual(['main.go']);
    expect(r.skipped.map((s) => `${s.file}:${s.reason}`).sort()).toEqual([
      'node_modules:vendored',
      'third_party:vendored',
      'vendor:vendored',
    ]);
    expect(rels(root, { includeVendored: true })).toEqual([
      'main.go',
      'node_modules/m/i.js',
      'third_party/t.py',
      'vendor/v.go',
    ]);
  });

  it('does not follow symlink loops and reports broken links', () => {
    const root = repo({ 'src/a.go': '' });
    symlinkSync(join(root, 'src'), join(root, 'src', 'loop'));
    symlinkSync(join(root, 'missing'), join(root, 'dangling.ts'));
    const r = walk({ root });
    expect(r.sources.map((s) => s.rel)).toEqual(['src/a.go']);
    expect(r.skipped.map((s) => `${s.file}:${s.reason}`).sort()).toEqual([
      'dangling.ts:broken-link',
      'src/loop:symlink-loop',
    ]);
  });

  it('collects manifests and maps files to the nearest application', () => {
    const root = repo({
      'pom.xml': '',
      'svc/go.mod': '',
      'svc/main.go': '',
      'web/package.json': '{}',
      'web/src/a.ts': '',
      'py/requirements-dev.txt': '',
      'tools/x.py': '',
    });
    const r = walk({ root });
    const apps = discoverApps(r.manifests);
    expect(apps.map((a) => a.dir)).toEqual(['.', 'py', 'svc', 'web']);
    const locate = appLocator(apps);
    expect(locate('web/src/a.ts')).toBe('web');
    expect(locate('svc/main.go')).toBe('svc');
    expect(locate('tools/x.py')).toBe('.');
  });
});

describe('literal prefilter', () => {
  it('lets through only files naming an SDK of their language', () => {
    expect(mayUseSdkText('java', 'import com.aliyuncs.DefaultAcsClient;')).toBe(true);
    expect(mayUseSdkText('java', 'import software.amazon.awssdk.services.kms.KmsClient;')).toBe(false);
    expect(mayUseSdkText('python', 'from aliyunsdkcore.client import AcsClient')).toBe(true);
    expect(mayUseSdkText('go', 'import "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"')).toBe(true);
    expect(mayUseSdkText('typescript', "import Core from '@alicloud/pop-core';")).toBe(true);
    expect(mayUseSdkText('typescript', "import { KMSClient } from '@aws-sdk/client-kms';")).toBe(false);
    // Literals of another language do not count.
    expect(mayUseSdkText('go', 'from aliyunsdkcore.client import AcsClient')).toBe(false);
  });
});
