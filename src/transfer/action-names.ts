/** pop-core upper-cases the first letter of actions and parameter names unless told not to;
 *  routing must see the names exactly as pop-core would send them. */
export function firstLetterUpper(name: string): string {
  return name.slice(0, 1).toUpperCase() + name.slice(1);
}

export function formatAction(action: string, formatActionOpt: boolean | undefined): string {
  return formatActionOpt === false ? action : firstLetterUpper(action);
}

export function formatParams(
  params: Record<string, unknown>,
  formatParamsOpt: boolean | undefined,
): Record<string, unknown> {
  if (formatParamsOpt === false) return { ...params };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[firstLetterUpper(k)] = v;
  return out;
}
