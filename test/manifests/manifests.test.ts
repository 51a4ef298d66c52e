import { describe, expect, it } from 'vitest';
import { manifestModuleFor, versionOf } from '../../src/manifests/index.js';
import type { AddOptions, Dependency, ManifestEdit } from '../../src/manifests/types.js';
import { applyEdits } from '../../src/model/edit.js';

function editManifest(path: string, text: string, deps: Dependency[], options?: AddOptions): ManifestEdit {
  const mod = manifestModuleFor(path);
  if (!mod) throw new Error(`no module for ${path}`);
  return mod.add(text, deps, options);
}

const MAVEN: Dependency[] = [
  { ecosystem: 'maven', name: 'com.aliyun:alibabacloud-dkms-gcs-sdk', version: '0.5.2' },
  { ecosystem: 'maven', name: 'com.aliyun.kms:kms-transfer-client', version: '0.2.2' },
];
const PYPI: Dependency[] = [
  { ecosystem: 'pypi', name: 'alibabacloud-dkms-transfer-python', version: '0.1.3' },
  { ecosystem: 'pypi', name: 'alibabacloud-dkms-gcs', version: '1.0.2' },
];
const GO: Dependency[] = [
  { ecosystem: 'go', name: 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk', version: 'v0.1.9' },
];
const NPM: Dependency[] = [{ ecosystem: 'npm', name: 'kms-codemod', version: '0.1.0' }];

function edit(path: string, text: string, deps: Dependency[]): string {
  const { edits, problems } = editManifest(path, text, deps);
  expect(problems).toEqual([]);
  const out = applyEdits(text, edits);
  // Idempotent: a second pass adds nothing.
  expect(editManifest(path, out, deps).edits).toEqual([]);
  return out;
}

describe('pom.xml', () => {
  it('adds to project dependencies, never to dependencyManagement', () => {
    const pom = [
      '<project>',
      '  <dependencyManagement>',
      '    <dependencies>',
      '    </dependencies>',
      '  </dependencyManagement>',
      '  <dependencies>',
      '    <dependency><groupId>com.aliyun</groupId><artifactId>aliyun-java-sdk-core</artifactId><version>4.7.6</version></dependency>',
      '  </dependencies>',
      '</project>',
      '',
    ].join('\n');
    const out = edit('pom.xml', pom, MAVEN);
    expect(out).toContain('    <dependencies>\n    </dependencies>'); // dependencyManagement untouched
    expect(out).toContain(
      '    <dependency>\n      <groupId>com.aliyun.kms</groupId>\n      <artifactId>kms-transfer-client</artifactId>\n      <version>0.2.2</version>\n    </dependency>\n  </dependencies>\n</project>',
    );
  });

  it('creates a dependencies element when the project has none, keeping CRLF', () => {
    const out = edit(
      'pom.xml',
      '<project>\r\n  <modelVersion>4.0.0</modelVersion>\r\n</project>\r\n',
      MAVEN.slice(0, 1),
    );
    expect(out).toBe(
      '<project>\r\n  <modelVersion>4.0.0</modelVersion>\r\n  <dependencies>\r\n    <dependency>\r\n      <groupId>com.aliyun</groupId>\r\n      <artifactId>alibabacloud-dkms-gcs-sdk</artifactId>\r\n      <version>0.5.2</version>\r\n    </dependency>\r\n  </dependencies>\r\n</project>\r\n',
    );
  });

  it('ignores dependencies inside comments', () => {
    const pom =
      '<project>\n  <!-- <dependencies></dependencies> -->\n  <dependencies>\n  </dependencies>\n</project>\n';
    expect(edit('pom.xml', pom, MAVEN.slice(1))).toContain(
      '<!-- <dependencies></dependencies> -->\n  <dependencies>\n    <dependency>',
    );
  });
});

describe('gradle', () => {
  it('build.gradle: adds implementation lines in the top-level block', () => {
    const text =
      "buildscript {\n    dependencies {\n        classpath 'x:y:1'\n    }\n}\n\ndependencies {\n    implementation 'com.aliyun:aliyun-java-sdk-core:4.7.6'\n}\n";
    const out = edit('build.gradle', text, MAVEN);
    expect(out).toContain("classpath 'x:y:1'\n    }"); // buildscript untouched
    expect(
      out.endsWith(
        "    implementation 'com.aliyun:alibabacloud-dkms-gcs-sdk:0.5.2'\n    implementation 'com.aliyun.kms:kms-transfer-client:0.2.2'\n}\n",
      ),
    ).toBe(true);
  });

  it('build.gradle.kts: Kotlin call syntax, block created when missing', () => {
    const out = edit('build.gradle.kts', 'plugins {\n    java\n}\n', MAVEN.slice(1));
    expect(out).toBe(
      'plugins {\n    java\n}\n\ndependencies {\n    implementation("com.aliyun.kms:kms-transfer-client:0.2.2")\n}\n',
    );
  });
});

describe('python manifests', () => {
  it('requirements.txt without a final newline', () => {
    expect(edit('requirements.txt', 'aliyun-python-sdk-core==2.16.1', PYPI)).toBe(
      'aliyun-python-sdk-core==2.16.1\nalibabacloud-dkms-transfer-python==0.1.3\nalibabacloud-dkms-gcs==1.0.2\n',
    );
  });

  it('requirements.txt: a name spelled with underscores counts as present', () => {
    expect(editManifest('requirements.txt', 'alibabacloud_dkms_gcs>=1\n', PYPI.slice(1)).edits).toEqual([]);
  });

  it('pyproject.toml PEP 621 inline list', () => {
    const out = edit(
      'pyproject.toml',
      '[project]\nname = "x"\ndependencies = ["aliyun-python-sdk-core"]\n',
      PYPI.slice(0, 1),
    );
    expect(out).toContain(
      'dependencies = ["aliyun-python-sdk-core", "alibabacloud-dkms-transfer-python==0.1.3"]',
    );
  });

  it('pyproject.toml Poetry table', () => {
    const text =
      '[tool.poetry.dependencies]\npython = "^3.9"\naliyun-python-sdk-core = "^2.16"\n\n[build-system]\nrequires = ["poetry-core"]\n';
    const out = edit('pyproject.toml', text, PYPI);
    expect(out).toContain(
      'aliyun-python-sdk-core = "^2.16"\nalibabacloud-dkms-transfer-python = "0.1.3"\nalibabacloud-dkms-gcs = "1.0.2"\n\n[build-system]',
    );
  });

  it('setup.py multi-line install_requires', () => {
    const text =
      "from setuptools import setup\n\nsetup(\n    name='x',\n    install_requires=[\n        'aliyun-python-sdk-core>=2.13.30',\n    ],\n)\n";
    const out = edit('setup.py', text, PYPI.slice(0, 1));
    expect(out).toContain(
      "        'aliyun-python-sdk-core>=2.13.30',\n        'alibabacloud-dkms-transfer-python==0.1.3',\n    ],",
    );
  });

  it('setup.cfg options.install_requires', () => {
    const text =
      '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    aliyun-python-sdk-core\n\n[options.extras_require]\ndev = pytest\n';
    const out = edit('setup.cfg', text, PYPI.slice(1));
    expect(out).toContain(
      'install_requires =\n    aliyun-python-sdk-core\n    alibabacloud-dkms-gcs==1.0.2\n\n[options.extras_require]',
    );
  });
});

describe('go.mod', () => {
  it('adds to the last require block', () => {
    const out = edit(
      'go.mod',
      'module x\n\ngo 1.21\n\nrequire (\n\tgithub.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n)\n',
      GO,
    );
    expect(out).toContain(
      '\tgithub.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n\tgithub.com/aliyun/alibabacloud-dkms-transfer-go-sdk v0.1.9\n)',
    );
  });

  it('creates a require block when there is only a one-line require', () => {
    const out = edit(
      'go.mod',
      'module x\n\ngo 1.21\n\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n',
      GO,
    );
    expect(out.endsWith('require (\n\tgithub.com/aliyun/alibabacloud-dkms-transfer-go-sdk v0.1.9\n)\n')).toBe(
      true,
    );
  });
});

describe('package.json', () => {
  it('adds to dependencies keeping the indentation', () => {
    const text =
      '{\n    "name": "app",\n    "dependencies": {\n        "@alicloud/pop-core": "^1.8.0"\n    },\n    "scripts": {}\n}\n';
    expect(edit('package.json', text, NPM)).toBe(
      '{\n    "name": "app",\n    "dependencies": {\n        "@alicloud/pop-core": "^1.8.0",\n        "kms-codemod": "^0.1.0"\n    },\n    "scripts": {}\n}\n',
    );
  });

  it('creates dependencies when missing', () => {
    const out = edit('package.json', '{\n  "name": "app"\n}\n', NPM);
    expect(JSON.parse(out)).toEqual({ name: 'app', dependencies: { 'kms-codemod': '^0.1.0' } });
  });

  it('reports invalid JSON instead of guessing', () => {
    expect(editManifest('package.json', '{ "name": ', NPM).problems[0]).toMatchObject({
      code: 'unreadable',
      message: expect.stringMatching(/^not valid JSON/),
    });
  });
});

describe('versions', () => {
  it('come from the one SDK table, overridable by name or ecosystem:name', () => {
    expect(versionOf('maven', 'com.aliyun.kms:kms-transfer-client')).toBe('0.2.2');
    // Published by the vendor, not installable here: still the pin users get.
    expect(versionOf('maven', 'com.aliyun:alibabacloud-kms-java-sdk')).toBe('1.2.5');
    expect(versionOf('pypi', 'alibabacloud-dkms-gcs', { 'pypi:alibabacloud-dkms-gcs': '9.9.9' })).toBe(
      '9.9.9',
    );
    expect(
      versionOf('go', 'github.com/alibabacloud-go/tea', { 'github.com/alibabacloud-go/tea': 'v1.3.0' }),
    ).toBe('v1.3.0');
  });
});
