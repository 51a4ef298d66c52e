import { describe, expect, it } from 'vitest';
import {
  GO_MODULES,
  MAVEN_PACKAGES,
  NPM_PACKAGES,
  PYTHON_PACKAGES,
  SDK_VERSIONS,
} from '../../src/toolchains/sdk-versions.js';

describe('the pinned versions table', () => {
  it('names each package once per ecosystem', () => {
    for (const list of [PYTHON_PACKAGES, MAVEN_PACKAGES, GO_MODULES, NPM_PACKAGES]) {
      const names = list.map((p) => p.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('covers the legacy, instance and transfer SDK of every transfer language', () => {
    expect(SDK_VERSIONS.pypi).toMatchObject({
      'aliyun-python-sdk-kms': expect.any(String),
      'alibabacloud-dkms-gcs': '1.0.2',
      'alibabacloud-dkms-transfer-python': '0.1.3',
    });
    expect(SDK_VERSIONS.maven).toMatchObject({
      'com.aliyun:aliyun-java-sdk-kms': expect.any(String),
      'com.aliyun:alibabacloud-dkms-gcs-sdk': expect.any(String),
      'com.aliyun.kms:kms-transfer-client': '0.2.2',
    });
    expect(SDK_VERSIONS.go).toMatchObject({
      'github.com/aliyun/alibaba-cloud-sdk-go': expect.stringMatching(/^v1\./),
      'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk': expect.stringMatching(/^v0\./),
      'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk': 'v0.1.9',
    });
    expect(SDK_VERSIONS.npm['@alicloud/pop-core']).toBe('1.8.0');
    // migrate adds the slim client package, not the whole toolkit.
    expect(SDK_VERSIONS.npm['@kms-codemod/transfer']).toMatch(/^\d+\.\d+\.\d+/);
    expect(SDK_VERSIONS.npm['kms-codemod']).toBeUndefined();
  });

  it('keeps the dkms-gcs dependency pins pip needs', () => {
    const pins = Object.fromEntries(PYTHON_PACKAGES.map((p) => [p.name, p.version]));
    expect(Number(pins.pyopenssl.split('.')[0])).toBeLessThanOrEqual(23);
    expect(Number(pins.protobuf.split('.')[0])).toBeLessThan(4);
  });
});
