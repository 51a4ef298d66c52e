import { describe, expect, it } from 'vitest';
import {
  isApplicationManifest,
  MANIFEST_FILE_PATTERNS,
  MANIFEST_MODULES,
  manifestModuleFor,
} from '../../src/manifests/index.js';
import type { AddOptions, Dependency } from '../../src/manifests/types.js';
import { applyEdits } from '../../src/model/edit.js';
import { isManifest } from '../../src/workspace/manifests.js';

const TRANSFER: Dependency = {
  ecosystem: 'maven',
  name: 'com.aliyun.kms:kms-transfer-client',
  version: '0.2.2',
};
const PY_TRANSFER: Dependency = {
  ecosystem: 'pypi',
  name: 'alibabacloud-dkms-transfer-python',
  version: '0.1.3',
};
const GO_TRANSFER: Dependency = {
  ecosystem: 'go',
  name: 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk',
  version: 'v0.1.9',
};
const LEGACY_PY = ['aliyun-python-sdk-core', 'aliyun-python-sdk-kms'];

function module(path: string) {
  const mod = manifestModuleFor(path);
  if (!mod) throw new Error(path);
  return mod;
}

function add(path: string, text: string, deps: Dependency[], options?: AddOptions) {
  const r = module(path).add(text, deps, options);
  return { ...r, out: applyEdits(text, r.edits), codes: r.problems.map((p) => p.code) };
}

describe('one list: application discovery and the editors agree', () => {
  it('every file a module edits makes an application, and so do composer.json and *.csproj', () => {
    for (const name of [
      'pom.xml',
      'build.gradle',
      'build.gradle.kts',
      'go.mod',
      'requirements.txt',
      'requirements-prod.txt',
      'requirements.in',
      'pyproject.toml',
      'setup.py',
      'setup.cfg',
      'package.json',
    ]) {
      expect(manifestModuleFor(name), name).toBeDefined();
      expect(isManifest(name), name).toBe(true);
    }
    expect(isApplicationManifest('composer.json')).toBe(true);
    expect(isManifest('Service.csproj')).toBe(true);
    expect(manifestModuleFor('composer.json')).toBeUndefined();
    expect(isManifest('libs.versions.toml')).toBe(false);
    expect(new Set(MANIFEST_MODULES.map((m) => m.id)).size).toBe(MANIFEST_MODULES.length);
    // Discovery's list, kept apart so it loads no parser, is exactly the modules' patterns.
    const patterns = Object.values(MANIFEST_FILE_PATTERNS);
    expect(new Set(MANIFEST_MODULES.map((m) => m.filePatterns))).toEqual(new Set(patterns));
  });
});

describe('pom.xml extract', () => {
  const pom = `<project>
  <!-- <dependencies><dependency><groupId>a</groupId><artifactId>in-comment</artifactId></dependency></dependencies> -->
  <properties><kms.version>0.2.2</kms.version></properties>
  <dependencyManagement><dependencies><dependency><groupId>a</groupId><artifactId>managed</artifactId><version>1</version></dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>a</groupId><artifactId>own</artifactId><version>\${kms.version}</version></dependency>
    <dependency><groupId>a</groupId><artifactId>tested</artifactId><version>1</version><scope>test</scope></dependency>
  </dependencies>
  <build><pluginManagement><plugins><plugin><artifactId>p</artifactId><dependencies><dependency><groupId>a</groupId><artifactId>plugin-dep</artifactId></dependency></dependencies></plugin></plugins></pluginManagement></build>
  <profiles><profile><dependencies><dependency><groupId>a</groupId><artifactId>profiled</artifactId></dependency></dependencies></profile></profiles>
</project>
`;
  it('reads each dependency with its scope, and a property version with the property value span', () => {
    const { declared } = module('pom.xml').extract(pom);
    expect(declared.map((d) => [d.name, d.scope])).toEqual([
      ['a:managed', 'managed'],
      ['a:own', 'main'],
      ['a:tested', 'test'],
      ['a:plugin-dep', 'other'],
      ['a:profiled', 'other'],
    ]);
    const own = declared.find((d) => d.name === 'a:own');
    expect(own?.resolved).toBe('0.2.2');
    expect(pom.slice(own?.versionSpan?.start, own?.versionSpan?.end)).toBe('0.2.2');
  });

  it('reports XML that is not well-formed instead of guessing', () => {
    expect(add('pom.xml', '<project><dependencies></project>', [TRANSFER]).codes).toEqual(['unreadable']);
  });
});

describe('pom.xml add', () => {
  it('does not raise a version property that other dependencies share', () => {
    const pom = `<project>\n  <properties>\n    <aliyun.version>0.1.0</aliyun.version>\n  </properties>\n  <dependencies>\n    <dependency><groupId>com.aliyun.kms</groupId><artifactId>kms-transfer-client</artifactId><version>\${aliyun.version}</version></dependency>\n    <dependency><groupId>com.aliyun</groupId><artifactId>other</artifactId><version>\${aliyun.version}</version></dependency>\n  </dependencies>\n</project>\n`;
    const r = add('pom.xml', pom, [TRANSFER]);
    expect(r.edits).toEqual([]);
    expect(r.codes).toEqual(['version-older']);
    expect(r.problems[0].message).toMatch(/\$\{aliyun\.version\}.*also sets com\.aliyun:other/);
  });

  it('refuses when </dependencies> shares its line, and the message does not name the file', () => {
    const r = add(
      'pom.xml',
      '<project>\n  <dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId></dependency></dependencies>\n</project>\n',
      [TRANSFER],
    );
    expect(r.codes).toEqual(['shared-line']);
    expect(r.problems[0].message).not.toMatch(/pom\.xml/);
  });

  it('reports an older version inherited from the parent POM, naming where to raise it', () => {
    const parent = module('pom.xml').extract(
      '<project><dependencies><dependency><groupId>com.aliyun.kms</groupId><artifactId>kms-transfer-client</artifactId><version>0.1.0</version></dependency></dependencies></project>',
    );
    const child =
      '<project>\n  <parent><artifactId>p</artifactId></parent>\n  <dependencies>\n  </dependencies>\n</project>\n';
    expect(
      module('pom.xml')
        .related?.(child)
        .map((r) => r.path),
    ).toEqual(['../pom.xml']);
    const r = add('pom.xml', child, [TRANSFER], {
      related: [{ path: '../pom.xml', role: 'parent', extraction: parent }],
    });
    expect(r.edits).toEqual([]);
    expect(r.problems[0]).toMatchObject({
      code: 'version-older',
      message: expect.stringContaining('in ../pom.xml'),
    });
  });

  it('never touches a file whose text at a recorded offset is not what extract saw', () => {
    const before =
      '<project>\n  <dependencies>\n    <dependency><groupId>com.aliyun.kms</groupId><artifactId>kms-transfer-client</artifactId><version>0.1.0</version></dependency>\n  </dependencies>\n</project>\n';
    const seen = module('pom.xml').extract(before);
    const moved = before.replace('<project>', '<project> ');
    const r = add('pom.xml', moved, [TRANSFER], { seen });
    expect(r.edits).toEqual([]);
    expect(r.codes).toEqual(['changed-since-extract']);
    // The same extraction on the same text raises the version.
    expect(add('pom.xml', before, [TRANSFER], { seen }).out).toContain('<version>0.2.2</version>');
  });
});

describe('go.mod', () => {
  it('a replace line is not a requirement; a replaced requirement is reported, not raised', () => {
    const text =
      'module m\n\ngo 1.21\n\nrequire github.com/aliyun/alibabacloud-dkms-transfer-go-sdk v0.0.1\n\nreplace github.com/aliyun/alibabacloud-dkms-transfer-go-sdk => ../fork\n';
    const declared = module('go.mod').extract(text).declared;
    expect(declared.map((d) => [d.scope, d.group ?? '', d.version])).toEqual([
      ['main', '', 'v0.0.1'],
      ['other', 'replace', '../fork'],
    ]);
    const r = add('go.mod', text, [GO_TRANSFER]);
    expect(r.edits).toEqual([]);
    expect(r.codes).toEqual(['version-unjudged']);
  });

  it('creates a require block after a one-line require, keeping CRLF', () => {
    const r = add('go.mod', 'module m\r\n\r\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\r\n', [
      GO_TRANSFER,
    ]);
    expect(r.out).toBe(
      'module m\r\n\r\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\r\n\r\nrequire (\r\n\tgithub.com/aliyun/alibabacloud-dkms-transfer-go-sdk v0.1.9\r\n)\r\n',
    );
  });
});

describe('requirements', () => {
  it('hash-checking mode without a pip-compile source is refused', () => {
    const text = 'aliyun-python-sdk-kms==2.16.5 \\\n    --hash=sha256:00\n';
    const r = add('requirements.txt', text, [PY_TRANSFER]);
    expect(r.edits).toEqual([]);
    expect(r.codes).toEqual(['hash-checking']);
    expect(
      module('requirements.txt')
        .extract(text)
        .declared.map((d) => [d.name, d.version]),
    ).toEqual([['aliyun-python-sdk-kms', '==2.16.5']]);
  });

  it('a library gets a range; an older pin is raised at its offset; a comment is not a requirement', () => {
    const text =
      '# alibabacloud-dkms-transfer-python==0.1.0\naliyun-python-sdk-core==2.16.1\nalibabacloud-dkms-gcs==0.9.0  # instance SDK\n';
    const gcs: Dependency = { ecosystem: 'pypi', name: 'alibabacloud_dkms_gcs', version: '1.0.2' };
    expect(add('requirements.txt', text, [PY_TRANSFER, gcs], { library: true }).out).toBe(
      '# alibabacloud-dkms-transfer-python==0.1.0\naliyun-python-sdk-core==2.16.1\nalibabacloud-dkms-gcs==1.0.2  # instance SDK\nalibabacloud-dkms-transfer-python>=0.1.3\n',
    );
  });

  it('an optional import adds its packages where the legacy package is installed, else says so', () => {
    const options = { optional: true, replaces: LEGACY_PY };
    expect(add('requirements.txt', 'aliyun-python-sdk-kms\n', [PY_TRANSFER], options).out).toContain(
      'alibabacloud-dkms-transfer-python==0.1.3',
    );
    const r = add('requirements.txt', 'flask\n', [PY_TRANSFER], options);
    expect([r.edits, r.codes]).toEqual([[], ['optional-not-declared']]);
  });
});

describe('pyproject.toml, setup.py, setup.cfg', () => {
  it('Poetry: an optional legacy package puts the new one beside it, in its extra', () => {
    const text =
      '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.9"\naliyun-python-sdk-kms = { version = "^2.16", optional = true }\n\n[tool.poetry.extras]\nkms = ["aliyun-python-sdk-kms"]\n';
    const r = add('pyproject.toml', text, [PY_TRANSFER], {
      optional: true,
      replaces: LEGACY_PY,
      library: true,
    });
    expect(r.out).toBe(
      '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.9"\naliyun-python-sdk-kms = { version = "^2.16", optional = true }\nalibabacloud-dkms-transfer-python = { version = ">=0.1.3", optional = true }\n\n[tool.poetry.extras]\nkms = ["aliyun-python-sdk-kms", "alibabacloud-dkms-transfer-python"]\n',
    );
  });

  it('PEP 621: dynamic dependencies are reported; invalid TOML is refused', () => {
    expect(
      add('pyproject.toml', '[project]\nname = "x"\ndynamic = ["dependencies"]\n', [PY_TRANSFER]).codes,
    ).toEqual(['dynamic-dependencies']);
    expect(add('pyproject.toml', '[project\n', [PY_TRANSFER]).codes).toEqual(['unreadable']);
  });

  it('setup.py: a list in a comment is not read; extras_require takes an optional import', () => {
    const text =
      "# install_requires=['alibabacloud-dkms-transfer-python']\nsetup(\n    install_requires=['requests'],\n    extras_require={'kms': ['aliyun-python-sdk-kms']},\n)\n";
    expect(
      module('setup.py')
        .extract(text)
        .declared.map((d) => [d.name, d.scope, d.group ?? '']),
    ).toEqual([
      ['requests', 'main', ''],
      ['aliyun-python-sdk-kms', 'optional', 'kms'],
    ]);
    expect(add('setup.py', text, [PY_TRANSFER], { optional: true, replaces: LEGACY_PY }).out).toContain(
      "extras_require={'kms': ['aliyun-python-sdk-kms', 'alibabacloud-dkms-transfer-python==0.1.3']}",
    );
  });

  it('setup.cfg: an extra of [options.extras_require] takes an optional import', () => {
    const text =
      '[options]\ninstall_requires =\n    requests\n\n[options.extras_require]\nkms =\n    aliyun-python-sdk-core\n';
    expect(
      add('setup.cfg', text, [PY_TRANSFER], { optional: true, replaces: LEGACY_PY, library: true }).out,
    ).toBe(
      '[options]\ninstall_requires =\n    requests\n\n[options.extras_require]\nkms =\n    aliyun-python-sdk-core\n    alibabacloud-dkms-transfer-python>=0.1.3\n',
    );
  });
});

describe('Gradle', () => {
  it('a version from a variable is present but not judged; map notation is read', () => {
    const text =
      "dependencies {\n    implementation \"com.aliyun.kms:kms-transfer-client:$kmsVersion\"\n    implementation group: 'com.aliyun', name: 'alibabacloud-dkms-gcs-sdk', version: '0.5.2'\n}\n";
    const gcs: Dependency = {
      ecosystem: 'maven',
      name: 'com.aliyun:alibabacloud-dkms-gcs-sdk',
      version: '0.5.2',
    };
    const r = add('build.gradle', text, [TRANSFER, gcs]);
    expect(r.edits).toEqual([]);
    expect(r.codes).toEqual(['version-unjudged']);
  });
});
