import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Toolchain } from '../../../src/toolchains/index.js';
import { GO_DIRECTIVE } from '../../../src/toolchains/index.js';
import { type ProgramRun, runProgram } from './run-program.js';

export const CONFORMANCE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export interface Launcher {
  /** Runs program `name` (a scenario: legacy, instance, transfer, security, ...). */
  run(name: string, args: string[], env: Record<string, string>): Promise<ProgramRun>;
}

function buildFailure(what: string, r: ProgramRun): Error {
  return new Error(
    `${what} failed (exit ${r.code}):\n${`${r.stdout}\n${r.stderr}`.split('\n').slice(-40).join('\n')}`,
  );
}

/** Each launcher builds its programs once (javac for all Java files, go build per program). */
export async function makeLauncher(tc: Extract<Toolchain, { ok: true }>): Promise<Launcher> {
  const base = { ...process.env } as Record<string, string>;
  switch (tc.lang) {
    case 'python': {
      const dir = join(CONFORMANCE_DIR, 'python');
      return {
        run: (name, args, env) =>
          runProgram(tc.python, [join(dir, `${name}.py`), ...args], { env: { ...base, ...tc.env, ...env } }),
      };
    }
    case 'node': {
      const dir = join(CONFORMANCE_DIR, 'node');
      return {
        run: (name, args, env) =>
          runProgram(process.execPath, [join(dir, `${name}.cjs`), ...args], {
            env: { ...base, ...tc.env, ...env },
          }),
      };
    }
    case 'java': {
      const src = join(CONFORMANCE_DIR, 'java');
      const out = mkdtempSync(join(tmpdir(), 'kms-conformance-java-'));
      const files = readdirSync(src)
        .filter((f) => f.endsWith('.java'))
        .map((f) => join(src, f));
      const r = await runProgram(
        tc.javac,
        ['-encoding', 'UTF-8', '-nowarn', '-cp', tc.classpath, '-d', out, ...files],
        { env: { ...base, ...tc.env } },
      );
      if (r.code !== 0) throw buildFailure(`javac of ${src}`, r);
      const cp = `${out}${delimiter}${tc.classpath}`;
      const mainClass = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Conformance`;
      return {
        run: (name, args, env) =>
          runProgram(tc.java, ['-cp', cp, mainClass(name), ...args], { env: { ...base, ...tc.env, ...env } }),
      };
    }
    case 'go': {
      const src = join(CONFORMANCE_DIR, 'go');
      const work = mkdtempSync(join(tmpdir(), 'kms-conformance-go-'));
      cpSync(src, work, { recursive: true });
      writeFileSync(
        join(work, 'go.mod'),
        `module kmscodemod.local/conformance\n\ngo ${GO_DIRECTIVE}\n\n${tc.goModRequires}`,
      );
      writeFileSync(join(work, 'go.sum'), tc.replaceOrSum ?? '');
      const bin = join(work, 'bin');
      mkdirSync(bin, { recursive: true });
      const goEnv = { ...base, ...tc.env };
      const programs = readdirSync(work, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name !== 'bin' && d.name !== 'common')
        .map((d) => d.name);
      const r = await runProgram(tc.go, ['build', '-o', `${bin}/`, ...programs.map((p) => `./${p}`)], {
        cwd: work,
        env: goEnv,
        timeoutMs: 600_000,
      });
      if (r.code !== 0) throw buildFailure(`go build in ${work}`, r);
      return { run: (name, args, env) => runProgram(join(bin, name), args, { env: { ...base, ...env } }) };
    }
  }
}
