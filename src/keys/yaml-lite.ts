/**
 * Just enough YAML to read the places a key id is configured: Spring application.yml, docker-compose
 * `environment:`, Kubernetes `env:` lists and ConfigMaps. Block maps and sequences, plain and quoted
 * scalars, `|`/`>` block scalars, comments, `---` documents. Scalars stay strings; anchors, tags and
 * flow collections other than `[a, b]` are read as plain text. Each scalar remembers its line.
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

interface Line {
  indent: number;
  text: string;
  no: number;
}

function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[,-]/.test(s[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s.trimEnd();
}

function scalar(raw: string, line: number): YamlScalar {
  let v = raw.trim();
  if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) {
    v =
      v[0] === '"'
        ? v.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\')
        : v.slice(1, -1).replace(/''/g, "'");
  }
  return new YamlScalar(v, line);
}

/** `key: value` split at the first `: ` (or a trailing `:`) outside quotes. */
function splitKey(text: string): [string, string] | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && i === 0) {
      quote = c;
    } else if (c === ':' && (i === text.length - 1 || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      return [scalar(text.slice(0, i), 0).value, text.slice(i + 1).trim()];
    }
  }
  return undefined;
}

export function parseYamlDocuments(text: string): YamlNode[] {
  const docs: Line[][] = [[]];
  const raw = text.split(/\r?\n/);
  raw.forEach((l, i) => {
    if (/^---(\s|$)/.test(l) || /^\.\.\.(\s|$)/.test(l)) {
      docs.push([]);
      return;
    }
    const stripped = stripComment(l.replace(/\t/g, '  '));
    if (!stripped.trim()) return;
    const indent = stripped.length - stripped.trimStart().length;
    docs[docs.length - 1].push({ indent, text: stripped.trim(), no: i + 1 });
  });
  return docs.filter((d) => d.length > 0).map((lines) => new Parser(lines, raw).block(0, lines[0].indent));
}

class Parser {
  pos = 0;
  constructor(
    private readonly lines: Line[],
    private readonly raw: string[],
  ) {}

  block(_depth: number, indent: number): YamlNode {
    const first = this.lines[this.pos];
    if (!first) return new YamlScalar('', 0);
    if (first.text === '-' || first.text.startsWith('- ')) return this.sequence(indent);
    if (splitKey(first.text)) return this.map(indent);
    this.pos++;
    return scalar(first.text, first.no);
  }

  private valueAfter(rest: string, no: number, parentIndent: number): YamlNode {
    if (rest === '') {
      const next = this.lines[this.pos];
      // YAML lets a sequence sit at the same indent as its parent key.
      if (
        next &&
        (next.indent > parentIndent ||
          (next.indent === parentIndent && (next.text === '-' || next.text.startsWith('- '))))
      ) {
        return this.block(0, next.indent);
      }
      return new YamlScalar('', no);
    }
    if (/^[|>][-+0-9]*$/.test(rest)) return this.blockScalar(no, parentIndent, rest[0] === '>');
    if (rest.startsWith('[') && rest.endsWith(']')) {
      const inner = rest.slice(1, -1).trim();
      return inner ? inner.split(',').map((x) => scalar(x, no)) : [];
    }
    if (rest.startsWith('{') && rest.endsWith('}')) {
      const out: { [k: string]: YamlNode } = {};
      for (const part of rest.slice(1, -1).split(',')) {
        const kv = splitKey(part.trim());
        if (kv) out[kv[0]] = scalar(kv[1], no);
      }
      return out;
    }
    return scalar(rest, no);
  }

  private blockScalar(no: number, parentIndent: number, folded: boolean): YamlScalar {
    const parts: string[] = [];
    // Block scalars keep their text verbatim, so read the raw lines, not the comment-stripped ones.
    let end = no;
    while (this.pos < this.lines.length && this.lines[this.pos].indent > parentIndent) {
      end = this.lines[this.pos].no;
      this.pos++;
    }
    for (let i = no; i < end; i++) parts.push(this.raw[i].trim());
    return new YamlScalar(parts.join(folded ? ' ' : '\n'), no + 1);
  }

  private map(indent: number): { [k: string]: YamlNode } {
    const out: { [k: string]: YamlNode } = {};
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos];
      if (l.indent < indent) break;
      if (l.indent > indent) {
        this.pos++; // stray deeper line: skip rather than fail
        continue;
      }
      const kv = splitKey(l.text);
      if (!kv || l.text.startsWith('- ')) break;
      this.pos++;
      out[kv[0]] = this.valueAfter(kv[1], l.no, indent);
    }
    return out;
  }

  private sequence(indent: number): YamlNode[] {
    const out: YamlNode[] = [];
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos];
      if (l.indent !== indent || !(l.text === '-' || l.text.startsWith('- '))) break;
      const rest = l.text.slice(1).trimStart();
      if (!rest) {
        this.pos++;
        const next = this.lines[this.pos];
        out.push(next && next.indent > indent ? this.block(0, next.indent) : new YamlScalar('', l.no));
        continue;
      }
      // `- key: value` opens a map whose other keys align with `key`.
      const itemIndent = indent + (l.text.length - rest.length);
      if (splitKey(rest) && !rest.startsWith('"') && !rest.startsWith("'")) {
        this.lines[this.pos] = { indent: itemIndent, text: rest, no: l.no };
        out.push(this.map(itemIndent));
      } else {
        this.pos++;
        out.push(scalar(rest, l.no));
      }
    }
    return out;
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
