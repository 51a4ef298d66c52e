import { eolOf, indentAt, indentUnitOf, lineStart } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';

interface Tag {
  name: string;
  open: number;
  /** Offset of `<` of the closing tag. */
  close: number;
  path: string;
}

/** Element positions by path (`project/dependencies`), skipping comments and CDATA. */
function elements(text: string): Tag[] {
  const out: Tag[] = [];
  const stack: { name: string; open: number }[] = [];
  const re =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g;
  for (const m of text.matchAll(re)) {
    if (!m[2]) continue;
    if (m[1]) {
      const top = stack.pop();
      if (top && top.name === m[2]) {
        out.push({
          name: top.name,
          open: top.open,
          close: m.index ?? 0,
          path: [...stack.map((s) => s.name), top.name].join('/'),
        });
      }
    } else if (!m[3]) stack.push({ name: m[2], open: m.index ?? 0 });
  }
  return out;
}

function hasDependency(text: string, name: string): boolean {
  const [group, artifact] = name.split(':');
  const re = new RegExp(
    `<groupId>\\s*${group.replace(/\./g, '\\.')}\\s*</groupId>\\s*<artifactId>\\s*${artifact}\\s*</artifactId>`,
  );
  return re.test(text);
}

/** pom.xml: adds `<dependency>` elements to the project's own `<dependencies>` (not dependencyManagement). */
export function editPom(text: string, deps: readonly Dependency[]): ManifestEdit {
  const missing = deps.filter((d) => !hasDependency(text, d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const unit = indentUnitOf(text, '  ');
  const tags = elements(text);
  const depsTag = tags.find((t) => t.path === 'project/dependencies');
  const render = (indent: string) =>
    missing
      .map((d) => {
        const [group, artifact] = d.name.split(':');
        const inner = indent + unit;
        return [
          `${indent}<dependency>`,
          `${inner}<groupId>${group}</groupId>`,
          `${inner}<artifactId>${artifact}</artifactId>`,
          `${inner}<version>${d.version}</version>`,
          `${indent}</dependency>`,
        ]
          .map((l) => l + eol)
          .join('');
      })
      .join('');
  if (depsTag) {
    const closeIndent = indentAt(text, depsTag.close);
    const at = lineStart(text, depsTag.close);
    if (text.slice(at, depsTag.close).trim() !== '') {
      return {
        edits: [],
        problems: [
          'pom.xml: </dependencies> shares its line with other content; add the dependencies by hand',
        ],
      };
    }
    return { edits: [{ start: at, end: at, text: render(closeIndent + unit) }], problems: [] };
  }
  const project = tags.find((t) => t.path === 'project');
  if (!project) return { edits: [], problems: ['pom.xml: no <project> element found'] };
  const at = lineStart(text, project.close);
  const indent = unit;
  const block = `${indent}<dependencies>${eol}${render(indent + unit)}${indent}</dependencies>${eol}`;
  return { edits: [{ start: at, end: at, text: block }], problems: [] };
}
