import { spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Each output line, prefixed by the caller's label. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

/**
 * Runs a command without a shell, streams its lines to onLine and keeps the output for the error
 * message. Never rejects: a command that cannot start returns code 127 with the reason in stderr.
 */
export function runCommand(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(cmd, [...args], {
      cwd: opts.cwd,
      env: opts.env as NodeJS.ProcessEnv | undefined,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            stderr += `\n${cmd} timed out after ${opts.timeoutMs} ms`;
            child.kill('SIGKILL');
          }, opts.timeoutMs)
        : undefined;
    const lineSplitter = (append: (s: string) => void) => {
      let pending = '';
      return (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        append(text);
        if (!opts.onLine) return;
        pending += text;
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') opts.onLine(line);
      };
    };
    child.stdout.on(
      'data',
      lineSplitter((s) => (stdout += s)),
    );
    child.stderr.on(
      'data',
      lineSplitter((s) => (stderr += s)),
    );
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code: 127, stdout, stderr: `${stderr}${err.message}` });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** The last lines of a failed command's output, for an error message. */
export function tailOf(result: RunResult, lines = 15): string {
  const all = `${result.stdout}\n${result.stderr}`.split(/\r?\n/).filter((l) => l.trim() !== '');
  return all.slice(-lines).join('\n');
}
