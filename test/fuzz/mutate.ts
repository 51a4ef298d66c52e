/** Deterministic input mutation for the fuzz tests (mulberry32, so a failure is reproducible from its seed). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '`',
  '/*',
  '*/',
  '\\',
  '\n',
  '\r\n',
  '\t',
  '\0',
  '\uFEFF',
  '\uD800',
  '😀',
  '${',
  '#',
  ':',
  ';',
  'new ',
  '=>',
];

/** One of: truncation, random characters, spliced tokens, duplicated slices, deep nesting. */
export function mutate(seedText: string, random: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const at = () => Math.floor(random() * (seedText.length + 1));
  switch (i % 5) {
    case 0:
      return seedText.slice(0, at());
    case 1: {
      let s = seedText;
      const n = 1 + Math.floor(random() * 20);
      for (let k = 0; k < n; k++) {
        const p = Math.floor(random() * (s.length + 1));
        s = s.slice(0, p) + String.fromCharCode(Math.floor(random() * 0xffff)) + s.slice(p + 1);
      }
      return s;
    }
    case 2: {
      let s = seedText;
      const n = 1 + Math.floor(random() * 10);
      for (let k = 0; k < n; k++) {
        const p = Math.floor(random() * (s.length + 1));
        s = s.slice(0, p) + pick(NASTY) + s.slice(p);
      }
      return s;
    }
    case 3: {
      const a = at();
      const b = at();
      const [x, y] = a < b ? [a, b] : [b, a];
      return (
        seedText.slice(0, y) + seedText.slice(x, y).repeat(1 + Math.floor(random() * 5)) + seedText.slice(y)
      );
    }
    default: {
      const depth = 100 + Math.floor(random() * 1500);
      const [open, close] = pick([
        ['(', ')'],
        ['[', ']'],
        ['{', '}'],
        ['f(', ')'],
      ] as const);
      const p = at();
      return (
        seedText.slice(0, p) +
        open.repeat(depth) +
        (random() < 0.5 ? close.repeat(depth) : '') +
        seedText.slice(p)
      );
    }
  }
}
