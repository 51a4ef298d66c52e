import { lstatSync, mkdirSync } from 'node:fs';

/**
 * Makes sure `dir` is a directory only this user can write, creating it with mode 0700. The mock
 * keeps its CA key and client keys there: a directory another user owns, or one others may write
 * to, would let them hand us a CA of their choosing. Throws, naming the directory and the fix.
 */
export function ensurePrivateDir(dir: string, uid = process.getuid?.()): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new Error(`${dir}: not a directory (a symbolic link or a file); remove it and start again`);
  }
  // Windows has no uid and no group/other mode bits worth checking.
  if (uid === undefined || process.platform === 'win32') return;
  if (st.uid !== uid) {
    throw new Error(
      `${dir}: owned by uid ${st.uid}, not by you (uid ${uid}); the mock keeps its CA key there, so it refuses a directory someone else controls. Remove it, or set KMS_CODEMOD_CACHE to a directory of your own`,
    );
  }
  if ((st.mode & 0o022) !== 0) {
    throw new Error(
      `${dir}: group or world writable (mode ${(st.mode & 0o777).toString(8)}); the mock keeps its CA key there. Run \`chmod 700 ${dir}\` or remove it`,
    );
  }
}
