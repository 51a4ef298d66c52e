/** PEP 503 normalised project name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Project names mentioned as requirement strings anywhere in the text. */
export function mentions(text: string, name: string): boolean {
  const target = normalizeName(name);
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9._-]*/g))
    if (normalizeName(m[0]) === target) return true;
  return false;
}
