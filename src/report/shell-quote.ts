/** Quotes an argument for a POSIX shell only when it needs it (commands printed for a person to run). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
