import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One mock per directory: `<dir>/mock.lock` holds the owner's pid. A lock whose process is gone is
 * stale and taken over; a live one is refused with a message naming the pid.
 */
export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function lockMockDir(dir: string): DirLock {
  const lock = join(dir, 'mock.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      const token = String(process.pid);
      return {
        release: () => {
          if (readOwner(lock) === Number(token)) rmSync(lock, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(lock);
    if (owner !== undefined && alive(owner)) {
      throw new Error(
        `${dir}: another kms-codemod mock (pid ${owner}${owner === process.pid ? ', this process' : ''}) is using this directory; stop it first, or give this one another --state/--dir`,
      );
    }
    // The owner died without cleaning up (kill -9, power loss): the lock is stale.
    rmSync(lock, { force: true });
  }
  throw new Error(`${dir}: could not take ${lock} (another mock is starting at the same moment?); try again`);
}
