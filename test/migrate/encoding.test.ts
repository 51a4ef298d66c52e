import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { GBK_JAVA } from '../scan/gbk-java.js';

// Issue 13, point 1: a file that is not UTF-8 is rewritten in its own encoding and line endings.

const GBK_POM = `<?xml version="1.0" encoding="GBK"?>\r\n<project>\r\n    <!-- 依赖：旧版密钥服务 -->\r\n    <dependencies>\r\n        <dependency>\r\n            <groupId>com.aliyun</groupId>\r\n            <artifactId>aliyun-java-sdk-core</artifactId>\r\n            <version>4.7.6</version>\r\n        </dependency>\r\n    </dependencies>\r\n</project>\r\n`;

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

describe('a GBK Java application', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'kms-gbk-'));
    writeFileSync(join(work, 'Main.java'), iconv.encode(GBK_JAVA, 'gbk'));
    writeFileSync(join(work, 'pom.xml'), iconv.encode(GBK_POM, 'gbk'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('is rewritten in GBK with its CRLF line ends; every byte outside the edits is kept', async () => {
    const r = await migrate({ paths: [work], write: true, force: true });
    expect(r.written.sort()).toEqual([
      expect.stringMatching(/Main\.java$/),
      expect.stringMatching(/pom\.xml$/),
    ]);
    const bytes = readFileSync(join(work, 'Main.java'));
    expect(iconv.encode(iconv.decode(bytes, 'gbk'), 'gbk').equals(bytes)).toBe(true);
    const text = iconv.decode(bytes, 'gbk');
    expect(text).toContain('// 使用默认实例的密钥服务客户端，重新加密数据\r\n');
    expect(text).toContain('new KmsTransferAcsClient(profile, kmsConfig); // 客户端\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    // The bytes the rewrite does not touch are those of the file: its head, its comment, its tail.
    const tail = GBK_JAVA.slice(GBK_JAVA.indexOf('        ReEncryptRequest req'));
    expect(bytes.subarray(0, 17).equals(iconv.encode('package demo;\r\n\r\n', 'gbk'))).toBe(true);
    expect(bytes.includes(iconv.encode('// 使用默认实例的密钥服务客户端，重新加密数据\r\n', 'gbk'))).toBe(
      true,
    );
    expect(
      bytes.subarray(bytes.length - iconv.encode(tail, 'gbk').length).equals(iconv.encode(tail, 'gbk')),
    ).toBe(true);
    const pom = iconv.decode(readFileSync(join(work, 'pom.xml')), 'gbk');
    expect(pom).toContain('<!-- 依赖：旧版密钥服务 -->\r\n');
    expect(pom).toContain('<artifactId>kms-transfer-client</artifactId>\r\n');
  });

  it('its patch applies with git apply and gives the same bytes as --write', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'kms-gbk-copy-'));
    try {
      cpSync(work, copy, { recursive: true });
      git(copy, 'init', '-q');
      // Patch paths are relative to the working directory, as the CLI writes them.
      const cwd = process.cwd();
      process.chdir(copy);
      try {
        await migrate({ paths: ['.'], force: true, patch: 'change.patch' });
      } finally {
        process.chdir(cwd);
      }
      await migrate({ paths: [work], write: true, force: true });
      git(copy, 'apply', 'change.patch');
      for (const f of ['Main.java', 'pom.xml'])
        expect(readFileSync(join(copy, f)).equals(readFileSync(join(work, f))), f).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
