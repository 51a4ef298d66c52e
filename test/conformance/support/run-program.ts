import { spawn } from 'node:child_process';

export interface CheckLine {
  check: string;
  ok: boolean;
  detail: string;
  /** Time since the previous check, when the program reports it. */
  ms?: number;
}

export interface ProgramRun {
  code: number;
  checks: CheckLine[];
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs one conformance program and collects the JSON lines it prints: {"check","ok","detail"} per
 * check and {"output": {...}} for values the next phase needs. Anything else is kept as text.
 */
export function runProgram(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ProgramRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      stderr += `\n[runner] killed after ${opts.timeoutMs ?? 180_000} ms`;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 180_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const finish = (code: number) => {
      clearTimeout(timer);
      const checks: CheckLine[] = [];
      const outputs: Record<string, string> = {};
      for (const line of stdout.split('\n')) {
        const t = line.trim();
        if (!t.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(t) as Partial<CheckLine> & { output?: Record<string, string> };
          if (typeof parsed.check === 'string')
            checks.push({
              check: parsed.check,
              ok: parsed.ok === true,
              detail: String(parsed.detail ?? ''),
              ms: typeof parsed.ms === 'number' ? parsed.ms : undefined,
            });
          else if (parsed.output) Object.assign(outputs, parsed.output);
        } catch {
          // a program's own log line that happens to start with '{'
        }
      }
      resolve({ code, checks, outputs, stdout, stderr, ms: Date.now() - started });
    };
    child.on('error', (err) => {
      stderr += err.message;
      finish(127);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}

/** A failure message that names every mismatched check, or '' when the run is clean. */
export function describeFailures(run: ProgramRun, required: readonly string[]): string {
  const problems: string[] = [];
  for (const c of run.checks) if (!c.ok) problems.push(`✗ ${c.check}: ${c.detail}`);
  const seen = new Set(run.checks.map((c) => c.check));
  for (const name of required)
    if (!seen.has(name)) problems.push(`✗ ${name}: the program never reported this check`);
  if (run.code !== 0 && problems.length === 0) problems.push(`exit code ${run.code}`);
  if (problems.length === 0) return '';
  const tail = `${run.stderr}`.split('\n').slice(-25).join('\n');
  return `${problems.join('\n')}\n--- program stderr (tail) ---\n${tail}`;
}
