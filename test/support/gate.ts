import { inCI } from '../../src/toolchains/ci.js';

export { inCI };

/**
 * A test that cannot run here (a toolchain, the built CLI, a system tool is missing): outside CI it
 * is skipped with the reason; under CI it fails, so a missing piece never passes for real.
 */
export function skipOrFail(ctx: { skip: (note?: string) => void }, reason: string): never {
  if (inCI()) throw new Error(`${reason} (CI is set, so this is a failure, not a skip)`);
  process.stderr.write(`[skipped] ${reason}\n`);
  ctx.skip(reason);
  throw new Error('unreachable: ctx.skip throws');
}
