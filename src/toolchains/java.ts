import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './find-executable.js';
import { runCommand, tailOf } from './run-command.js';
import { MAVEN_PACKAGES, MIN_RUNTIME } from './sdk-versions.js';
import { readStamp, stampKey, withLock, writeStamp } from './stamp.js';
import type { EnsureOptions, JavaToolchain, MissingToolchain } from './types.js';

function pomXml(): string {
  const deps = MAVEN_PACKAGES.map((p) => {
    const [groupId, artifactId] = p.name.split(':');
    return `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${p.version}</version></dependency>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by kms-codemod's toolchain bootstrap (src/toolchains/java.ts); regenerated on every setup. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.kms-codemod</groupId>
  <artifactId>sdk-toolchain</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${deps}
  </dependencies>
</project>
`;
}

async function javaMajor(java: string): Promise<number | undefined> {
  const r = await runCommand(java, ['-version']);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

export async function ensureJava(
  cacheDir: string,
  opts: EnsureOptions,
): Promise<JavaToolchain | MissingToolchain> {
  const say = opts.onProgress ?? (() => {});
  const home = process.env.JAVA_HOME;
  const homeBin = home ? [join(home, 'bin')] : [];
  const java = findExecutable(['java'], homeBin);
  const javac = findExecutable(['javac'], homeBin);
  if (!java || !javac) {
    return {
      lang: 'java',
      ok: false,
      reason: `no JDK found (java and javac): install openjdk-17-jdk, or set JAVA_HOME`,
    };
  }
  const major = await javaMajor(java);
  if (major === undefined || major < MIN_RUNTIME.java) {
    return {
      lang: 'java',
      ok: false,
      reason: `JDK ${major ?? '?'} at ${java} is too old: install openjdk-17-jdk`,
    };
  }
  const mvn = findExecutable(['mvn']);
  if (!mvn)
    return { lang: 'java', ok: false, reason: 'no Maven found: install maven (apt-get install maven)' };

  const dir = join(cacheDir, 'java');
  const mavenRepo = join(dir, 'm2');
  const cpFile = join(dir, 'classpath.txt');
  const key = stampKey({ packages: MAVEN_PACKAGES, major });
  const ready = (): JavaToolchain | undefined => {
    if (!existsSync(cpFile)) return undefined;
    const classpath = readFileSync(cpFile, 'utf8').trim();
    if (classpath === '') return undefined;
    return { lang: 'java', ok: true, java, javac, classpath, mavenRepo, env: { JAVA_HOME: home ?? '' } };
  };
  const warm = () => (!opts.force && readStamp(dir, key) ? ready() : undefined);
  const first = warm();
  if (first) return fixEnv(first);

  return withLock(
    dir,
    () => say('java: waiting for another setup to finish'),
    async () => {
      const again = warm();
      if (again) return fixEnv(again);
      mkdirSync(dir, { recursive: true });
      const pom = join(dir, 'pom.xml');
      writeFileSync(pom, pomXml());
      say(
        `java: resolving ${MAVEN_PACKAGES.map((p) => `${p.name}:${p.version}`).join(' ')} into ${mavenRepo}`,
      );
      const r = await runCommand(
        mvn,
        [
          '-B',
          '-f',
          pom,
          `-Dmaven.repo.local=${mavenRepo}`,
          'dependency:build-classpath',
          `-Dmdep.outputFile=${cpFile}`,
        ],
        { cwd: dir, onLine: (l) => (/Download(ed|ing)|ERROR|BUILD/.test(l) ? say(`java: ${l}`) : undefined) },
      );
      const done = r.code === 0 ? ready() : undefined;
      if (!done) {
        return {
          lang: 'java',
          ok: false,
          installFailed: true,
          reason: `mvn dependency:build-classpath failed for ${pom} (pins in src/toolchains/sdk-versions.ts):\n${tailOf(r)}`,
        };
      }
      writeStamp(dir, key, { classpath: cpFile });
      say(`java: ready (${done.classpath.split(/[:;]/).length} jars)`);
      return fixEnv(done);
    },
  );
}

function fixEnv(tc: JavaToolchain): JavaToolchain {
  // An empty JAVA_HOME confuses some launchers more than an unset one.
  const env = { ...tc.env };
  if (!env.JAVA_HOME) delete env.JAVA_HOME;
  return { ...tc, env };
}
