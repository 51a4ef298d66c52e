import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, scenarios } from './fixture-scenarios.js';
import { loadToolchain, requireToolchain, type ToolchainGate } from './toolchain-gate.js';

// Spring is not a KMS SDK: the @Bean scenario compiles against these three annotation stand-ins.
const SPRING_STUBS: Record<string, string> = {
  'org/springframework/context/annotation/Bean.java':
    'package org.springframework.context.annotation;\npublic @interface Bean {}\n',
  'org/springframework/context/annotation/Configuration.java':
    'package org.springframework.context.annotation;\npublic @interface Configuration {}\n',
  'org/springframework/beans/factory/annotation/Value.java':
    'package org.springframework.beans.factory.annotation;\npublic @interface Value { String value(); }\n',
};

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...env } });
    let output = '';
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    p.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// The vendor KMS SDK (com.aliyun:alibabacloud-kms-java-sdk) is not served by the registries reachable
// here (src/toolchains/sdk-versions.ts UNAVAILABLE_PACKAGES): its scenarios are checked by the harness only.
const V2_ONLY = /com\.aliyun\.kms\.kms20160120/;
const java = scenarios().filter(
  (s) =>
    s.lang === 'java' &&
    !filesUnder(s.after).some((f) => V2_ONLY.test(readFileSync(join(s.after, f), 'utf8'))),
);
let gate: ToolchainGate<'java'>;
let work: string;

describe('rewritten Java compiles with javac against the real SDK jars', () => {
  beforeAll(async () => {
    gate = await loadToolchain('java');
    work = mkdtempSync(join(tmpdir(), 'kms-javac-'));
    for (const [rel, text] of Object.entries(SPRING_STUBS)) {
      mkdirSync(join(work, 'stubs', rel, '..'), { recursive: true });
      writeFileSync(join(work, 'stubs', rel), text);
    }
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // javac starts slowly: compile every scenario in as few runs as class names allow.
  it('every after/ scenario compiles', async (ctx) => {
    const tc = requireToolchain(gate, 'java', ctx);
    expect(java.length, 'Java rewrite scenarios found').toBeGreaterThan(10);
    const batches: { names: Set<string>; sources: string[] }[] = [];
    for (const s of java) {
      const dir = join(work, s.name);
      cpSync(s.after, dir, { recursive: true });
      const files = filesUnder(dir).filter((f) => f.endsWith('.java'));
      const classes = files.map(
        (f) => `${/^package\s+([\w.]+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? ''}.${basename(f)}`,
      );
      let batch = batches.find((b) => classes.every((c) => !b.names.has(c)));
      if (!batch) {
        batch = { names: new Set(), sources: Object.keys(SPRING_STUBS).map((f) => join(work, 'stubs', f)) };
        batches.push(batch);
      }
      for (const c of classes) batch.names.add(c);
      batch.sources.push(...files.map((f) => join(dir, f)));
    }
    expect(batches.length).toBeGreaterThan(0);
    for (const [i, b] of batches.entries()) {
      const r = await run(
        tc.javac,
        ['-nowarn', '-d', join(work, `classes${i}`), '-cp', tc.classpath, ...b.sources],
        tc.env,
      );
      expect(r.code, r.output).toBe(0);
    }
  });
});
