import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appKind } from '../../src/scan/app-kind.js';
import { scan } from '../../src/scan/index.js';

function kindOf(files: Record<string, string>): string {
  const names = Object.keys(files);
  const manifests = names.filter((n) =>
    /(^|\/)(pom\.xml|build\.gradle(\.kts)?|go\.mod|package\.json|pyproject\.toml|setup\.py|setup\.cfg|requirements\.txt)$/.test(
      n,
    ),
  );
  const sources = names.filter((n) => !manifests.includes(n));
  return appKind(manifests, sources, (rel) => files[rel]).kind;
}

describe('appKind: application or library', () => {
  it('reads package.json: private or bin is an application, a published entry a library', () => {
    expect(kindOf({ 'package.json': '{"name":"svc","private":true,"main":"index.js"}' })).toBe('application');
    expect(kindOf({ 'package.json': '{"name":"tool","bin":{"t":"cli.js"},"main":"index.js"}' })).toBe(
      'application',
    );
    expect(kindOf({ 'package.json': '{"name":"@acme/kms-helper","exports":"./dist/index.js"}' })).toBe(
      'library',
    );
    expect(kindOf({ 'package.json': '{"name":"svc","scripts":{"start":"node server.js"}}' })).toBe(
      'application',
    );
  });

  it('reads pom.xml and Gradle plugins, then looks for a main class', () => {
    const pom = (extra: string) => `<project><artifactId>a</artifactId>${extra}</project>`;
    expect(kindOf({ 'pom.xml': pom('<packaging>war</packaging>') })).toBe('application');
    expect(
      kindOf({
        'pom.xml': pom(
          '<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>',
        ),
      }),
    ).toBe('application');
    // A plugin named only in a comment does not count.
    expect(
      kindOf({
        'pom.xml': pom('<!-- <artifactId>spring-boot-maven-plugin</artifactId> -->'),
        'src/main/java/a/Kms.java': 'class Kms {}',
      }),
    ).toBe('library');
    expect(
      kindOf({
        'pom.xml': pom(''),
        'src/main/java/a/App.java': 'class App { public static void main(String[] a) {} }',
      }),
    ).toBe('application');
    // A main in a test source does not make a program.
    expect(
      kindOf({
        'pom.xml': pom(''),
        'src/test/java/a/AppTest.java': 'class AppTest { public static void main(String[] a) {} }',
      }),
    ).toBe('library');
    expect(kindOf({ 'build.gradle': "plugins { id 'java-library' }" })).toBe('library');
    expect(kindOf({ 'build.gradle.kts': 'plugins {\n  application\n}' })).toBe('application');
    expect(kindOf({ 'build.gradle': "plugins { id 'org.springframework.boot' version '3.2.0' }" })).toBe(
      'application',
    );
  });

  it('a Go module is an application when one of its packages is main', () => {
    expect(kindOf({ 'go.mod': 'module example.com/kmsutil\n', 'kms.go': 'package kmsutil\n' })).toBe(
      'library',
    );
    expect(
      kindOf({
        'go.mod': 'module example.com/svc\n',
        'kms.go': 'package kmsutil\n',
        'cmd/svc/main.go': '// Command svc.\npackage main\n',
      }),
    ).toBe('application');
    expect(kindOf({ 'go.mod': 'module example.com/kmsutil\n', 'kms_test.go': 'package main\n' })).toBe(
      'library',
    );
  });

  it('Python: scripts or a __main__ make an application; a named package without them is a library', () => {
    expect(kindOf({ 'requirements.txt': 'aliyun-python-sdk-kms\n', 'kms.py': 'import x\n' })).toBe(
      'application',
    );
    expect(
      kindOf({ 'pyproject.toml': '[project]\nname = "kmshelper"\n', 'kmshelper/kms.py': 'import x\n' }),
    ).toBe('library');
    expect(
      kindOf({ 'pyproject.toml': '[project]\nname = "svc"\n[project.scripts]\nsvc = "svc:main"\n' }),
    ).toBe('application');
    expect(
      kindOf({ 'setup.py': 'setup(name="svc")\n', 'svc/run.py': 'if __name__ == "__main__":\n    main()\n' }),
    ).toBe('application');
    expect(
      kindOf({ 'pyproject.toml': '[project]\nname = "web"\n', 'web/app.py': 'app = Flask(__name__)\n' }),
    ).toBe('application');
  });

  it('Python: a pyproject that only names the project beside top-level modules is an application (uv, pip-tools)', () => {
    const named = '[project]\nname = "jobs"\ndependencies = ["aliyun-python-sdk-kms"]\n';
    expect(kindOf({ 'pyproject.toml': named, 'rotate.py': 'import x\n' })).toBe('application');
    // With a build system it is built and published: a library.
    const built = `${named}[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
    expect(kindOf({ 'pyproject.toml': built, 'rotate.py': 'import x\n' })).toBe('library');
    // Poetry says it outright.
    const poetry = '[tool.poetry]\nname = "jobs"\npackage-mode = false\n';
    expect(kindOf({ 'pyproject.toml': poetry, 'jobs/rotate.py': 'import x\n' })).toBe('application');
  });
});

describe('scan sets the kind of each application that uses KMS', () => {
  it('a Go library module and an application beside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kms-appkind-'));
    const put = (rel: string, text: string) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    const client = (pkg: string) =>
      `package ${pkg}\n\nimport "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n\nfunc New(r, a, s string) (*kms.Client, error) {\n\treturn kms.NewClientWithAccessKey(r, a, s)\n}\n`;
    put('lib/go.mod', 'module example.com/kmslib\n');
    put('lib/kms.go', client('kmslib'));
    put('svc/go.mod', 'module example.com/svc\n');
    put('svc/kms.go', client('main'));
    put('other/go.mod', 'module example.com/other\n');
    put('other/main.go', 'package main\n\nfunc main() {}\n');
    const result = await scan({ root, paths: [root] });
    const kind = Object.fromEntries(result.apps.map((a) => [a.dir, a.kind]));
    expect(kind).toEqual({ '.': undefined, lib: 'library', svc: 'application', other: undefined });
    expect(result.apps.find((a) => a.dir === 'lib')?.kindEvidence).toMatch(/no package main/);
  });
});
