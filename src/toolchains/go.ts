import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findExecutable, versionAtLeast } from './find-executable.js';
import { runCommand, tailOf } from './run-command.js';
import { GO_MODULES, GO_WARM_IMPORTS, MIN_RUNTIME } from './sdk-versions.js';
import { readStamp, stampKey, withLock, writeStamp } from './stamp.js';
import type { EnsureOptions, GoToolchain, MissingToolchain } from './types.js';

/** The go directive for the toolchain module and for programs built with it. */
export const GO_DIRECTIVE = '1.21';

function goEnv(dir: string): Record<string, string> {
  const modcache = join(dir, 'modcache');
  const upstream =
    process.env.GOPROXY && process.env.GOPROXY.trim() !== ''
      ? process.env.GOPROXY
      : 'https://proxy.golang.org,direct';
  return {
    GOMODCACHE: modcache,
    GOPATH: join(dir, 'path'),
    GOCACHE: join(dir, 'build'),
    GOFLAGS: '-mod=mod -buildvcs=false',
    // The module cache answers first, so a warm cache builds programs without the network.
    GOPROXY: `${pathToFileURL(join(modcache, 'cache', 'download')).href},${upstream}`,
    GOTOOLCHAIN: 'local',
  };
}

/** Every require line of a go.mod (direct and indirect), as one block for another module. */
export function requireBlock(goMod: string): string {
  const lines: string[] = [];
  const re = /^require\s*\(([\s\S]*?)^\)|^require\s+(\S+\s+\S+)/gm;
  for (let m = re.exec(goMod); m; m = re.exec(goMod)) {
    const body = m[1] ?? m[2] ?? '';
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (line !== '') lines.push(`\t${line}`);
    }
  }
  return `require (\n${lines.join('\n')}\n)\n`;
}

export async function ensureGo(
  cacheDir: string,
  opts: EnsureOptions,
): Promise<GoToolchain | MissingToolchain> {
  const say = opts.onProgress ?? (() => {});
  const go = findExecutable(['go'], [], ['/usr/local/go/bin']);
  if (!go)
    return {
      lang: 'go',
      ok: false,
      reason: `no Go found: install Go ${MIN_RUNTIME.go.join('.')} or newer (golang-go)`,
    };
  const v = await runCommand(go, ['env', 'GOVERSION']);
  const version = (/go(\d+)\.(\d+)/.exec(v.stdout) ?? []).slice(1).map(Number);
  if (version.length < 2 || !versionAtLeast(version, MIN_RUNTIME.go)) {
    return {
      lang: 'go',
      ok: false,
      reason: `Go ${v.stdout.trim() || '?'} at ${go} is too old: install Go ${MIN_RUNTIME.go.join('.')}+`,
    };
  }
  const dir = join(cacheDir, 'go');
  const mod = join(dir, 'mod');
  const env = goEnv(dir);
  const key = stampKey({ modules: GO_MODULES, imports: GO_WARM_IMPORTS, go: version.slice(0, 2) });
  const ready = (): GoToolchain | undefined => {
    const goModFile = join(mod, 'go.mod');
    const goSumFile = join(mod, 'go.sum');
    if (!existsSync(goModFile) || !existsSync(goSumFile)) return undefined;
    return {
      lang: 'go',
      ok: true,
      go,
      env,
      goModRequires: requireBlock(readFileSync(goModFile, 'utf8')),
      replaceOrSum: readFileSync(goSumFile, 'utf8'),
    };
  };
  const warm = () => (!opts.force && readStamp(dir, key) ? ready() : undefined);
  const first = warm();
  if (first) return first;

  return withLock(
    dir,
    () => say('go: waiting for another setup to finish'),
    async () => {
      const again = warm();
      if (again) return again;
      mkdirSync(mod, { recursive: true });
      const requires = GO_MODULES.map((m) => `\t${m.name} ${m.version}`).join('\n');
      writeFileSync(
        join(mod, 'go.mod'),
        `module kms-codemod.local/sdk-toolchain\n\ngo ${GO_DIRECTIVE}\n\nrequire (\n${requires}\n)\n`,
      );
      const imports = GO_WARM_IMPORTS.map((p) => `\t_ "${p}"`).join('\n');
      writeFileSync(
        join(mod, 'warm.go'),
        `// Imports every SDK package once so that setup fills the module and build caches.\npackage main\n\nimport (\n${imports}\n)\n\nfunc main() {}\n`,
      );
      const runEnv = { ...process.env, ...env };
      const steps: [string, string[]][] = [
        ['go mod tidy', ['mod', 'tidy']],
        ['go mod download', ['mod', 'download']],
        ['go build (warms the build cache)', ['build', '-o', join(dir, 'warm.bin'), '.']],
      ];
      for (const [label, args] of steps) {
        say(`go: ${label} in ${mod}`);
        const r = await runCommand(go, args, { cwd: mod, env: runEnv, onLine: (l) => say(`go: ${l}`) });
        if (r.code !== 0) {
          return {
            lang: 'go',
            ok: false,
            installFailed: true,
            reason: `${label} failed in ${mod} (pins in src/toolchains/sdk-versions.ts):\n${tailOf(r)}`,
          };
        }
      }
      const done = ready();
      if (!done)
        return {
          lang: 'go',
          ok: false,
          installFailed: true,
          reason: `go.mod/go.sum missing in ${mod} after setup`,
        };
      writeStamp(dir, key, { mod });
      say('go: ready');
      return done;
    },
  );
}
