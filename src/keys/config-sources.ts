import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { toRel } from '../workspace/walk.js';
import { flattenYaml, isMap, isScalar, parseYamlDocuments, type YamlNode } from './yaml-lite.js';

/**
 * The values a deployed application reads its KeyId from, found in the repository: `.env` files,
 * Spring `application*.properties|yml`, docker-compose `environment:`, Kubernetes container `env:`
 * and ConfigMap `data:`. Only names and values of non-secret settings are kept; Kubernetes Secrets
 * are never read.
 */
export interface ConfigValue {
  value: string;
  /** Repository-relative file with `/` separators. */
  file: string;
  line: number;
  /** Repository-relative directory this value is scoped to (a compose service's build context, ...), if known. */
  scope?: string;
}

export interface ConfigIndex {
  /** Environment variable name → values. */
  env: Map<string, ConfigValue[]>;
  /** Spring-style property name (`kms.key-id`) → values. */
  props: Map<string, ConfigValue[]>;
  /** Files that could not be read or parsed; reported, never fatal. */
  skipped: { file: string; reason: string }[];
}

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'vendor',
  'third_party',
  'target',
  'dist',
  'build',
  '.venv',
  'venv',
  '__pycache__',
  '.gradle',
  '.idea',
]);
const MAX_FILE = 1024 * 1024;
const MAX_DEPTH = 8;

type Kind = 'dotenv' | 'properties' | 'spring-yaml' | 'compose' | 'yaml';

function kindOf(name: string): Kind | undefined {
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (name.endsWith('.properties')) return 'properties';
  if (!/\.ya?ml$/.test(name)) return undefined;
  if (/^(application|bootstrap)([-.].*)?\.ya?ml$/.test(name)) return 'spring-yaml';
  if (/^(docker-)?compose([-.].*)?\.ya?ml$/.test(name)) return 'compose';
  return 'yaml';
}

async function findConfigFiles(root: string): Promise<{ path: string; kind: Kind }[]> {
  const out: { path: string; kind: Kind }[] = [];
  const walk = async (dir: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isSymbolicLink()) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(p, depth + 1);
      } else if (e.isFile()) {
        const kind = kindOf(e.name);
        if (kind) out.push({ path: p, kind });
      }
    }
  };
  await walk(root, 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function add(map: Map<string, ConfigValue[]>, name: string, v: ConfigValue) {
  const list = map.get(name) ?? [];
  list.push(v);
  map.set(name, list);
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0])) return t.slice(1, -1);
  return t.replace(/\s+#.*$/, '');
}

function readDotenv(text: string, file: string, idx: ConfigIndex) {
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(l);
    if (m) add(idx.env, m[1], { value: unquote(m[2]), file, line: i + 1 });
  });
}

function readProperties(text: string, file: string, idx: ConfigIndex) {
  text.split(/\r?\n/).forEach((l, i) => {
    if (/^\s*[#!]/.test(l)) return;
    const m = /^\s*([^=:\s]+)\s*[=:]\s*(.*)$/.exec(l);
    if (m) add(idx.props, m[1], { value: m[2].trim(), file, line: i + 1 });
  });
}

/** compose `environment:` as a list (`- K=V`) or a map (`K: V`). */
function composeEnv(env: YamlNode | undefined, file: string, scope: string | undefined, idx: ConfigIndex) {
  if (Array.isArray(env)) {
    for (const item of env) {
      if (!isScalar(item)) continue;
      const eq = item.value.indexOf('=');
      if (eq > 0)
        add(idx.env, item.value.slice(0, eq), {
          value: item.value.slice(eq + 1),
          file,
          line: item.line,
          scope,
        });
    }
  } else if (isMap(env)) {
    for (const [k, v] of Object.entries(env)) {
      if (isScalar(v)) add(idx.env, k, { value: v.value, file, line: v.line, scope });
    }
  }
}

function readCompose(doc: YamlNode, file: string, dirOfFile: string, idx: ConfigIndex) {
  const services = isMap(doc) ? doc.services : undefined;
  if (!isMap(services)) return;
  for (const svc of Object.values(services)) {
    if (!isMap(svc)) continue;
    const build = svc.build;
    const ctx = isScalar(build)
      ? build.value
      : isMap(build) && isScalar(build.context)
        ? build.context.value
        : undefined;
    const scope = ctx ? normalise(dirOfFile, ctx) : undefined;
    composeEnv(svc.environment, file, scope, idx);
  }
}

function normalise(dir: string, p: string): string {
  const parts = (dir === '.' ? [] : dir.split('/')).concat(p.split('/'));
  const out: string[] = [];
  for (const part of parts) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}

/** Walks any Kubernetes object for `containers[].env[]` and reads ConfigMap `data`. */
function readKubernetes(doc: YamlNode, file: string, idx: ConfigIndex) {
  if (!isMap(doc) || !isScalar(doc.kind)) return;
  if (doc.kind.value === 'Secret') return;
  if (doc.kind.value === 'ConfigMap' && isMap(doc.data)) {
    for (const [k, v] of Object.entries(doc.data))
      if (isScalar(v)) add(idx.env, k, { value: v.value, file, line: v.line });
    return;
  }
  const visit = (n: YamlNode) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (isMap(n)) {
      for (const [k, v] of Object.entries(n)) {
        if (k === 'env' && Array.isArray(v)) {
          for (const item of v) {
            if (isMap(item) && isScalar(item.name) && isScalar(item.value)) {
              add(idx.env, item.name.value, { value: item.value.value, file, line: item.value.line });
            }
          }
        } else visit(v);
      }
    }
  };
  visit(doc);
}

export async function indexConfig(root: string): Promise<ConfigIndex> {
  const idx: ConfigIndex = { env: new Map(), props: new Map(), skipped: [] };
  for (const { path, kind } of await findConfigFiles(root)) {
    const file = toRel(root, path);
    try {
      if ((await stat(path)).size > MAX_FILE) {
        idx.skipped.push({ file, reason: 'larger than 1 MB' });
        continue;
      }
      const text = await readFile(path, 'utf8');
      if (kind === 'dotenv') readDotenv(text, file, idx);
      else if (kind === 'properties') readProperties(text, file, idx);
      else {
        const docs = parseYamlDocuments(text);
        for (const doc of docs) {
          if (kind === 'spring-yaml') {
            for (const [k, v] of flattenYaml(doc)) add(idx.props, k, { value: v.value, file, line: v.line });
          } else if (kind === 'compose') {
            readCompose(doc, file, toRel(root, join(path, '..')), idx);
          } else {
            readKubernetes(doc, file, idx);
          }
        }
      }
    } catch (err) {
      idx.skipped.push({ file, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return idx;
}

/** Spring relaxed binding: `kms.key-id` is also read from `KMS_KEYID` and (commonly written) `KMS_KEY_ID`. */
export function envNamesForProperty(prop: string): string[] {
  const upper = prop.toUpperCase().replace(/\[(\d+)\]/g, '_$1_');
  return [...new Set([upper.replace(/-/g, '').replace(/\./g, '_'), upper.replace(/[-.]/g, '_')])];
}
