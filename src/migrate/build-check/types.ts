/** The toolchain families `migrate --build` checks. */
export type BuildLanguage = 'go' | 'java' | 'python' | 'typescript';

/** Executables a build check may run; each is looked up on PATH unless given. */
export type BuildTool = 'go' | 'mvn' | 'gradle' | 'python' | 'tsc' | 'node';

export interface BuildOptions {
  /** The environment of the build commands (default: this process's). */
  env?: Record<string, string | undefined>;
  /** Executables to use instead of the application's own or PATH's. */
  tools?: Partial<Record<BuildTool, string>>;
  /** Time limit per command (default 10 minutes). */
  timeoutMs?: number;
}

export type BuildStatus = 'passed' | 'failed' | 'skipped';

/** What the build check of one changed application found. */
export interface AppBuild {
  /** Absolute directory of the application. */
  app: string;
  language: BuildLanguage;
  status: BuildStatus;
  /** The commands run, as a user would type them (in `app`). */
  commands: string[];
  /** Why the check was skipped, or the compiler's last lines when it failed. */
  detail?: string;
  /** Absolute paths put back as they were before migrate, after a failure. */
  restored: string[];
}

/** One command of a build check, run in the application's directory. */
export interface BuildStep {
  cmd: string;
  args: string[];
  /** Files the command itself may write (go.sum, go.mod), to restore with the rest on failure. */
  touches?: string[];
}

/** The steps of one application's check, or why there is none. */
export type BuildPlan = { steps: BuildStep[] } | { skip: string };
