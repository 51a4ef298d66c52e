import { ensureToolchain, type ReadyToolchain, type ToolLang } from '../../src/toolchains/index.js';
import { skipOrFail } from '../support/gate.js';

export interface ToolchainGate<L extends ToolLang> {
  tc?: ReadyToolchain<L>;
  reason?: string;
}

/** Loads the toolchain for a compile check (in beforeAll); never throws, so each test decides. */
export async function loadToolchain<L extends ToolLang>(lang: L): Promise<ToolchainGate<L>> {
  const tc = await ensureToolchain(lang);
  if (tc.ok && tc.lang === lang) return { tc: tc as ReadyToolchain<L> };
  return { reason: tc.ok ? `unexpected toolchain for ${lang}` : tc.reason };
}

/** The toolchain, or a skip naming what is missing (outside CI) / a failure (under CI). */
export function requireToolchain<L extends ToolLang>(
  gate: ToolchainGate<L> | undefined,
  lang: L,
  ctx: { skip: (note?: string) => void },
): ReadyToolchain<L> {
  if (gate?.tc) return gate.tc;
  return skipOrFail(ctx, `${lang} toolchain missing: ${gate?.reason ?? 'not loaded'}; run \`npm run setup\``);
}
