/**
 * Whether we run under CI: `CI` set to any non-empty value other than `false` or `0` (CI=1 and
 * CI=true are both common). Under CI a missing toolchain fails instead of skipping; every toolchain
 * gate (tests, verify's strictToolchains) asks this one function.
 */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== 'false' && v !== '0';
}
