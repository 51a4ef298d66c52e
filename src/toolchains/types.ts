export type ToolLang = 'python' | 'java' | 'go' | 'node';

export const TOOL_LANGS: readonly ToolLang[] = ['python', 'java', 'go', 'node'];

export interface EnsureOptions {
  /** Defaults to defaultCacheDir(). */
  cacheDir?: string;
  /** Receives one line per bootstrap step and per line of installer output. */
  onProgress?: (line: string) => void;
  /** Re-run the installers even when the stamp says the cache is warm. */
  force?: boolean;
}

export interface PythonToolchain {
  lang: 'python';
  ok: true;
  /** The venv's python, with every SDK of PYTHON_PACKAGES installed. */
  python: string;
  env: Record<string, string>;
}

export interface JavaToolchain {
  lang: 'java';
  ok: true;
  java: string;
  javac: string;
  /** Every SDK jar with its transitive dependencies, joined with the platform path separator. */
  classpath: string;
  mavenRepo: string;
  env: Record<string, string>;
}

export interface GoToolchain {
  lang: 'go';
  ok: true;
  go: string;
  /** GOMODCACHE, GOPATH, GOCACHE, GOFLAGS=-mod=mod, GOPROXY (module cache first), GOTOOLCHAIN=local. */
  env: Record<string, string>;
  /** `require (...)` block with every pinned module and its indirect dependencies, for a program's go.mod. */
  goModRequires: string;
  /** The go.sum text matching goModRequires: write it next to the program's go.mod. */
  replaceOrSum?: string;
}

export interface NodeToolchain {
  lang: 'node';
  ok: true;
  /** A node_modules directory holding NPM_PACKAGES; also set as NODE_PATH in env (CommonJS only). */
  nodePath: string;
  env: Record<string, string>;
}

export interface MissingToolchain {
  lang: ToolLang;
  ok: false;
  /** Names what to install or what failed, e.g. "no JDK found: install openjdk-17-jdk". */
  reason: string;
  /** True when the tool is present but installing the SDKs failed (setup-cli exits non-zero). */
  installFailed?: boolean;
}

export type Toolchain = PythonToolchain | JavaToolchain | GoToolchain | NodeToolchain | MissingToolchain;

export type ReadyToolchain<L extends ToolLang> = Extract<Toolchain, { lang: L; ok: true }>;
