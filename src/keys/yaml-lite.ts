import { createRequire } from 'node:module';
import type { Document, LineCounter, Node, Scalar } from 'yaml';

/**
 * The `yaml` package, loaded on the first parse: a scan's JSON report imports this module to resolve
 * key references, and most reports have no YAML to read (its ~20 files cost every run their load).
 */
let yamlPackage: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlPackage;
}

/**
 * The places a key id is configured (Spring application.yml, docker-compose `environment:`,
 * Kubernetes `env:` lists and ConfigMaps), read with the `yaml` package: every YAML 1.2 form,
 * anchors, aliases and `<<` merge keys, flow collections, block scalars and `---` documents. Scalars
 * stay strings (the failsafe schema: `0123` is not a number), and each remembers its line (the
 * package's LineCounter); an alias's value keeps the line of its anchor, where the value is written.
 * Broken YAML is read as far as it goes; nothing here throws.
 */
export type YamlNode = YamlScalar | YamlNode[] | { [k: string]: YamlNode };

export class YamlScalar {
  constructor(
    readonly value: string,
    readonly line: number,
  ) {}
}

export function isScalar(n: YamlNode | undefined): n is YamlScalar {
  return n instanceof YamlScalar;
}

export function isMap(n: YamlNode | undefined): n is { [k: string]: YamlNode } {
  return typeof n === 'object' && n !== null && !Array.isArray(n) && !isScalar(n);
}

/** Aliases may nest (an anchored map holding aliases); past this depth the value is left empty. */
const MAX_DEPTH = 64;

class Reader {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  private lineOf(node: Node): number {
    return node.range ? this.lines.linePos(node.range[0]).line : 0;
  }

  read(node: unknown, depth = 0): YamlNode {
    if (depth > MAX_DEPTH) return new YamlScalar('', 0);
    const { isAlias, isMap: isYamlMap, isPair, isScalar: isYamlScalar, isSeq } = yaml();
    if (isAlias(node)) return this.read(node.resolve(this.doc), depth + 1);
    if (isYamlScalar(node)) return this.scalar(node);
    if (isSeq(node)) return node.items.map((item) => this.read(item, depth + 1));
    if (isYamlMap(node)) {
      const out: { [k: string]: YamlNode } = {};
      const merged: { [k: string]: YamlNode }[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isYamlScalar(pair.key) ? String(pair.key.value ?? '') : '';
        if (key === '<<' && pair.value) {
          // `<<: *base` or `<<: [*a, *b]`: the merged maps' entries, under the map's own.
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const s of sources) {
            const m = this.read(s, depth + 1);
            if (isMap(m)) merged.push(m);
          }
          continue;
        }
        out[key] =
          pair.value == null
            ? new YamlScalar('', isYamlScalar(pair.key) ? this.lineOf(pair.key) : 0)
            : this.read(pair.value, depth + 1);
      }
      return merged.length ? Object.assign({}, ...merged, out) : out;
    }
    return new YamlScalar('', 0);
  }

  private scalar(node: Scalar): YamlScalar {
    const value = node.value == null ? '' : String(node.value);
    // A block scalar's text starts on the line after its `|` or `>`; its final newline is layout.
    const { Scalar } = yaml();
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)
      return new YamlScalar(value.replace(/\n+$/, ''), this.lineOf(node) + 1);
    return new YamlScalar(value, this.lineOf(node));
  }
}

export function parseYamlDocuments(text: string): YamlNode[] {
  const { LineCounter, parseAllDocuments } = yaml();
  const lines = new LineCounter();
  try {
    const docs = parseAllDocuments(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: false });
    return [...docs].filter((d) => d.contents != null).map((d) => new Reader(d, lines).read(d.contents));
  } catch {
    return [];
  }
}

/** `a: {b: {c: x}}` → `a.b.c = x` (Spring's view of application.yml); list items as `a[0]`. */
export function flattenYaml(
  node: YamlNode,
  prefix = '',
  out = new Map<string, YamlScalar>(),
): Map<string, YamlScalar> {
  if (isScalar(node)) {
    if (prefix) out.set(prefix, node);
  } else if (Array.isArray(node)) {
    node.forEach((n, i) => {
      flattenYaml(n, `${prefix}[${i}]`, out);
    });
  } else {
    for (const [k, v] of Object.entries(node)) flattenYaml(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}
