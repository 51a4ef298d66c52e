import { ensureToolchain, type ReadyToolchain, type ToolLang } from '../../src/toolchains/index.js';

/**
 * The toolchain for a compile check, or a reason to skip. Outside CI a missing toolchain skips with a
 * message; with CI=true it is an error.
 */
export async function toolchainOrSkip<L extends ToolLang>(
  lang: L,
): Promise<{ tc?: ReadyToolchain<L>; skip?: string }> {
  const tc = await ensureToolchain(lang);
  if (tc.ok && tc.lang === lang) return { tc: tc as ReadyToolchain<L> };
  const reason = tc.ok ? `unexpected toolchain for ${lang}` : tc.reason;
  if (process.env.CI === 'true') throw new Error(`${lang} toolchain missing in CI: ${reason}`);
  process.stderr.write(`skipping ${lang} compile checks: ${reason}\n`);
  return { skip: reason };
}
