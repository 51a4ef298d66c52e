import { spawn } from 'node:child_process';

/** git is asked nothing that should take long; one that hangs is treated as one that failed. */
const TIMEOUT_MS = 30_000;

/**
 * What a read-only git command prints, or undefined when git is missing, fails or hangs; `input` goes to
 * its stdin. Background tools' manners: no prompt, and no optional lock (`git status` would otherwise
 * write back the index it refreshed, and a git command of the user's running then would meet our lock).
 */
export function gitOutput(cwd: string, args: string[], input?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('git', args, {
        cwd,
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
        timeout: TIMEOUT_MS,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
      });
    } catch {
      resolve(undefined);
      return;
    }
    const out: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(out).toString('utf8') : undefined));
    if (input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
    }
  });
}
